/// Counts time the way an SLA does: only business hours outside holidays, in a zone whose
/// offset may change (daylight saving time), or every second on a 24x7 calendar.
public struct BusinessClock: Sendable {
  /// The hours that count; nil counts every second.
  public let hours: BusinessHours?
  public let holidays: Set<CalendarDate>
  /// The UTC offset, in seconds, of the hours' zone at a wall-clock time (seconds since
  /// 1970-01-01T00:00 on that clock), as `CRMClock` takes it.
  private let offsetAtWallClock: @Sendable (Int64) -> Int

  /// A clock that counts `hours` on working days that are not `holidays`.
  public init(hours: BusinessHours, holidays: Set<CalendarDate> = [], offsetAtWallClock: @escaping @Sendable (Int64) -> Int) {
    self.hours = hours
    self.holidays = holidays
    self.offsetAtWallClock = offsetAtWallClock
  }

  /// A clock that counts every second; the offset only places the deadlines it gives.
  public init(allDayWithOffsetAtWallClock offsetAtWallClock: @escaping @Sendable (Int64) -> Int) {
    hours = nil
    holidays = []
    self.offsetAtWallClock = offsetAtWallClock
  }

  /// The clock an SLA target runs on.
  public init(
    calendar: SLATarget.Calendar, hours: BusinessHours, holidays: Set<CalendarDate>,
    offsetAtWallClock: @escaping @Sendable (Int64) -> Int
  ) {
    switch calendar {
    case .businessHours: self.init(hours: hours, holidays: holidays, offsetAtWallClock: offsetAtWallClock)
    case .allDay: self.init(allDayWithOffsetAtWallClock: offsetAtWallClock)
    }
  }

  /// How long a `1d` target is on this clock: a working day, or 24 hours.
  public var dayLength: Int64 { hours?.dayLength ?? 86400 }

  /// The seconds that count between two instants (whole seconds; 0 when `end` is not after `start`).
  public func seconds(from start: Timestamp, to end: Timestamp) -> Int64 {
    guard end.seconds > start.seconds else { return 0 }
    guard let hours else { return end.seconds - start.seconds }
    var total: Int64 = 0
    forEachWindow(from: start.seconds, hours) { opens, closes, _ in
      if opens >= end.seconds { return false }
      total += max(0, min(closes, end.seconds) - max(opens, start.seconds))
      return true
    }
    return total
  }

  /// The first instant at which `seconds` counted seconds have passed since `start`: a deadline.
  /// Zero is `start` itself; a target met exactly at closing time is met then, not at the next
  /// opening. The deadline is written at the zone's offset at that moment.
  public func deadline(after start: Timestamp, seconds: Int64) -> Timestamp {
    guard seconds > 0 else { return start }
    guard let hours else { return at(start.seconds + seconds) }
    var left = seconds
    var found = start
    forEachWindow(from: start.seconds, hours) { opens, closes, openingWallClock in
      let from = max(opens, start.seconds)
      guard closes > from else { return true }
      let available = closes - from
      if available >= left {
        let instant = from + left
        found = Timestamp(seconds: instant, offset: offsetAtWallClock(openingWallClock + (instant - opens)))
        return false
      }
      left -= available
      return true
    }
    return found
  }

  /// The instant at the zone's offset then.
  private func at(_ instant: Int64) -> Timestamp {
    // The offset at a wall-clock time near the instant: exact except within an hour of a change.
    let offset = offsetAtWallClock(instant + Int64(offsetAtWallClock(instant)))
    return Timestamp(seconds: instant, offset: offset)
  }

  /// Calls `body` with each working day's opening and closing instants and its opening's
  /// wall-clock time, in order, from the day before `instant`'s UTC date (a zone ahead of UTC
  /// may open it then) until `body` returns false. `BusinessHours` always has a working day
  /// that closes after it opens, and holidays are finitely many, so windows keep coming and a
  /// search for a deadline ends.
  private func forEachWindow(from instant: Int64, _ hours: BusinessHours, _ body: (Int64, Int64, Int64) -> Bool) {
    var day = Int(floorDiv(instant, 86400)) - 1
    var previousClose = Int64.min
    while true {
      let date = CalendarDate(daysSinceEpoch: day)
      day += 1
      guard hours.days.contains(date.weekday), !holidays.contains(date) else { continue }
      let midnight = Int64(date.daysSinceEpoch) * 86400
      let openingWallClock = midnight + Int64(hours.opens)
      let closingWallClock = midnight + Int64(hours.closes)
      // A day's hours never reach back into the day before's, whatever the offsets do.
      let opens = max(openingWallClock - Int64(offsetAtWallClock(openingWallClock)), previousClose)
      let closes = max(closingWallClock - Int64(offsetAtWallClock(closingWallClock)), opens)
      previousClose = closes
      if !body(opens, closes, openingWallClock) { return }
    }
  }
}
