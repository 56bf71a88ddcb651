import ArgumentParser
import CRMKit

/// When tables get colour: `auto` is on a terminal, unless NO_COLOR is set or TERM is dumb.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never
}

/// The options on every command: which repo to use, how long to wait for its write lock,
/// and whether to colour what is drawn.
struct StoreOptions: ParsableArguments {
  @Option(
    name: [.customShort("C"), .customLong("repo")],
    help: ArgumentHelp("Use the repo at DIR (else $CRM_DIR, else the nearest parent with .crm/).", valueName: "DIR"),
    completion: .directory)
  var repo: String?

  // Taken whatever it starts with, so '--lock-timeout -1' is refused for what it is.
  @Option(
    name: .customLong("lock-timeout"), parsing: .unconditional,
    help: ArgumentHelp("Seconds to wait for the repo's write lock before giving up (exit 75).", valueName: "SECONDS"))
  var lockTimeoutGiven = Seconds(10)

  var lockTimeout: Double { lockTimeoutGiven.value }

  @Flag(help: "Parse every file instead of using .crm/cache/ (also CRM_NO_CACHE=1).")
  var noCache = false

  @Option(help: "Colour tables: auto (on a terminal, unless NO_COLOR is set or TERM=dumb), always or never.")
  var color: ColorChoice = .auto

  @Flag(help: "Same as --color never.")
  var noColor = false

  /// The longest wait --lock-timeout takes: a day. A longer one is a mistake, and a cron job
  /// that waits forever is never noticed.
  static let longestLockTimeout = 86_400.0

  func validate() throws {
    guard lockTimeout.isFinite, lockTimeout >= 0, lockTimeout <= Self.longestLockTimeout else {
      throw ValidationError("--lock-timeout must be a number of seconds from 0 to \(Int(Self.longestLockTimeout)), not '\(lockTimeoutGiven.text)'")
    }
  }

  /// The repo: -C, else $CRM_DIR, else the nearest parent folder with .crm/.
  func open() throws(CRMError) -> Repository {
    var repository = try Repository.discover(explicit: repo, environment: Environment.variables, directory: FileSystem.currentDirectory())
    let disabled = Environment.variable("CRM_NO_CACHE").map { !$0.isEmpty && $0 != "0" } ?? false
    if let refused = repository.cacheRefused, !(noCache || disabled) { Terminal.warn(refused.description + "; going on without the cache") }
    repository.cacheEnabled = repository.cacheEnabled && !(noCache || disabled)
    return repository
  }
}

/// A number of seconds as the user wrote it, so an error can quote them.
struct Seconds: ExpressibleByArgument {
  let text: String
  /// Not a number when the text is none: `validate` refuses it.
  let value: Double

  init(argument: String) {
    text = argument
    value = Double(argument) ?? .nan
  }

  init(_ seconds: Int) { self.init(argument: String(seconds)) }

  var defaultValueDescription: String { text }
}
