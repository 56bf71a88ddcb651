import XCTest

@testable import CRMKit

/// Business-hours arithmetic, with expectations worked out by hand.
final class SLATests: XCTestCase {
  /// Monday to Friday, 09:00–17:30: a business day is 8.5 hours.
  let hours = BusinessHours(days: [1, 2, 3, 4, 5], opens: 9 * 3600, closes: 17 * 3600 + 1800)!
  let utc: @Sendable (Int64) -> Int = { _ in 0 }

  /// Lisbon in 2027: +00:00 until 01:00 on Sunday 28 March, +01:00 from then (its clocks
  /// jump from 01:00 to 02:00).
  let lisbon2027: @Sendable (Int64) -> Int = { wallClock in
    wallClock < Timestamp("2027-03-28T01:00:00Z")!.seconds ? 0 : 3600
  }

  func t(_ text: String) -> Timestamp { Timestamp(text)! }

  func business(holidays: Set<CalendarDate> = [], offset: @escaping @Sendable (Int64) -> Int = { _ in 0 }) -> BusinessClock {
    BusinessClock(hours: hours, holidays: holidays, offsetAtWallClock: offset)
  }

  // MARK: - Business hours

  func testFourBusinessHoursFromFridayAfternoonEndMondayMorning() {
    let clock = business()
    // Fri 16:00–17:30 is 1.5 h; the other 2.5 h run Mon 09:00–11:30.
    XCTAssertEqual(clock.deadline(after: t("2026-12-04T16:00:00Z"), seconds: 4 * 3600).description, "2026-12-07T11:30:00Z")
    XCTAssertEqual(clock.seconds(from: t("2026-12-04T16:00:00Z"), to: t("2026-12-07T11:30:00Z")), 4 * 3600)
    // The whole weekend counts nothing.
    XCTAssertEqual(clock.seconds(from: t("2026-12-05T08:00:00Z"), to: t("2026-12-06T20:00:00Z")), 0)
  }

  func testAHolidayCountsNothing() {
    let clock = business(holidays: [CalendarDate("2026-12-25")!])
    // Thu 24 Dec 16:00–17:30, then Fri 25 is a holiday and the weekend follows: Mon 28 11:30.
    XCTAssertEqual(clock.deadline(after: t("2026-12-24T16:00:00Z"), seconds: 4 * 3600).description, "2026-12-28T11:30:00Z")
    XCTAssertEqual(clock.seconds(from: t("2026-12-24T00:00:00Z"), to: t("2026-12-26T00:00:00Z")), 8 * 3600 + 1800)
    // Without the holiday the same hours end on Friday.
    XCTAssertEqual(business().deadline(after: t("2026-12-24T16:00:00Z"), seconds: 4 * 3600).description, "2026-12-25T11:30:00Z")
  }

  func testBusinessHoursFollowTheZoneAcrossADaylightSavingChange() {
    let clock = business(offset: lisbon2027)
    // Friday closes at 17:30+00:00; Monday opens at 09:00+01:00, which is 08:00Z.
    let deadline = clock.deadline(after: t("2027-03-26T16:00:00Z"), seconds: 4 * 3600)
    XCTAssertEqual(deadline.description, "2027-03-29T11:30:00+01:00")
    XCTAssertEqual(deadline.seconds, t("2027-03-29T10:30:00Z").seconds)
    XCTAssertEqual(clock.seconds(from: t("2027-03-26T16:00:00Z"), to: t("2027-03-29T10:30:00Z")), 4 * 3600)
    // 08:30Z on Monday is 09:30 in Lisbon: half an hour in, not before opening.
    XCTAssertEqual(clock.seconds(from: t("2027-03-29T00:00:00Z"), to: t("2027-03-29T08:30:00Z")), 1800)
  }

  func testATargetMetAtClosingTimeIsMetThenNotAtTheNextOpening() {
    let clock = business()
    XCTAssertEqual(clock.deadline(after: t("2026-12-04T16:00:00Z"), seconds: 5400).description, "2026-12-04T17:30:00Z")
    // Starting out of hours counts from the next opening.
    XCTAssertEqual(clock.deadline(after: t("2026-12-05T12:00:00Z"), seconds: 3600).description, "2026-12-07T10:00:00Z")
    XCTAssertEqual(clock.deadline(after: t("2026-12-07T07:00:00Z"), seconds: 0).description, "2026-12-07T07:00:00Z")
    XCTAssertEqual(clock.seconds(from: t("2026-12-07T12:00:00Z"), to: t("2026-12-07T10:00:00Z")), 0)
  }

  func testAllDayCountsEverySecond() {
    let clock = BusinessClock(allDayWithOffsetAtWallClock: utc)
    XCTAssertEqual(clock.dayLength, 86400)
    XCTAssertEqual(clock.seconds(from: t("2026-12-05T10:00:00Z"), to: t("2026-12-06T10:00:00Z")), 86400)
    XCTAssertEqual(clock.deadline(after: t("2026-12-05T22:00:00Z"), seconds: 8 * 3600).description, "2026-12-06T06:00:00Z")
    XCTAssertEqual(business().dayLength, 8 * 3600 + 1800)
  }
}
