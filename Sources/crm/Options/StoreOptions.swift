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

  /// The repo, found as SPEC §2 says.
  func open() throws(CRMError) -> Repository {
    try Repository.discover(explicit: repo, environment: Environment.variables, directory: FileSystem.currentDirectory())
  }
}
