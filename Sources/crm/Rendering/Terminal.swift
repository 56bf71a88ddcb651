import CRMKit

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

  /// Now, or `CRM_NOW` (a timestamp or a date) for scripts and tests; at the local UTC offset.
  static func clock() throws(CRMError) -> CRMClock {
    if let fixed = variable("CRM_NOW"), !fixed.isEmpty {
      if let t = Timestamp(fixed) { return CRMClock(now: t) }
      if let d = CalendarDate(fixed) { return CRMClock(now: Timestamp(seconds: Int64(d.daysSinceEpoch) * 86400 + 9 * 3600)) }
      throw CRMError(.usage, "CRM_NOW is not a timestamp or date: '\(fixed)'", hint: "e.g. CRM_NOW=2026-11-22T09:00:00Z")
    }
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    var seconds = now.tv_sec
    var local = tm()
    localtime_r(&seconds, &local)
    return CRMClock(now: Timestamp(seconds: Int64(now.tv_sec), offset: Int(local.tm_gmtoff)))
  }

  static var stdinIsTerminal: Bool { isatty(0) == 1 }
  static var stdoutIsTerminal: Bool { isatty(1) == 1 }
}

/// Writing to stdout and stderr, and how errors look (git style: lowercase, quoted values, hint line).
enum Terminal {
  static func write(_ text: String, to fd: Int32 = 1) {
    var text = text
    text.withUTF8 { write($0, to: fd) }
  }

  /// UTF-8 text drawn as bytes (an agenda's table), without making a String of it.
  static func write(_ bytes: [UInt8], to fd: Int32 = 1) {
    bytes.withUnsafeBufferPointer { write($0, to: fd) }
  }

  private static func write(_ buffer: UnsafeBufferPointer<UInt8>, to fd: Int32) {
    var offset = 0
    while offset < buffer.count {
      let n = Glibc.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return }
      offset += n
    }
  }

  /// Data for stdout, ending in a line break unless empty.
  static func output(_ text: String) {
    guard !text.isEmpty else { return }
    write(text.hasSuffix("\n") ? text : text + "\n")
  }

  /// A message for people on stderr.
  static func message(_ text: String) { write(text + "\n", to: 2) }

  static func warn(_ text: String) { message("crm: warning: " + text) }

  static func report(_ error: CRMError) {
    message("crm: " + error.description)
    if let hint = error.hint { message("hint: " + hint) }
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

  /// Colour only for a person at a terminal, and never with NO_COLOR (https://no-color.org).
  static var useColor: Bool {
    Environment.stdoutIsTerminal && (Environment.variable("NO_COLOR") ?? "").isEmpty
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
    write(question + " [y/N] ", to: 2)
    guard let answer = readLine() else { return false }
    return answer.lowercased().hasPrefix("y")
  }
}
