import ArgumentParser
import CRMKit

/// Which repo to use and how long to wait for its write lock; on every command.
struct StoreOptions: ParsableArguments {
  @Option(
    name: [.customShort("C"), .customLong("repo")],
    help: ArgumentHelp("Use the repo at DIR (else $CRM_DIR, else the nearest parent with .crm/).", valueName: "DIR"),
    completion: .directory)
  var repo: String?

  @Option(help: ArgumentHelp("Seconds to wait for the repo's write lock before giving up (exit 75).", valueName: "SECONDS"))
  var lockTimeout: Double = 10

  @Flag(help: "Parse every file instead of using .crm/cache/ (also CRM_NO_CACHE=1).")
  var noCache = false

  /// The repo, found as SPEC §2 says.
  func open() throws(CRMError) -> Repository {
    var repository = try Repository.discover(explicit: repo, environment: Environment.variables, directory: FileSystem.currentDirectory())
    let disabled = Environment.variable("CRM_NO_CACHE").map { !$0.isEmpty && $0 != "0" } ?? false
    repository.cacheEnabled = !(noCache || disabled)
    return repository
  }
}
