#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Programs in `.crm/hooks/` that a write runs: `pre-change`, which may reject the change,
/// and `post-change`, told after the commit. They come with a clone, so they run only once
/// `crm trust` has recorded them (see `HookTrust`).
public enum Hooks {
  public enum Name: String, Sendable, CaseIterable {
    /// Before the commit; a non-zero exit rejects the change and nothing stays written.
    case preChange = "pre-change"
    /// After the commit; a failure is reported, never undoes the change.
    case postChange = "post-change"
  }

  public static let folder = ".crm/hooks"

  /// How long a hook may run (`hooks: {timeout: 10}` in the config), in seconds.
  public static let defaultTimeout = 10.0

  /// The environment variable every hook runs with, naming it: a crm write the hook makes
  /// runs no hooks itself, so a `post-change` that writes does not set itself off again.
  public static let runningVariable = "CRM_HOOK"

  /// The environment variable a `pre-change` hook runs with, naming the repo whose lock its
  /// change holds: a crm write it starts there fails at once instead of waiting for it.
  public static let holdsLockVariable = "CRM_HOOK_HOLDS_LOCK"

  /// The hook files there are, by name: regular files (an executable bit is not needed to be
  /// found, only to run).
  public static func present(in repo: Repository) -> [Name: String] {
    var found: [Name: String] = [:]
    for name in Name.allCases {
      let path = folder + "/" + name.rawValue
      if FileSystem.isRegularFile(repo.absolute(path)) { found[name] = path }
    }
    return found
  }

  /// What running a hook came to.
  public enum Outcome: Sendable, Equatable {
    case succeeded
    /// It exited non-zero: its status and what it said on stderr (stdout if it said nothing there).
    case failed(Int32, String)
    case timedOut
    /// It could not be started (not executable, a bad `#!` line): why.
    case notStarted(String)
  }

  /// Runs the hook at `path` (relative to the repo) with `input` on stdin (by way of a file
  /// in `temporaryFolder`), `adding` and `CRM_DIR` in its environment, for at most `timeout`
  /// seconds.
  public static func run(
    _ path: String, input bytes: [UInt8], adding: [String: String], timeout: Double, temporaryFolder: String, in repo: Repository
  ) -> Outcome {
    let program = repo.absolute(path)
    guard access(program, X_OK) == 0 else { return .notStarted("it is not executable (chmod +x \(path))") }
    // A private file of its own (mode 0600): an editor's scratch file may be open meanwhile.
    var template = Array((temporaryFolder + "/crm-hook-XXXXXX").utf8CString)
    let fd = mkstemp(&template)
    guard fd >= 0 else { return .notStarted("cannot make a file for its input in \(temporaryFolder): " + FileSystem.errnoText()) }
    let input = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    defer { unlink(input) }
    let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    close(fd)
    guard written == bytes.count else { return .notStarted("cannot write its input: " + FileSystem.errnoText()) }
    let name = String(path.split(separator: "/").last ?? "")
    let environment = adding.merging(["CRM_DIR": repo.root, runningVariable: name]) { a, _ in a }
    guard let finished = Subprocess.run([program], stdin: input, adding: environment, timeout: timeout) else {
      return .notStarted("it could not be started: " + FileSystem.errnoText())
    }
    if finished.timedOut { return .timedOut }
    guard finished.status == 0 else {
      let said = finished.stderr.trimmingSpaces.isEmpty ? finished.stdout : finished.stderr
      return .failed(finished.status, said.trimmingSpaces)
    }
    return .succeeded
  }
}
