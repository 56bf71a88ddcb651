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
    guard let (outPipe, errPipe) = outputPipes() else { return nil }
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

  /// What a program run with a deadline did: its status and output, or that it ran out of time.
  public struct Finished: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    /// It was still running at the deadline and was killed (with everything it started).
    public let timedOut: Bool
  }

  /// Runs `arguments` (the program by path) with `stdin` (a file's path) as its input and
  /// `adding` in its environment, capturing stdout and stderr, for at most `timeout`
  /// seconds: then it and its process group are killed. nil when it cannot be started.
  public static func run(_ arguments: [String], stdin: String, adding: [String: String], timeout: Double) -> Finished? {
    guard let (outPipe, errPipe) = outputPipes() else { return nil }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
    // Nothing else of crm's (its lock, whatever it was started with) reaches the program or
    // what it leaves running.
    for fd in openDescriptors() where fd > 2 && !(outPipe + errPipe).contains(fd) { posix_spawn_file_actions_addclose(&actions, fd) }
    // A group of its own, so that the deadline ends whatever it started too.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var environment: [UnsafeMutablePointer<CChar>?] = []
    var entry = environ
    while let variable = entry.pointee {
      let name = String(String(cString: variable).prefix { $0 != "=" })
      if adding[name] == nil { environment.append(strdup(variable)) }
      entry += 1
    }
    for (name, value) in adding { environment.append(strdup(name + "=" + value)) }
    environment.append(nil)
    defer { for p in environment { free(p) } }
    var pid: pid_t = 0
    let started = posix_spawn(&pid, arguments.first ?? "", &actions, &attributes, &argv, &environment) == 0
    close(outPipe[1])
    close(errPipe[1])
    guard started else {
      close(outPipe[0]); close(errPipe[0])
      return nil
    }
    var output: [Int32: [UInt8]] = [outPipe[0]: [], errPipe[0]: []]
    var open = [outPipe[0], errPipe[0]]
    let deadline = monotonicSeconds() + timeout
    var timedOut = false
    var status: Int32?
    var buffer = [UInt8](repeating: 0, count: 65536)
    // Until the program exits (not until its output closes: it may close it and go on, or
    // leave a child holding it), reading what it says, at most until the deadline.
    while status == nil {
      let left = deadline - monotonicSeconds()
      if left <= 0 {
        timedOut = true
        kill(-pid, SIGKILL)
        status = wait(pid)
        break
      }
      var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
      let ready = poll(&fds, nfds_t(fds.count), Int32(min(left, 0.05) * 1000) + 1)
      if ready > 0 {
        for fd in fds where fd.revents != 0 {
          let n = buffer.withUnsafeMutableBytes { read(fd.fd, $0.baseAddress, $0.count) }
          if n > 0 {
            output[fd.fd, default: []] += buffer[0..<n]
          } else if n == 0 || errno != EINTR {
            open.removeAll { $0 == fd.fd }
          }
        }
      }
      var raw: Int32 = 0
      if waitpid(pid, &raw, WNOHANG) == pid { status = raw & 0x7F == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F) }
    }
    // What it wrote before it exited; a child that still holds the pipe is not waited for.
    for fd in open {
      _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
      while true {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { break }
        output[fd, default: []] += buffer[0..<n]
      }
    }
    close(outPipe[0])
    close(errPipe[0])
    return Finished(
      status: status ?? 128 + SIGKILL, stdout: String(decoding: output[outPipe[0]] ?? [], as: UTF8.self),
      stderr: String(decoding: output[errPipe[0]] ?? [], as: UTF8.self), timedOut: timedOut)
  }

  /// Two pipes, for a program's stdout and stderr; nil when they cannot be made.
  private static func outputPipes() -> (out: [Int32], err: [Int32])? {
    var out: [Int32] = [0, 0]
    var err: [Int32] = [0, 0]
    guard pipe(&out) == 0 else { return nil }
    guard pipe(&err) == 0 else {
      close(out[0]); close(out[1])
      return nil
    }
    return (out, err)
  }

  /// This process's open file descriptors (Linux's /proc/self/fd; none elsewhere).
  private static func openDescriptors() -> [Int32] {
    guard let folder = opendir("/proc/self/fd") else { return [] }
    let own = dirfd(folder)
    var fds: [Int32] = []
    while let entry = readdir(folder) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      if let fd = Int32(name), fd != own { fds.append(fd) }
    }
    closedir(folder)
    return fds
  }

  private static func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
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
