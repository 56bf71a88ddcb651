import XCTest

@testable import CRMKit

/// Business-hours arithmetic and SLA clocks, with expectations worked out by hand.
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

  func testMonthsApartCountTheSameAsWeekByWeek() {
    // Across the March DST change and two holidays, from a Wednesday afternoon to a Monday
    // morning: the days between counted whole must agree with walking it in short steps.
    let clock = business(holidays: [CalendarDate("2027-01-01")!, CalendarDate("2027-04-02")!], offset: lisbon2027)
    let start = t("2026-12-16T15:10:00Z")
    let end = t("2027-05-10T10:20:00+01:00")
    var walked: Int64 = 0
    var from = start
    while from < end {
      let next = Timestamp(seconds: min(from.seconds + 20 * 86400, end.seconds))
      walked += clock.seconds(from: from, to: next)
      from = next
    }
    XCTAssertEqual(clock.seconds(from: start, to: end), walked)
    XCTAssertEqual(walked % 60, 0)
    XCTAssertGreaterThan(walked, 90 * 8 * 3600)
  }

  // MARK: - SLA clocks

  /// The config of the example in the brief: high 4h/2d and normal 1d/5d on 09:00–17:30,
  /// urgent 1h/8h round the clock, and no low.
  func exampleConfig() throws -> SupportConfig {
    try Config(
      bytes: Array(
        """
        support:
          business_hours: {days: mon-fri, from: "09:00", to: "17:30"}
          holidays: [2026-12-25, 2027-01-01]
          sla:
            urgent: {first_response: 1h, resolution: 8h, calendar: 24x7}
            high:   {first_response: 4h, resolution: 2d}
            normal: {first_response: 1d, resolution: 5d}

        """.utf8)
    ).support
  }

  func status(_ input: SLAInput, now: String, offset: @escaping @Sendable (Int64) -> Int = { _ in 0 }) throws -> SLAStatus? {
    SLA.status(of: input, config: try exampleConfig(), now: t(now), offsetAtWallClock: offset)
  }

  func testAFirstResponseWithinTheTargetIsMet() throws {
    let input = SLAInput(priority: "high", openedAt: t("2026-12-07T09:00:00Z"), firstResponseAt: t("2026-12-07T12:59:00Z"))
    let first = try XCTUnwrap(try status(input, now: "2026-12-08T09:00:00Z")?.firstResponse)
    XCTAssertEqual(first.state, .met)
    XCTAssertEqual(first.kind, .firstResponse)
    XCTAssertEqual(first.target, SLADuration(amount: 4, unit: .hours))
    XCTAssertEqual(first.stoppedAt, t("2026-12-07T12:59:00Z"))
    XCTAssertEqual(first.deadline.description, "2026-12-07T13:00:00Z")
    XCTAssertEqual(first.elapsed, 3 * 3600 + 59 * 60)
    XCTAssertEqual(first.remaining, 60)
  }

  func testADeadlinePassedAfterHoursIsBreachedThoughNoBusinessTimeCountedSince() throws {
    // Opened Friday 09:00: one business day to answer ends Friday 17:30, with all of it used.
    let input = SLAInput(priority: "normal", openedAt: t("2026-12-04T09:00:00Z"))
    let friday = try XCTUnwrap(try status(input, now: "2026-12-04T17:30:00Z")?.firstResponse)
    XCTAssertEqual(friday.state, .running, "at the deadline itself it is not late yet")
    XCTAssertEqual(friday.remaining, 0)
    let saturday = try XCTUnwrap(try status(input, now: "2026-12-05T10:00:00Z"))
    XCTAssertEqual(saturday.firstResponse?.state, .breached)
    XCTAssertEqual(saturday.firstResponse?.standing, "0m over")
    XCTAssertEqual(saturday.state, .breached)
    XCTAssertEqual(saturday.due, t("2026-12-04T17:30:00Z"), "the nearest deadline of a clock still counting")
    XCTAssertEqual(saturday.resolution?.standing, "4d left", "Friday used one of five days")
    XCTAssertEqual(
      saturday.fields.map(\.key), ["sla", "sla_due", "response_due", "response_sla", "resolution_due", "resolution_sla"])
  }

  func testTheTimeATicketSatResolvedBeforeAReopenDoesNotCount() throws {
    // Opened Monday 09:00, resolved at 11:00, reopened Tuesday 09:00; now Tuesday 10:00.
    let input = SLAInput(
      priority: "normal", openedAt: t("2026-12-07T09:00:00Z"),
      history: [
        TicketStatusChange(status: "open", at: t("2026-12-07T09:00:00Z")),
        TicketStatusChange(status: "resolved", at: t("2026-12-07T11:00:00Z")),
        TicketStatusChange(status: "open", at: t("2026-12-08T09:00:00Z")),
      ])
    let resolution = try XCTUnwrap(try status(input, now: "2026-12-08T10:00:00Z")?.resolution)
    XCTAssertEqual(resolution.elapsed, 3 * 3600, "2 hours on Monday, 1 on Tuesday")
    XCTAssertEqual(resolution.state, .running)
    // While it is resolved, the clock stands still at the resolution.
    let resolved = SLAInput(
      priority: "normal", openedAt: t("2026-12-07T09:00:00Z"), resolvedAt: t("2026-12-07T11:00:00Z"), history: input.history.dropLast())
    let stopped = try XCTUnwrap(try status(resolved, now: "2026-12-09T10:00:00Z")?.resolution)
    XCTAssertEqual(stopped.state, .met)
    XCTAssertEqual(stopped.elapsed, 2 * 3600)
    XCTAssertEqual(stopped.deadline.description, "2026-12-11T17:30:00Z", "five working days from the opening, as if it had stayed open")
  }

  func testStandingsReadInTheClocksOwnDays() {
    XCTAssertEqual(SLAClock.spoken(59, dayLength: 8 * 3600), "1m")
    XCTAssertEqual(SLAClock.spoken(5 * 3600 + 20 * 60, dayLength: 8 * 3600), "5h 20m")
    XCTAssertEqual(SLAClock.spoken(16 * 3600, dayLength: 8 * 3600), "16h")
    XCTAssertEqual(SLAClock.spoken(26 * 3600, dayLength: 8 * 3600), "3d 2h", "working days of 8 hours")
    XCTAssertEqual(SLAClock.spoken(72 * 3600, dayLength: 86400), "3d")
  }

  func testAFirstResponseAfterTheDeadlineIsBreached() throws {
    let input = SLAInput(priority: "high", openedAt: t("2026-12-07T09:00:00Z"), firstResponseAt: t("2026-12-07T13:30:00Z"))
    let first = try XCTUnwrap(try status(input, now: "2026-12-08T09:00:00Z")?.firstResponse)
    XCTAssertEqual(first.state, .breached)
    XCTAssertEqual(first.stoppedAt, t("2026-12-07T13:30:00Z"))
    XCTAssertEqual(first.remaining, -1800)
  }

  func testARunningClockPastItsDeadlineIsBreachedWithTheTimeOver() throws {
    // Normal: 1d = 8.5 business hours. Fri 16:00–17:30 (1.5 h), Mon 09:00–16:00 (7 h).
    let input = SLAInput(priority: "normal", openedAt: t("2026-12-04T16:00:00Z"))
    let sla = try XCTUnwrap(try status(input, now: "2026-12-08T10:00:00Z"))
    let first = try XCTUnwrap(sla.firstResponse)
    XCTAssertEqual(first.state, .breached)
    XCTAssertNil(first.stoppedAt)
    XCTAssertEqual(first.deadline.description, "2026-12-07T16:00:00Z")
    // 1.5 h Friday + 8.5 h Monday + 1 h Tuesday = 11 h: 2.5 h over.
    XCTAssertEqual(first.elapsed, 11 * 3600)
    XCTAssertEqual(first.remaining, -9000)
    // Resolution, 5d = 42.5 h: still running with 31.5 h left.
    let resolution = try XCTUnwrap(sla.resolution)
    XCTAssertEqual(resolution.state, .running)
    XCTAssertEqual(resolution.targetSeconds, 5 * 30600)
    XCTAssertEqual(resolution.remaining, 5 * 30600 - 11 * 3600)
  }

  func testAllDayTargetsCountTheWeekend() throws {
    // Urgent on a Saturday: 1h first response, 8h resolution, round the clock.
    let input = SLAInput(priority: "urgent", openedAt: t("2026-12-05T10:00:00Z"))
    let sla = try XCTUnwrap(try status(input, now: "2026-12-05T12:30:00Z"))
    let first = try XCTUnwrap(sla.firstResponse)
    XCTAssertEqual(first.calendar, .allDay)
    XCTAssertEqual(first.state, .breached)
    XCTAssertEqual(first.deadline.description, "2026-12-05T11:00:00Z")
    XCTAssertEqual(first.remaining, -5400)
    let resolution = try XCTUnwrap(sla.resolution)
    XCTAssertEqual(resolution.state, .running)
    XCTAssertEqual(resolution.deadline.description, "2026-12-05T18:00:00Z")
    XCTAssertEqual(resolution.remaining, 5 * 3600 + 1800)
  }

  func testTimeWhilePendingDoesNotCount() throws {
    // High, resolution 2d = 17 h. Mon 09:00–12:00 counts (3 h); pending Mon 12:00 to Tue
    // 12:00 does not; from Tue 12:00 the other 14 h run to Wed 17:30 (5.5 h + 8.5 h).
    let history = [
      TicketStatusChange(status: "open", at: t("2026-12-08T12:00:00Z")),
      TicketStatusChange(status: "pending", at: t("2026-12-07T12:00:00Z")),
    ]
    let input = SLAInput(
      priority: "high", openedAt: t("2026-12-07T09:00:00Z"), firstResponseAt: t("2026-12-07T10:00:00Z"), history: history)
    let resolution = try XCTUnwrap(try status(input, now: "2026-12-09T10:00:00Z")?.resolution)
    XCTAssertEqual(resolution.state, .running)
    XCTAssertEqual(resolution.deadline.description, "2026-12-09T17:30:00Z")
    // 3 h Monday + 5.5 h Tuesday + 1 h Wednesday.
    XCTAssertEqual(resolution.elapsed, 9 * 3600 + 1800)
    XCTAssertEqual(resolution.remaining, 7 * 3600 + 1800)
    // Without the pause the deadline would be Tuesday's closing.
    let unpaused = SLAInput(priority: "high", openedAt: t("2026-12-07T09:00:00Z"), firstResponseAt: t("2026-12-07T10:00:00Z"))
    XCTAssertEqual(try status(unpaused, now: "2026-12-09T10:00:00Z")?.resolution?.deadline.description, "2026-12-08T17:30:00Z")
  }

  func testAPendingTicketIsPausedAndItsDeadlineAssumesTheCustomerAnswersNow() throws {
    let history = [TicketStatusChange(status: "pending", at: t("2026-12-07T12:00:00Z"))]
    let input = SLAInput(
      priority: "high", openedAt: t("2026-12-07T09:00:00Z"), firstResponseAt: t("2026-12-07T10:00:00Z"), history: history)
    let resolution = try XCTUnwrap(try status(input, now: "2026-12-08T12:00:00Z")?.resolution)
    XCTAssertEqual(resolution.state, .paused)
    XCTAssertEqual(resolution.elapsed, 3 * 3600)
    XCTAssertEqual(resolution.deadline.description, "2026-12-09T17:30:00Z")
    // A day later the deadline has moved on by the day's business hours.
    let later = try XCTUnwrap(try status(input, now: "2026-12-09T12:00:00Z")?.resolution)
    XCTAssertEqual(later.state, .paused)
    XCTAssertEqual(later.deadline.description, "2026-12-10T17:30:00Z")
  }

  func testSLADeadlinesFollowTheZoneAcrossADaylightSavingChange() throws {
    let input = SLAInput(priority: "high", openedAt: t("2027-03-26T16:00:00Z"))
    let first = try XCTUnwrap(try status(input, now: "2027-03-29T10:00:00Z", offset: lisbon2027)?.firstResponse)
    XCTAssertEqual(first.deadline.description, "2027-03-29T11:30:00+01:00")
    // 1.5 h Friday + 08:00Z–10:00Z Monday (09:00–11:00 in Lisbon).
    XCTAssertEqual(first.elapsed, 3 * 3600 + 1800)
    XCTAssertEqual(first.state, .running)
  }

  func testResolvingStopsBothClocksAndAPriorityWithoutTargetsHasNoSLA() throws {
    let input = SLAInput(priority: "high", openedAt: t("2026-12-07T09:00:00Z"), resolvedAt: t("2026-12-07T11:00:00Z"))
    let sla = try XCTUnwrap(try status(input, now: "2026-12-31T09:00:00Z"))
    XCTAssertEqual(sla.firstResponse?.state, .met)
    XCTAssertEqual(sla.firstResponse?.stoppedAt, t("2026-12-07T11:00:00Z"))
    XCTAssertEqual(sla.resolution?.state, .met)
    XCTAssertEqual(sla.resolution?.elapsed, 7200)
    XCTAssertNil(try status(SLAInput(priority: "low", openedAt: t("2026-12-07T09:00:00Z")), now: "2026-12-08T09:00:00Z"))
  }

  func testTheInputIsReadFromATicketRecord() throws {
    let ticket = try Record.parse(
      type: .ticket, path: "tickets/login-fails.md",
      bytes: Array(
        """
        ---
        title: Login fails
        status: resolved
        created: 2026-12-07T08:00:00Z
        opened_at: 2026-12-07T09:00:00Z
        first_response_at: 2026-12-07T10:00:00+01:00
        history:
          - {status: pending, at: 2026-12-07T12:00:00Z}
          - {status: open, at: 2026-12-08T12:00:00Z}
          - {status: resolved, at: 2026-12-08T15:00:00Z}
          - {status: pending}
        ---

        """.utf8))
    let input = try XCTUnwrap(SLAInput(ticket: ticket))
    XCTAssertEqual(input.priority, "normal")
    XCTAssertEqual(input.openedAt, t("2026-12-07T09:00:00Z"))
    XCTAssertEqual(input.firstResponseAt?.seconds, t("2026-12-07T09:00:00Z").seconds)
    // No resolved_at: the history's last word, resolved, gives the time.
    XCTAssertEqual(input.resolvedAt, t("2026-12-08T15:00:00Z"))
    XCTAssertEqual(input.history.map(\.status), ["pending", "open", "resolved"])
    let contact = try Record.parse(type: .contact, path: "contacts/jane.md", bytes: Array("---\nname: Jane\n---\n".utf8))
    XCTAssertNil(SLAInput(ticket: contact))
    let unopened = try Record.parse(type: .ticket, path: "tickets/x.md", bytes: Array("---\ntitle: X\n---\n".utf8))
    XCTAssertNil(SLAInput(ticket: unopened))
  }
}
