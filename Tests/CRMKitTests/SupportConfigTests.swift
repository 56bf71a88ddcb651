import XCTest

@testable import CRMKit

/// The `support:` section of `.crm/config.yaml`.
final class SupportConfigTests: XCTestCase {
  func support(_ text: String) throws -> SupportConfig { try Config(bytes: Array(text.utf8)).support }

  func error(_ text: String) -> String {
    do {
      _ = try Config(bytes: Array(text.utf8))
      return "accepted"
    } catch {
      return error.description
    }
  }

  func testWithoutASupportSectionTheDefaultsApply() throws {
    let config = try Config(bytes: Array("currency: EUR\n".utf8))
    XCTAssertEqual(config.support, SupportConfig())
    XCTAssertEqual(config.support.hours.days, [1, 2, 3, 4, 5])
    XCTAssertEqual(config.support.hours.opens, 9 * 3600)
    XCTAssertEqual(config.support.hours.closes, 17 * 3600)
    XCTAssertNil(config.support.hours.timeZone)
    XCTAssertEqual(config.support.holidays, [])
    let targets = config.support.targets.mapValues {
      "\($0.firstResponse?.description ?? "-")/\($0.resolution?.description ?? "-")/\($0.calendar.rawValue)"
    }
    XCTAssertEqual(targets, ["urgent": "1h/4h/24x7", "high": "4h/1d/business", "normal": "1d/3d/business", "low": "2d/5d/business"])
    XCTAssertEqual(try support("support:\n"), SupportConfig())
  }

  func testTheExampleSectionIsRead() throws {
    let config = try Config(
      bytes: Array(
        """
        timezone: Europe/Berlin
        support:
          business_hours: {days: mon-fri, from: "09:00", to: "17:30", timezone: Europe/Lisbon}
          holidays: [2026-12-25, 2027-01-01]
          sla:
            urgent: {first_response: 1h, resolution: 8h, calendar: 24x7}
            high:   {first_response: 4h, resolution: 2d}
            normal: {first_response: 1d, resolution: 5d}

        """.utf8))
    let support = config.support
    XCTAssertEqual(support.hours.days, [1, 2, 3, 4, 5])
    XCTAssertEqual(support.hours.opens, 9 * 3600)
    XCTAssertEqual(support.hours.closes, 17 * 3600 + 1800)
    XCTAssertEqual(support.hours.dayLength, 30600)
    XCTAssertEqual(support.hours.timeZone, "Europe/Lisbon")
    XCTAssertEqual(config.supportTimeZone, "Europe/Lisbon")
    XCTAssertEqual(support.holidays, [CalendarDate("2026-12-25")!, CalendarDate("2027-01-01")!])
    XCTAssertEqual(support.targets["urgent"], SLATarget(firstResponse: SLADuration("1h"), resolution: SLADuration("8h"), calendar: .allDay))
    XCTAssertEqual(support.targets["high"], SLATarget(firstResponse: SLADuration("4h"), resolution: SLADuration("2d")))
    XCTAssertEqual(support.targets["normal"], SLATarget(firstResponse: SLADuration("1d"), resolution: SLADuration("5d")))
    // The table is the config's: a priority it leaves out has no SLA.
    XCTAssertNil(support.targets["low"])
    // 1d is one business day, 8.5 h; on 24x7 a day is 24 h.
    XCTAssertEqual(SLADuration("1d")?.seconds(dayLength: support.hours.dayLength), 30600)
    XCTAssertEqual(SLADuration("1d")?.seconds(dayLength: 86400), 86400)
    XCTAssertEqual(SLADuration("30m")?.seconds(dayLength: 30600), 1800)
  }

  func testTheZoneFallsBackToTheRepos() throws {
    XCTAssertEqual(try Config(bytes: Array("timezone: Europe/Berlin\n".utf8)).supportTimeZone, "Europe/Berlin")
    XCTAssertNil(try Config(bytes: Array("currency: EUR\n".utf8)).supportTimeZone)
  }

  func testDaysTakeRangesAndLists() throws {
    func days(_ text: String) throws -> [Int] {
      try support("support:\n  business_hours:\n    days: \(text)\n").hours.days.sorted()
    }
    XCTAssertEqual(try days("mon-fri"), [1, 2, 3, 4, 5])
    XCTAssertEqual(try days("mon,wed,fri"), [1, 3, 5])
    XCTAssertEqual(try days("mon-sat"), [1, 2, 3, 4, 5, 6])
    XCTAssertEqual(try days("mon-wed, fri"), [1, 2, 3, 5])
    XCTAssertEqual(try days("Friday-Mon"), [1, 5, 6, 7])
    XCTAssertEqual(try days("[sun, thu]"), [4, 7])
    XCTAssertEqual(try days("sun-thu"), [1, 2, 3, 4, 7])
  }

  func testUnknownSupportKeysAreIgnoredAndNullMeansTheDefault() throws {
    let config = try support("support:\n  escalation: later\n  business_hours:\n    from:\n    shift: night\n")
    XCTAssertEqual(config, SupportConfig())
    let noLow = try support("support:\n  sla:\n    low:\n    high: {first_response: 2h}\n")
    XCTAssertEqual(noLow.targets["low"], SLATarget(firstResponse: nil, resolution: nil))
    XCTAssertEqual(noLow.targets["high"], SLATarget(firstResponse: SLADuration("2h"), resolution: nil))
    XCTAssertEqual(try support("support:\n  business_hours: {to: \"24:00\"}\n").hours.closes, 86400)
  }

  func testEveryBadValueIsReportedWhereItIs() {
    let cases: [(String, String)] = [
      ("support: 3\n", "1:10: 'support' must be a mapping of business_hours, holidays and sla"),
      (
        "support:\n  business_hours: [mon]\n",
        "2:19: 'support.business_hours' must be a mapping like {days: mon-fri, from: \"09:00\", to: \"17:00\"}"
      ),
      (
        "support:\n  business_hours:\n    days: mon-xyz\n",
        "3:11: 'support.business_hours.days' must be weekdays like mon-fri or mon,wed,fri, not 'mon-xyz'"
      ),
      ("support:\n  business_hours:\n    days: {mon: 1}\n", "3:11: 'support.business_hours.days' must be weekdays like mon-fri or mon,wed,fri"),
      (
        "support:\n  business_hours:\n    days: mon,,fri\n",
        "3:11: 'support.business_hours.days' must be weekdays like mon-fri or mon,wed,fri, not 'mon,,fri'"
      ),
      ("support:\n  business_hours:\n    from: 9am\n", "3:11: 'support.business_hours.from' must be a time like 09:00, not '9am'"),
      ("support:\n  business_hours:\n    from: \"24:00\"\n", "3:11: 'support.business_hours.from' must be a time like 09:00, not '24:00'"),
      ("support:\n  business_hours:\n    to: \"17:60\"\n", "3:9: 'support.business_hours.to' must be a time like 17:30, not '17:60'"),
      (
        "support:\n  business_hours:\n    from: \"10:00\"\n    to: \"09:30\"\n",
        "4:9: 'support.business_hours.to' must be later than from"
      ),
      ("support:\n  business_hours:\n    from: \"18:00\"\n", "3:5: 'support.business_hours.to' must be later than from"),
      (
        "support:\n  business_hours:\n    timezone: Mars/Base\n",
        "3:15: 'support.business_hours.timezone' must be a time zone name like Europe/Lisbon, not 'Mars/Base'"
      ),
      ("support:\n  holidays: [2026-12-25, 2026-13-01]\n", "2:26: 'support.holidays' must be a list of dates YYYY-MM-DD, not '2026-13-01'"),
      ("support:\n  holidays: christmas\n", "2:13: 'support.holidays' must be a list of dates YYYY-MM-DD, not 'christmas'"),
      ("support:\n  holidays:\n    - [2026-12-25]\n", "3:7: 'support.holidays' must be a list of dates YYYY-MM-DD"),
      (
        "support:\n  sla: fast\n",
        "2:8: 'support.sla' must be a mapping of priorities like high: {first_response: 4h, resolution: 2d}"
      ),
      ("support:\n  sla:\n    High: {first_response: 4h}\n", "3:5: 'support.sla' keys must be ticket priorities like high, not 'High'"),
      ("support:\n  sla:\n    high: 4h\n", "3:11: 'support.sla.high' must be a mapping like {first_response: 4h, resolution: 2d}"),
      (
        "support:\n  sla:\n    high: {first_response: soon}\n",
        "3:28: 'support.sla.high.first_response' must be a duration like 4h or 2d, not 'soon'"
      ),
      ("support:\n  sla:\n    high:\n      resolution: 2w\n", "4:19: 'support.sla.high.resolution' must be a duration like 4h or 2d, not '2w'"),
      ("support:\n  sla:\n    high:\n      resolution: 0h\n", "4:19: 'support.sla.high.resolution' must be a duration like 4h or 2d, not '0h'"),
      (
        "support:\n  sla:\n    low:\n      first_response: 100000m\n",
        "4:23: 'support.sla.low.first_response' must be a duration like 4h or 2d, not '100000m'"
      ),
      ("support:\n  sla:\n    urgent: {calendar: always}\n", "3:24: 'support.sla.urgent.calendar' must be business or 24x7, not 'always'"),
    ]
    for (text, expected) in cases {
      XCTAssertEqual(error(text), ".crm/config.yaml:" + expected, text)
    }
  }
}
