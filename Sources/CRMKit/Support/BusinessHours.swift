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
    // Weeks apart (an open ticket of last year): the working days between the first and the
    // last week count whole, worked out rather than walked day by day; the ends are walked.
    let (firstDay, lastDay) = (Int(floorDiv(start.seconds, 86400)), Int(floorDiv(end.seconds, 86400)))
    if lastDay - firstDay > 28 {
      let (from, to) = (firstDay + 8, lastDay - 8)
      let opening = { (day: Int) -> Int64 in
        let wallClock = Int64(day) * 86400 + Int64(hours.opens)
        return wallClock - Int64(self.offsetAtWallClock(wallClock))
      }
      let (a, b) = (opening(from), opening(to))
      return walked(from: start.seconds, to: a, hours) + Int64(workingDays(from, to, hours)) * hours.dayLength
        + walked(from: b, to: end.seconds, hours)
    }
    return walked(from: start.seconds, to: end.seconds, hours)
  }

  /// The counted seconds between two instants, window by window.
  private func walked(from start: Int64, to end: Int64, _ hours: BusinessHours) -> Int64 {
    var total: Int64 = 0
    forEachWindow(from: start, hours) { opens, closes, _ in
      if opens >= end { return false }
      total += max(0, min(closes, end) - max(opens, start))
      return true
    }
    return total
  }

  /// How many of the days `from..<to` (days since 1970-01-01) are working days that are no holiday.
  private func workingDays(_ from: Int, _ to: Int, _ hours: BusinessHours) -> Int {
    let span = to - from
    var count = span / 7 * hours.days.count
    for day in (from + span / 7 * 7)..<to where hours.days.contains(CalendarDate(daysSinceEpoch: day).weekday) { count += 1 }
    for holiday in holidays where (from..<to).contains(holiday.daysSinceEpoch) && hours.days.contains(holiday.weekday) {
      count -= 1
    }
    return count
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
