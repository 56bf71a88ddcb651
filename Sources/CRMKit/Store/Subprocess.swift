#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs programs with argv (never through a shell string) via posix_spawnp.
public enum Subprocess {
  public struct Output: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
  }

  /// Runs `arguments` (looked up on PATH), capturing stdout and stderr; stdin is /dev/null.
  /// Returns nil when the program cannot be started (e.g. not installed). Meant for
  /// programs with little output: stderr is read after stdout closes. Without `removing`, the
  /// program gets this process's environment; variables named in it are left out.
  public static func run(_ arguments: [String], removing: Set<String> = []) -> Output? {
    var outPipe: [Int32] = [0, 0]
    var errPipe: [Int32] = [0, 0]
    guard pipe(&outPipe) == 0 else { return nil }
    guard pipe(&errPipe) == 0 else {
      close(outPipe[0]); close(outPipe[1])
      return nil
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
    for fd in outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }
    let pid = spawn(arguments, &actions, removing: removing)
    close(outPipe[1])
    close(errPipe[1])
    guard let pid else {
      close(outPipe[0]); close(errPipe[0])
      return nil
    }
    let stdout = readAll(outPipe[0])
    let stderr = readAll(errPipe[0])
    return Output(status: wait(pid), stdout: stdout, stderr: stderr)
  }

  /// Runs `arguments` with this process's stdin, stdout and stderr (for an editor) and
  /// returns its exit status, or nil when it cannot be started. While a `ScratchFile` is
  /// open, a signal that ends crm is passed on to the program first.
  public static func runInteractive(_ arguments: [String]) -> Int32? {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    guard let pid = spawn(arguments, &actions) else { return nil }
    interactiveChild = pid
    defer { interactiveChild = 0 }
    return wait(pid)
  }

  private static func spawn(_ arguments: [String], _ actions: inout posix_spawn_file_actions_t, removing: Set<String> = []) -> pid_t? {
    guard let program = arguments.first else { return nil }
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid: pid_t = 0
    guard !removing.isEmpty else { return posix_spawnp(&pid, program, &actions, nil, &argv, environ) == 0 ? pid : nil }
    var kept: [UnsafeMutablePointer<CChar>?] = []
    var entry = environ
    while let variable = entry.pointee {
      let text = String(cString: variable)
      if !removing.contains(String(text.prefix { $0 != "=" })) { kept.append(variable) }
      entry += 1
    }
    kept.append(nil)
    return posix_spawnp(&pid, program, &actions, nil, &argv, &kept) == 0 ? pid : nil
  }

  private static func wait(_ pid: pid_t) -> Int32 {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
    return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
  }

  static func readAll(_ fd: Int32) -> String {
    var data: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      data.append(contentsOf: buffer[0..<n])
    }
    close(fd)
    return String(decoding: data, as: UTF8.self)
  }
}


// What the signal handler of a `ScratchFile` cleans up, as C values: a handler may touch
// nothing else.
nonisolated(unsafe) private var interactiveChild: pid_t = 0
nonisolated(unsafe) private var scratchPath: UnsafeMutablePointer<CChar>?
nonisolated(unsafe) private var scratchFolder: UnsafeMutablePointer<CChar>?

/// The signals that end crm while a person edits a scratch file.
private let endingSignals = [SIGINT, SIGTERM, SIGHUP]

/// Removes the scratch file and its folder, passes the signal on to the editor, and then
/// ends crm as the signal would have.
private func removeScratchAndEnd(_ signal: Int32) {
  if let scratchPath { unlink(scratchPath) }
  if let scratchFolder { rmdir(scratchFolder) }
  if interactiveChild > 0 { kill(interactiveChild, signal) }
  #if canImport(Glibc)
    Glibc.signal(signal, SIG_DFL)
  #else
    Darwin.signal(signal, SIG_DFL)
  #endif
  raise(signal)
}

/// A copy of a file for a person to edit: in a new folder only its owner can enter (in
/// `$TMPDIR`, else /tmp), readable only by them, and removed with its folder by `remove()`,
/// or by a SIGINT, SIGTERM or SIGHUP that ends crm meanwhile (which the editor gets too).
/// One at a time.
public final class ScratchFile {
  public let path: String
  private let folder: String
  private var previous: [(Int32, sighandler_t?)] = []

  /// Makes the folder and the file `name` in it holding `bytes`.
  public init(named name: String, bytes: [UInt8], temporaryFolder: String) throws(CRMError) {
    var template = Array((temporaryFolder + "/crm-edit-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else {  // mode 0700
      throw CRMError(.cannotWrite, "cannot create a folder for the editor: \(FileSystem.errnoText())", at: SourceLocation(path: temporaryFolder))
    }
    folder = String(cString: made)
    path = folder + "/" + name
    scratchFolder = strdup(folder)
    scratchPath = strdup(path)
    previous = endingSignals.map { ($0, signal($0, removeScratchAndEnd)) }
    do {
      try FileSystem.writeAtomically(bytes, to: path, replacing: nil, mode: 0o600)
    } catch {
      remove()
      throw error
    }
  }

  /// Removes the file and its folder, and puts back the signals' handlers.
  public func remove() {
    guard !previous.isEmpty else { return }
    for (number, handler) in previous { signal(number, handler) }
    previous = []
    unlink(path)
    rmdir(folder)
    let names = (scratchPath, scratchFolder)
    (scratchPath, scratchFolder) = (nil, nil)
    free(names.0)
    free(names.1)
  }

  deinit { remove() }
}
