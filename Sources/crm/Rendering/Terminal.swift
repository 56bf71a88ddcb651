import CRMKit
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process's environment: variables, the clock, whether a person is at a terminal.
enum Environment {
  static var variables: [String: String] {
    var result: [String: String] = [:]
    var pointer = environ
    while let entry = pointer.pointee {
      let text = String(cString: entry)
      if let eq = text.firstIndex(of: "=") { result[String(text[..<eq])] = String(text[text.index(after: eq)...]) }
      pointer += 1
    }
    return result
  }

  static func variable(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  /// Now, or `CRM_NOW` (a timestamp or a date, kept at its own offset) for scripts and tests.
  /// Local times are read in the repo's `timeZone` when it has one, else in `TZ` or the
  /// system's zone; the real clock reads now at that zone's offset too.
  static func clock(timeZone: String?) throws(CRMError) -> CRMClock {
    // libc knows time zones only through TZ; crm's own git commits then use the repo's zone too.
    zoneLock.withLock { _ in
      if let timeZone { setenv("TZ", timeZone, 1) }
      tzset()
    }
    let offsetAtWallClock: @Sendable (Int64) -> Int = { wallClock in zoneLock.withLock { _ in Self.offset(atWallClock: wallClock) } }
    if let fixed = variable("CRM_NOW"), !fixed.isEmpty {
      if let t = Timestamp(fixed) { return CRMClock(now: t, offsetAtWallClock: offsetAtWallClock) }
      if let d = CalendarDate(fixed) {
        return CRMClock(now: Timestamp(seconds: Int64(d.daysSinceEpoch) * 86400 + 9 * 3600), offsetAtWallClock: offsetAtWallClock)
      }
      throw CRMError(.usage, "CRM_NOW is not a timestamp or date: '\(fixed)'", hint: "e.g. CRM_NOW=2026-11-22T09:00:00Z")
    }
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    let seconds = now.tv_sec
    let localOffset = zoneLock.withLock { _ in
      var instant = seconds
      var local = tm()
      localtime_r(&instant, &local)
      return Int(local.tm_gmtoff)
    }
    return CRMClock(now: Timestamp(seconds: Int64(now.tv_sec), offset: localOffset), offsetAtWallClock: offsetAtWallClock)
  }

  /// libc reads a time zone only from the process-wide TZ: every use of it (mktime,
  /// localtime, tzset, and setting TZ) holds this lock, so one thread's switch to another
  /// zone (support's business hours) is never seen by another.
  private static let zoneLock = Mutex<Void>(())

  /// The UTC offset of TZ's zone at a wall-clock time; call holding `zoneLock`.
  private static func offset(atWallClock wallClock: Int64) -> Int {
    var seconds = time_t(wallClock)
    var fields = tm()
    gmtime_r(&seconds, &fields)
    fields.tm_isdst = -1  // let the zone say whether daylight saving time is in force
    return Int(wallClock - Int64(mktime(&fields)))
  }

  /// The UTC offset at a wall-clock time in `zone` (nil: the zone `clock(timeZone:)` set),
  /// for the SLA clocks of support's business hours. For another zone than the process's,
  /// each answer sets TZ for the call and back, under `zoneLock`; answers are remembered by
  /// the quarter hour (offsets change on quarter hours), as an SLA asks about the same days
  /// again and again.
  static func offsets(in zone: String?, besides processZone: String?) -> @Sendable (Int64) -> Int {
    let known = Mutex<[Int64: Int]>([:])
    let switching = zone != nil && zone != processZone
    return { wallClock in
      let slot = wallClock >= 0 ? wallClock / 900 : (wallClock - 899) / 900
      if let offset = known.withLock({ $0[slot] }) { return offset }
      let found = zoneLock.withLock { _ in
        guard switching, let zone else { return offset(atWallClock: slot * 900) }
        let restore = variable("TZ")
        setenv("TZ", zone, 1)
        tzset()
        defer {
          if let restore { setenv("TZ", restore, 1) } else { unsetenv("TZ") }
          tzset()
        }
        return offset(atWallClock: slot * 900)
      }
      known.withLock { $0[slot] = found }
      return found
    }
  }

  static var stdinIsTerminal: Bool { isatty(0) == 1 }
  static var stdoutIsTerminal: Bool { isatty(1) == 1 }
}

/// Writing to stdout and stderr, and how errors look (git style: lowercase, quoted values, hint line).
enum Terminal {
  /// The files this run wrote, for the message when its output then fails.
  nonisolated(unsafe) static var written: [String] = []

  /// Whether the run started with stdout closed (`>&-`); see `guardStandardDescriptors`.
  nonisolated(unsafe) private static var stdoutClosed = false

  /// Opens /dev/null on any of stdin, stdout and stderr the run started without, as git does:
  /// else the first file crm opens would get that number, and output meant for stdout would
  /// land in it. Output to a stdout that was closed still fails, as it would have.
  static func guardStandardDescriptors() {
    for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 {
      if fd == 1 { stdoutClosed = true }
      let null = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
      if null >= 0 && null != fd {
        dup2(null, fd)
        close(null)
      }
    }
  }

  /// Writes all of `text`. Output that cannot be written (a full disk, /dev/full, a closed
  /// stdout) ends the run with exit 73, as git does: a script must not take half a JSON
  /// array for success. A reader that went away (`| head`) ends it quietly, as SIGPIPE would.
  static func write(_ text: String, to fd: Int32 = 1) {
    var text = text
    text.withUTF8 { write($0, to: fd) }
  }

  /// UTF-8 text drawn as bytes (an agenda's table), without making a String of it.
  static func write(_ bytes: [UInt8], to fd: Int32 = 1) {
    bytes.withUnsafeBufferPointer { write($0, to: fd) }
  }

  private static func write(_ buffer: UnsafeBufferPointer<UInt8>, to fd: Int32) {
    guard buffer.count > 0 else { return }
    var failure: Int32?
    var offset = 0
    while offset < buffer.count {
      let n = Glibc.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      if n < 0 && errno == EINTR { continue }
      if n <= 0 {
        failure = n < 0 ? errno : ENOSPC
        break
      }
      offset += n
    }
    guard fd == 1, let error = stdoutClosed ? EBADF : failure else { return }
    if error == EPIPE { exit(141) }
    // A change made before the output failed is kept: say so, or a retry would make it twice.
    let kept = written.isEmpty ? "" : " (written all the same: " + written.joined(separator: ", ") + ")"
    message("crm: cannot write to standard output: " + String(cString: strerror(error)) + kept)
    exit(exitCode(.cannotWrite))
  }

  /// Data for stdout, ending in a line break unless empty.
  static func output(_ text: String) {
    guard !text.isEmpty else { return }
    write(text.hasSuffix("\n") ? text : text + "\n")
  }

  /// A message for people on stderr.
  static func message(_ text: String) { write(visible(text) + "\n", to: 2) }

  /// `text` safe to show a person: control characters other than line breaks and tabs (ESC,
  /// BEL, CR, DEL, the C1 range) written as `\x1B`, so a record cannot clear the screen,
  /// retitle the terminal, write the clipboard (OSC 52) or split a table row.
  static func visible(_ text: String) -> String { text.escapingControlCharacters(keepingLineBreaks: true) }

  static func warn(_ text: String) { message("crm: warning: " + text) }

  static func report(_ error: CRMError) {
    message("crm: " + error.description)
    if let hint = error.hint { message("hint: " + hint) }
  }

  /// An error argument-parser found in the command line (`Error: …`, `Usage: …`, `See '…'`),
  /// in crm's own form: `crm: …`, then one `hint:` line, then the usage line.
  static func reportParserError(_ text: String) {
    var lines: [String] = []
    var hint: String?
    var usage: String?
    var choices: [String] = []
    for line in text.split(separator: "\n").map(String.init) {
      if line.hasPrefix("Error: ") {
        lines.append(String(line.dropFirst(7)))
      } else if line.hasPrefix("Usage: ") {
        usage = "usage: " + line.dropFirst(7)
      } else if line.hasPrefix("  See '"), let end = line.firstRange(of: "' for more information")?.lowerBound {
        hint = hint ?? "see '" + line[line.index(line.startIndex, offsetBy: 7)..<end] + "'"
      } else if line.hasPrefix("  - "), usage == nil {
        choices.append(String(line.dropFirst(4)))
      } else if !line.hasPrefix("Help: "), !line.hasPrefix("       "), usage == nil {
        lines.append(line)
      }
    }
    if var first = lines.first {
      // "… Did you mean '--email'?" and "… Please provide one of …" become the hint.
      if let range = first.firstRange(of: ". Did you mean ") {
        hint = "did you mean " + first[range.upperBound...]
        first = String(first[..<range.lowerBound])
      } else if let range = first.firstRange(of: ". Please provide one of ") {
        let listed = first[range.upperBound...].filter { $0 != "'" }.replacing(" or ", with: ", ")
        if choices.isEmpty { choices = listed.dropLast().split(separator: ", ").map(String.init) }
        first = String(first[..<range.lowerBound])
      }
      lines[0] = first
    }
    if !choices.isEmpty { hint = "give one of " + choices.joined(separator: ", ") }
    message("crm: " + lowercasingFirstWord(lines.joined(separator: "\n")))
    if let hint { message("hint: " + hint) }
    if let usage { message(usage) }
  }

  /// "Unknown option" reads "unknown option", as git writes messages; names stay as they are.
  private static func lowercasingFirstWord(_ text: String) -> String {
    guard let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase == true else { return text }
    return first.lowercased() + text.dropFirst()
  }

  static func exitCode(_ kind: CRMError.Kind) -> Int32 {
    switch kind {
    case .usage: return 64
    case .data: return 65
    case .notFound: return 66
    case .failed: return 1
    case .cannotWrite: return 73
    case .lockBusy: return 75
    }
  }

  /// --color, set once from the command line before anything is drawn.
  nonisolated(unsafe) static var color = ColorChoice.auto

  /// Colour only for a person at a terminal, never with NO_COLOR (https://no-color.org) or on
  /// a terminal that cannot show it (TERM=dumb), unless --color always asks for it.
  static var useColor: Bool {
    switch color {
    case .always: return true
    case .never: return false
    case .auto:
      return Environment.stdoutIsTerminal && (Environment.variable("NO_COLOR") ?? "").isEmpty
        && Environment.variable("TERM") != "dumb"
    }
  }

  /// Columns to draw in: $COLUMNS, else the terminal's width, else 100 when piped.
  static var width: Int {
    if let columns = Environment.variable("COLUMNS").flatMap({ Int($0) }), columns > 0 { return columns }
    var size = winsize()
    if Environment.stdoutIsTerminal, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    return 100
  }

  /// Asks a yes/no question on a terminal; false without one (nothing prompts in scripts).
  static func confirm(_ question: String) -> Bool {
    guard Environment.stdinIsTerminal else { return false }
    write(visible(question) + " [y/N] ", to: 2)
    guard let answer = readLine() else { return false }
    return answer.lowercased().hasPrefix("y")
  }
}
