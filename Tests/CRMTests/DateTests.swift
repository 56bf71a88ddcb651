import Foundation
import XCTest

/// Times written without an offset and spelled-out relative dates, end to end.
final class DateTests: CRMTestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initRepo()
    try crm("contact", "add", "Jane Doe")
  }

  func at(_ id: String) throws -> String {
    try read("activities/\(id.prefix(4))/\(id.dropFirst(4).prefix(2))/\(id).md").split(separator: "\n").first { $0.hasPrefix("at: ") }
      .map(String.init) ?? ""
  }

  func testALocalTimeIsReadInTZAndStoredWithItsOffset() throws {
    let berlin = ["TZ": "Europe/Berlin"]
    assertRun(
      try crm("log", "call", "jane", "--at", "2026-11-18 10:00", "-m", "x", env: berlin), status: 0,
      stdout: "20261118-1000-call-jane-doe-k3x9\n", stderr: "")
    XCTAssertEqual(try at("20261118-1000-call-jane-doe-k3x9"), "at: 2026-11-18T10:00:00+01:00")
    assertRun(try crm("log", "call", "jane", "--at", "2026-07-01T10:00", "-m", "x", env: berlin), status: 0)
    XCTAssertEqual(try at("20260701-1000-call-jane-doe-k3x9"), "at: 2026-07-01T10:00:00+02:00")  // summer time
    assertRun(try crm("log", "note", "jane", "--at", "2026-11-18T10:00", "-m", "x", env: ["TZ": "America/New_York"]), status: 0)
    XCTAssertEqual(try at("20261118-1000-note-jane-doe-k3x9"), "at: 2026-11-18T10:00:00-05:00")
    // A date is the start of that day in the same zone; an offset that is written is kept.
    assertRun(try crm("log", "sms", "jane", "--at", "tomorrow", "-m", "x", env: berlin), status: 0)
    XCTAssertEqual(try at("20261123-0000-sms-jane-doe-k3x9"), "at: 2026-11-23T00:00:00+01:00")
    assertRun(try crm("log", "chat", "jane", "--at", "2026-11-18T10:00-03:00", "-m", "x", env: berlin), status: 0)
    XCTAssertEqual(try at("20261118-1000-chat-jane-doe-k3x9"), "at: 2026-11-18T10:00:00-03:00")
    // Filters read local times the same way: 09:30 to 10:30 in Berlin holds only the call.
    assertRun(
      try crm("activity", "list", "at>=2026-11-18T09:30", "at<2026-11-18T10:30", "--format", "ids", env: berlin), status: 0,
      stdout: "20261118-1000-call-jane-doe-k3x9\n")
  }

  func testTheRepoTimezoneWinsOverTZ() throws {
    try write(".crm/config.yaml", "timezone: Asia/Tokyo\n")
    assertRun(try crm("log", "call", "jane", "--at", "2026-11-18 10:00", "-m", "x", env: ["TZ": "Europe/Berlin"]), status: 0)
    XCTAssertEqual(try at("20261118-1000-call-jane-doe-k3x9"), "at: 2026-11-18T10:00:00+09:00")
  }

  func testSpelledOutRelativeDates() throws {
    // CRM_NOW is Sunday 2026-11-22.
    for (due, date) in [
      ("next friday", "2026-11-27"), ("next week", "2026-11-29"), ("next month", "2026-12-22"), ("+3 days", "2026-11-25"),
      ("+1 week", "2026-11-29"), ("in 1 day", "2026-11-23"), ("in 2 months", "2027-01-22"),
    ] {
      let id = try crm("task", "add", "Due " + due, "--due", due).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
      XCTAssertTrue(try read("tasks/\(id).md").contains("\ndue: \(date)\n"), due)
    }
    assertRun(try crm("deal", "add", "Acme site", "--close", "next month"), status: 0, stdout: "acme-site\n")
    XCTAssertTrue(try read("deals/acme-site.md").contains("\nexpected_close: 2026-12-22\n"))
    assertRun(try crm("log", "call", "jane", "-m", "x", "--follow-up", "next tuesday"), status: 0)
    XCTAssertTrue(try read("tasks/follow-up-with-jane-doe.md").contains("\ndue: 2026-11-24\n"))
    assertRun(
      try crm("task", "add", "X", "--due", "next fortnight"), status: 64,
      stderr: "crm: 'due' must be a date, not 'next fortnight'\n"
        + "hint: dates are YYYY-MM-DD, today, tomorrow, a weekday (friday, next friday), +3d, +2 weeks, -1m, in 3 days, next week or next month\n")
  }
}
