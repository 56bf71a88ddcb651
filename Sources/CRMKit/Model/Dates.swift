/// A calendar date, `YYYY-MM-DD`, with day arithmetic.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses exactly `YYYY-MM-DD`.
  public init?(_ text: some StringProtocol) {
    guard let date = withUTF8(text, Self.init(utf8:)) else { return nil }
    self = date
  }

  init?(utf8 u: UnsafeBufferPointer<UInt8>) {
    guard u.count == 10, u[4] == 0x2D, u[7] == 0x2D,
      let y = Self.number(u[0..<4]), let m = Self.number(u[5..<7]), let d = Self.number(u[8..<10])
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
    var n = 0
    for b in digits {
      guard (0x30...0x39).contains(b) else { return nil }
      n = n * 10 + Int(b - 0x30)
    }
    return digits.isEmpty ? nil : n
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
  public var daysSinceEpoch: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  public init(daysSinceEpoch days: Int) {
    let z = days + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    year = yoe + era * 400 + (m <= 2 ? 1 : 0)
    month = m
    day = d
  }

  public func adding(days: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: daysSinceEpoch + days) }

  /// Adds calendar months, clamping the day to the month's length (Jan 31 + 1 month = Feb 28).
  public func adding(months: Int) -> CalendarDate {
    let total = year * 12 + (month - 1) + months
    let y = total / 12
    let m = total % 12 + 1
    return CalendarDate(year: y, month: m, day: min(day, Self.daysIn(month: m, year: y))) ?? self
  }

  /// 1 = Monday … 7 = Sunday (ISO 8601).
  public var weekday: Int {
    let w = (daysSinceEpoch + 3) % 7  // 1970-01-01 was a Thursday
    return (w < 0 ? w + 7 : w) + 1
  }

  public var description: String {
    guard (0...9999).contains(year) else { return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) }
    // Its ten bytes written in place: a table of thousands of rows (an agenda) draws a date in each.
    return String(unsafeUninitializedCapacity: 10) { out in
      var digits = year * 10000 + month * 100 + day  // yyyymmdd
      for i in (0..<10).reversed() {
        if i == 4 || i == 7 {
          out[i] = UInt8(ascii: "-")
        } else {
          out[i] = UInt8(0x30 + digits % 10)
          digits /= 10
        }
      }
      return 10
    }
  }

  public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }
}

func pad(_ n: Int, _ width: Int) -> String {
  let s = String(n)
  return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// An instant written in ISO 8601 with a UTC offset; keeps the offset it was written with.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Seconds since 1970-01-01T00:00:00Z.
  public let seconds: Int64
  public let nanoseconds: Int
  /// The offset from UTC it was written with, in seconds.
  public let offset: Int

  public init(seconds: Int64, nanoseconds: Int = 0, offset: Int = 0) {
    self.seconds = seconds
    self.nanoseconds = nanoseconds
    self.offset = offset
  }

  /// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)`; a space may stand for `T`.
  public init?(_ text: some StringProtocol) {
    guard let timestamp = withUTF8(text, Self.init(utf8:)) else { return nil }
    self = timestamp
  }

  init?(utf8 u: UnsafeBufferPointer<UInt8>) {
    guard let written = Self.parts(utf8: u), let offset = written.offset else { return nil }
    self.init(seconds: written.wallClock - Int64(offset), nanoseconds: written.nanoseconds, offset: offset)
  }

  /// What `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]` says: the wall-clock time, as seconds since
  /// 1970-01-01T00:00 on that clock, and the offset from UTC when one is written.
  static func parts(utf8 u: UnsafeBufferPointer<UInt8>) -> (wallClock: Int64, nanoseconds: Int, offset: Int?)? {
    guard u.count >= 16, let date = CalendarDate(utf8: UnsafeBufferPointer(rebasing: u[0..<10])),
      u[10] == 0x54 || u[10] == 0x20 || u[10] == 0x74,
      let hour = CalendarDate.number(u[11..<13]), u[13] == 0x3A, let minute = CalendarDate.number(u[14..<16]),
      hour < 24, minute < 60
    else { return nil }
    var i = 16
    var second = 0
    var nanos = 0
    if i < u.count, u[i] == 0x3A {
      guard i + 3 <= u.count, let s = CalendarDate.number(u[(i + 1)..<(i + 3)]), s < 60 else { return nil }
      second = s
      i += 3
      if i < u.count, u[i] == 0x2E {
        i += 1
        var digits = 0
        while i < u.count, (0x30...0x39).contains(u[i]) {
          if digits < 9 { nanos = nanos * 10 + Int(u[i] - 0x30) }
          digits += 1
          i += 1
        }
        guard digits > 0 else { return nil }
        if digits < 9 { for _ in digits..<9 { nanos *= 10 } }
      }
    }
    var offset: Int?  // none written: a local time, which only a time zone can place
    if i < u.count, u[i] == 0x5A || u[i] == 0x7A {
      offset = 0
      i += 1
    } else if i + 6 == u.count, u[i] == 0x2B || u[i] == 0x2D, u[i + 3] == 0x3A,
      let oh = CalendarDate.number(u[(i + 1)..<(i + 3)]), let om = CalendarDate.number(u[(i + 4)..<(i + 6)]),
      oh < 24, om < 60
    {
      offset = (oh * 3600 + om * 60) * (u[i] == 0x2D ? -1 : 1)
      i += 6
    }
    guard i == u.count else { return nil }
    return (Int64(date.daysSinceEpoch) * 86400 + Int64(hour * 3600 + minute * 60 + second), nanos, offset)
  }

  /// The date at the written offset.
  public var date: CalendarDate {
    CalendarDate(daysSinceEpoch: Int(floorDiv(seconds + Int64(offset), 86400)))
  }

  /// The same instant seen at another offset.
  public func at(offset: Int) -> Timestamp { Timestamp(seconds: seconds, nanoseconds: nanoseconds, offset: offset) }

  public var description: String {
    let local = seconds + Int64(offset)
    let secondsOfDay = Int(local - floorDiv(local, 86400) * 86400)
    var out = date.description + "T" + pad(secondsOfDay / 3600, 2) + ":" + pad(secondsOfDay / 60 % 60, 2) + ":"
      + pad(secondsOfDay % 60, 2)
    if nanoseconds > 0 {
      var fraction = pad(nanoseconds, 9)
      while fraction.hasSuffix("0") { fraction.removeLast() }
      out += "." + fraction
    }
    if offset == 0 { return out + "Z" }
    let a = abs(offset)
    return out + (offset < 0 ? "-" : "+") + pad(a / 3600, 2) + ":" + pad(a / 60 % 60, 2)
  }

  public static func < (a: Timestamp, b: Timestamp) -> Bool {
    (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
  }

  /// Whether both name the same instant, whatever their offsets (`==` compares those too):
  /// what a sort by time must ask before it breaks a tie.
  public func isSameInstant(as other: Timestamp) -> Bool { !(self < other) && !(other < self) }
}

/// Runs `body` over the text's UTF-8 bytes, without a copy when the string is native.
func withUTF8<R>(_ text: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
  text.utf8.withContiguousStorageIfAvailable(body) ?? Array(text.utf8).withUnsafeBufferPointer(body)
}

func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
  a >= 0 ? a / b : -((-a + b - 1) / b)
}

/// What "now" is for a command, and the user's time zone: injected so tests and scripts
/// (`CRM_NOW`, `TZ`) get fixed answers.
public struct CRMClock: Sendable {
  /// The current instant, at the user's local offset.
  public let now: Timestamp
  /// The UTC offset, in seconds, that the user's time zone has at a wall-clock time (seconds
  /// since 1970-01-01T00:00 on that clock): it changes with daylight saving time.
  private let offsetAtWallClock: @Sendable (Int64) -> Int

  /// A clock at `now`; without `offsetAtWallClock`, local times are read at `now`'s offset.
  public init(now: Timestamp, offsetAtWallClock: (@Sendable (Int64) -> Int)? = nil) {
    self.now = now
    let offset = now.offset
    self.offsetAtWallClock = offsetAtWallClock ?? { _ in offset }
  }

  public var today: CalendarDate { now.date }

  /// The forms `date(_:)` reads, for error hints.
  public static let dateHint =
    "dates are YYYY-MM-DD, today, tomorrow, a weekday (friday, next friday), +3d, +2 weeks, -1m, in 3 days, next week or next month"
  /// The forms `timestamp(_:)` reads, for error hints.
  public static let timeHint =
    "times are 2026-11-18T10:00 or '2026-11-18 10:00' (local time), 2026-11-18T10:00+01:00, now, or a date (YYYY-MM-DD, yesterday, next friday, -2d)"

  /// Resolves a date expression: an ISO date, `today`, `tomorrow`, `yesterday`, a weekday
  /// name or `next` and one (the next one after today), `+3d`, `+3 days`, `-2w`, `+1m`, `+1y`,
  /// `in 3 days`, `3 days ago`, `next week`, `next month`, `next year`.
  public func date(_ expression: String) -> CalendarDate? {
    let text = expression.lowercased().trimmingSpaces
    if let date = CalendarDate(text) { return date }
    switch text {
    case "today", "now": return today
    case "tomorrow": return today.adding(days: 1)
    case "yesterday": return today.adding(days: -1)
    default: break
    }
    if let weekday = Self.weekday(text) { return next(weekday) }
    let words = text.split(separator: " ")
    if words.count == 2, words[0] == "next" {
      if let weekday = Self.weekday(words[1]) { return next(weekday) }
      if let unit = Self.unit(words[1]) { return offset(1, unit) }
    }
    if words.count == 3, words[0] == "in", let n = Int(words[1]), let unit = Self.unit(words[2]) {
      return offset(n, unit)
    }
    if words.count == 3, words[2] == "ago", let n = Int(words[0]), let unit = Self.unit(words[1]) {
      return offset(-n, unit)
    }
    guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
    let amount = text.dropFirst()
    let digits = amount.prefix { $0.isASCII && $0.isNumber }
    guard let n = Int(digits), let unit = Self.unit(amount.dropFirst(digits.count).trimmingSpaces) else { return nil }
    return offset(sign == "-" ? -n : n, unit)
  }

  /// Reads a written time: with an offset (`2026-11-18T10:00+01:00`) as written; without one
  /// (`2026-11-18T10:00`, `2026-11-18 10:00`) as local time, at the zone's offset then.
  public func time(_ text: String) -> Timestamp? {
    guard let written = withUTF8(text.trimmingSpaces, Timestamp.parts(utf8:)) else { return nil }
    guard let offset = written.offset else { return local(written.wallClock, nanoseconds: written.nanoseconds) }
    return Timestamp(seconds: written.wallClock - Int64(offset), nanoseconds: written.nanoseconds, offset: offset)
  }

  /// Resolves a written time (`time(_:)`), `now`, or a date expression, which means the
  /// start of that day in local time.
  public func timestamp(_ expression: String) -> Timestamp? {
    if let t = time(expression) { return t }
    if expression.lowercased().trimmingSpaces == "now" { return now }
    guard let date = date(expression) else { return nil }
    return local(Int64(date.daysSinceEpoch) * 86400)
  }

  /// `instant` at the user's local offset then (exact except within an hour of an offset
  /// change): for the local date or wall-clock time of a time written elsewhere.
  public func local(_ instant: Timestamp) -> Timestamp {
    let offset = offsetAtWallClock(instant.seconds + Int64(offsetAtWallClock(instant.seconds)))
    return Timestamp(seconds: instant.seconds, nanoseconds: instant.nanoseconds, offset: offset)
  }

  /// The instant a wall-clock time names in the user's time zone.
  private func local(_ wallClock: Int64, nanoseconds: Int = 0) -> Timestamp {
    let offset = offsetAtWallClock(wallClock)
    return Timestamp(seconds: wallClock - Int64(offset), nanoseconds: nanoseconds, offset: offset)
  }

  /// 1 = Monday … 7 = Sunday, from a weekday's name or its first three letters.
  private static func weekday(_ word: some StringProtocol) -> Int? {
    let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    return weekdays.firstIndex { $0 == word || $0.prefix(3) == word }.map { $0 + 1 }
  }

  /// The first `weekday` after today (a week from today when today is one).
  private func next(_ weekday: Int) -> CalendarDate {
    let ahead = (weekday - today.weekday + 7) % 7
    return today.adding(days: ahead == 0 ? 7 : ahead)
  }

  private static func unit(_ word: some StringProtocol) -> Character? {
    switch word.lowercased() {
    case "d", "day", "days": return "d"
    case "w", "week", "weeks": return "w"
    case "m", "month", "months": return "m"
    case "y", "year", "years": return "y"
    default: return nil
    }
  }

  private func offset(_ n: Int, _ unit: Character) -> CalendarDate {
    switch unit {
    case "w": return today.adding(days: 7 * n)
    case "m": return today.adding(months: n)
    case "y": return today.adding(months: 12 * n)
    default: return today.adding(days: n)
    }
  }
}

extension StringProtocol {
  /// Without leading and trailing spaces, tabs and line breaks.
  public var trimmingSpaces: String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
      return ""
    }
    return String(self[start...end])
  }
}

extension String {
  /// Without trailing spaces and line breaks.
  public var trimmingTrailingSpaces: String {
    // Over the bytes: dropping characters off a Substring's end one at a time is quadratic.
    guard let last = utf8.lastIndex(where: { $0 != 0x20 && $0 != 0x0A }) else { return "" }
    return String(Substring(utf8[...last]))
  }
}
