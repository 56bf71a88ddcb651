import XCTest

@testable import CRMKit

#if canImport(FoundationEssentials)
  import FoundationEssentials
#endif

/// Each report on a small fixture whose numbers are worked out by hand in the comments.
final class ReportTests: XCTestCase {
  let clock = CRMClock(now: Timestamp("2026-11-22T12:00:00Z")!)
  let pipeline = Pipeline(Config())

  func index(_ records: [Record], activities: Bool = true) -> RecordIndex {
    var all = records
    Derived.fill(&all, pipeline: pipeline, activitiesLoaded: activities, sla: nil)
    return RecordIndex(all)
  }

  func d(_ text: String) -> Decimal { Decimal(string: text)! }

  /// Rows as text, `|`-joined, so a failure shows the whole table.
  func lines(_ report: Report) -> [String] { report.rows.map { $0.map { $0.text() }.joined(separator: "|") } }

  lazy var deals: [Record] = [
    // open, proposal since 2026-11-02 (20 days), 0.1 EUR at the stage's 50%
    record(.deal, "a", "title: A\nstage: proposal\nvalue: 0.1\nexpected_close: 2026-12-10\ncreated: 2026-10-01T00:00:00Z\nsource: web\nhistory:\n  - stage: lead\n    at: 2026-10-01T00:00:00Z\n  - stage: proposal\n    at: 2026-11-02T12:00:00Z\n    from: lead\n"),
    // open, proposal since 2026-11-12 (10 days), 0.2 EUR at 50%
    record(.deal, "b", "title: B\nstage: proposal\nvalue: 0.2\nexpected_close: 2026-12-20\ncreated: 2026-11-12T12:00:00Z\nsource: web\nhistory:\n  - stage: proposal\n    at: 2026-11-12T12:00:00Z\n"),
    // open, USD, no expected close, own probability 30%
    record(.deal, "c", "title: C\nstage: lead\nvalue: 1000\ncurrency: USD\nprobability: 30\ncreated: 2026-11-20T00:00:00Z\nsource: fair\nhistory:\n  - stage: lead\n    at: 2026-11-20T00:00:00Z\n"),
    // open, expected close passed: overdue
    record(.deal, "d", "title: D\nstage: negotiation\nvalue: 500\nexpected_close: 2026-11-01\ncreated: 2026-09-01T00:00:00Z\nsource: web\nhistory:\n  - stage: lead\n    at: 2026-09-01T00:00:00Z\n  - stage: negotiation\n    at: 2026-10-01T00:00:00Z\n    from: lead\n"),
    // won in October after 40 days: lead → qualified → proposal → won
    record(.deal, "e", "title: E\nstage: won\nvalue: 2000\ncreated: 2026-09-01T00:00:00Z\nclosed_at: 2026-10-11T00:00:00Z\nsource: web\ncompany: acme\ntags: [x, y]\nhistory:\n  - stage: lead\n    at: 2026-09-01T00:00:00Z\n  - stage: qualified\n    at: 2026-09-10T00:00:00Z\n    from: lead\n  - stage: proposal\n    at: 2026-09-20T00:00:00Z\n    from: qualified\n  - stage: won\n    at: 2026-10-11T00:00:00Z\n    from: proposal\n"),
    // lost, then reopened and won in November after 60 days, in USD
    record(.deal, "f", "title: F\nstage: won\nvalue: 300\ncurrency: USD\ncreated: 2026-09-15T00:00:00Z\nclosed_at: 2026-11-14T00:00:00Z\nsource: fair\ncompany: acme\nhistory:\n  - stage: lead\n    at: 2026-09-15T00:00:00Z\n  - stage: lost\n    at: 2026-10-01T00:00:00Z\n    from: lead\n  - stage: qualified\n    at: 2026-10-15T00:00:00Z\n    from: lost\n  - stage: won\n    at: 2026-11-14T00:00:00Z\n    from: qualified\n"),
    // lost in Q3
    record(.deal, "g", "title: G\nstage: lost\nvalue: 700\ncreated: 2026-07-01T00:00:00Z\nclosed_at: 2026-08-01T00:00:00Z\nsource: web\nhistory:\n  - stage: lead\n    at: 2026-07-01T00:00:00Z\n  - stage: lost\n    at: 2026-08-01T00:00:00Z\n    from: lead\n"),
  ]

  func testPipelinePerStageAndCurrency() {
    let report = SalesReports.pipeline(index(deals), ReportOptions(), pipeline: pipeline, clock: clock)
    XCTAssertEqual(report.columns, ["stage", "currency", "deals", "total", "weighted", "median_days_in_stage"])
    // proposal: 0.1 + 0.2 = 0.3, weighted 0.15; ages 20 and 10 days → median 15.
    // lead: C only (USD) 1000 × 30% = 300, 2 days. negotiation: D 500 × 75% = 375, 52 days.
    XCTAssertEqual(lines(report), ["lead|USD|1|1000|300|2", "proposal|EUR|2|0.3|0.15|15", "negotiation|EUR|1|500|375|52"])
    XCTAssertEqual(lines(SalesReports.pipeline(index([]), ReportOptions(), pipeline: pipeline, clock: clock)), [], "no deals: no rows")
    // --since counts deals created from then on: only B and C.
    let since = ReportOptions(since: Timestamp("2026-11-10T00:00:00Z"))
    XCTAssertEqual(lines(SalesReports.pipeline(index(deals), since, pipeline: pipeline, clock: clock)), ["lead|USD|1|1000|300|2", "proposal|EUR|1|0.2|0.1|10"])
  }

  func testForecastByMonth() {
    let report = SalesReports.forecast(index(deals), ReportOptions(), pipeline: pipeline, clock: clock, by: .month, periods: 2)
    // Periods: 2 back (2026-09, 2026-10), the current 2026-11, one ahead 2026-12.
    // D's close (Nov 1) has passed: overdue. A and B close in December: 0.3, weighted 0.15.
    // Won: E in October (2000 EUR), F in November (300 USD). C has no close date: undated.
    XCTAssertEqual(
      lines(report),
      [
        "overdue|EUR|1|500|375|0|0", "2026-09|EUR|0|0|0|0|0", "2026-10|EUR|0|0|0|1|2000", "2026-11|USD|0|0|0|1|300",
        "2026-12|EUR|2|0.3|0.15|0|0", "undated|USD|1|1000|300|0|0",
      ])
    let quarters = SalesReports.forecast(index(deals), ReportOptions(), pipeline: pipeline, clock: clock, by: .quarter, periods: 1)
    // 2026-Q3 (G lost: not revenue), 2026-Q4: E + F won, A + B open.
    XCTAssertEqual(
      lines(quarters), ["overdue|EUR|1|500|375|0|0", "2026-Q3|EUR|0|0|0|0|0", "2026-Q4|EUR|2|0.3|0.15|1|2000", "2026-Q4|USD|0|0|0|1|300", "undated|USD|1|1000|300|0|0"])
  }

  func testFunnelCountsReopenedDealsByTheirFurthestStage() {
    // Furthest stage on the ladder lead, qualified, proposal, negotiation, won:
    // A proposal, B proposal (skipped lead and qualified), C lead, D negotiation,
    // E won, F won (reopened after lost), G lead.
    // reached: lead 7, qualified 5 (A B D E F), proposal 5 (A B D E F), negotiation 3 (D E F),
    // won 2 (E F); F counts through proposal and negotiation because it went further.
    let report = SalesReports.funnel(index(deals), ReportOptions(), pipeline: pipeline)
    XCTAssertEqual(
      lines(report),
      ["lead|7|5|71.4", "qualified|5|5|100", "proposal|5|3|60", "negotiation|3|2|66.7", "won|2||", "overall|7|2|28.6"])
  }

  func testWinRateByQuarterAndTag() {
    // Closed: E won (EUR 2000, 40 days), F won (USD 300, 60 days), G lost (EUR).
    let overall = "all||2|1|66.7||50"
    XCTAssertEqual(
      lines(SalesReports.winRate(index(deals), ReportOptions(), pipeline: pipeline, by: nil)), ["all|EUR|1|1|50|2000|40", "all|USD|1|0|100|300|60", overall])
    XCTAssertEqual(
      lines(SalesReports.winRate(index(deals), ReportOptions(), pipeline: pipeline, by: .quarter)),
      ["2026-Q3|EUR|0|1|0||", "2026-Q4|EUR|1|0|100|2000|40", "2026-Q4|USD|1|0|100|300|60", overall])
    XCTAssertEqual(
      lines(SalesReports.winRate(index(deals), ReportOptions(), pipeline: pipeline, by: .tag)),
      ["(none)|EUR|0|1|0||", "(none)|USD|1|0|100|300|60", "x|EUR|1|0|100|2000|40", "y|EUR|1|0|100|2000|40", overall])
    XCTAssertEqual(lines(SalesReports.winRate(index([]), ReportOptions(), pipeline: pipeline, by: .source)), [])
  }

  func testWinRateEndsWithOneRowAcrossCurrencies() throws {
    // E (tags x and y) is one deal in two groups but counts once overall: 2 won (E, F) and
    // 1 lost (G) over EUR and USD is 66.7%; the median of 40 and 60 days is 50. An average
    // won size would add euros to dollars, so it is empty, and so is the currency.
    let report = SalesReports.winRate(index(deals), ReportOptions(), pipeline: pipeline, by: .tag)
    XCTAssertEqual(report.rows.last, [.string("all"), .null, .integer(2), .integer(1), .decimal(d("66.7")), .null, .decimal(50)])
    // The closed web deals, E and G, are all in EUR: the overall row has EUR's win rate.
    let web = ReportOptions(filters: [.deal: try Query.parse(["source:web"], type: .deal, fields: ["source"], clock: clock)])
    XCTAssertEqual(lines(SalesReports.winRate(index(deals), web, pipeline: pipeline, by: nil)), ["all|EUR|1|1|50|2000|40", "all||1|1|50||40"])
  }

  func testRevenueByMonthIncludesEmptyMonthsAndByCompany() {
    XCTAssertEqual(
      lines(SalesReports.revenue(index(deals), ReportOptions(), pipeline: pipeline, by: .month)),
      ["2026-10|EUR|1|2000", "2026-11|USD|1|300", "(total)|EUR|1|2000", "(total)|USD|1|300"])
    let two = deals + [record(.deal, "h", "title: H\nstage: won\nvalue: 0.7\ncompany: acme\nclosed_at: 2026-12-01T00:00:00Z\n")]
    XCTAssertEqual(
      lines(SalesReports.revenue(index(two), ReportOptions(), pipeline: pipeline, by: .month)),
      ["2026-10|EUR|1|2000", "2026-11|USD|1|300", "2026-12|EUR|1|0.7", "(total)|EUR|2|2000.7", "(total)|USD|1|300"])
    // Lifetime value of acme: 2000 + 0.7 EUR (Oct 11, Dec 1) and 300 USD, never added together.
    XCTAssertEqual(
      lines(SalesReports.revenue(index(two), ReportOptions(), pipeline: pipeline, by: .company)),
      [
        "acme|EUR|2|2000.7|2026-10-11|2026-12-01", "acme|USD|1|300|2026-11-14|2026-11-14", "(total)|EUR|2|2000.7|2026-10-11|2026-12-01",
        "(total)|USD|1|300|2026-11-14|2026-11-14",
      ])
  }

  func testRevenueEndsWithATotalPerCurrency() {
    // Beside acme's E (2000 EUR, Oct 11) and F (300 USD, Nov 14): beta's 50 EUR on Sep 5 and
    // 0.7 EUR on Dec 1. The EUR total spans both companies: 3 deals, Sep 5 to Dec 1.
    let more =
      deals + [
        record(.deal, "i", "title: I\nstage: won\nvalue: 50\ncompany: beta\nclosed_at: 2026-09-05T00:00:00Z\n"),
        record(.deal, "j", "title: J\nstage: won\nvalue: 0.7\ncompany: beta\nclosed_at: 2026-12-01T00:00:00Z\n"),
      ]
    XCTAssertEqual(
      lines(SalesReports.revenue(index(more), ReportOptions(), pipeline: pipeline, by: .company)),
      [
        "acme|EUR|1|2000|2026-10-11|2026-10-11", "beta|EUR|2|50.7|2026-09-05|2026-12-01", "acme|USD|1|300|2026-11-14|2026-11-14",
        "(total)|EUR|3|2050.7|2026-09-05|2026-12-01", "(total)|USD|1|300|2026-11-14|2026-11-14",
      ])
    XCTAssertEqual(
      lines(SalesReports.revenue(index(more), ReportOptions(), pipeline: pipeline, by: .quarter)),
      ["2026-Q3|EUR|1|50", "2026-Q4|EUR|2|2000.7", "2026-Q4|USD|1|300", "(total)|EUR|3|2050.7", "(total)|USD|1|300"])
    XCTAssertEqual(lines(SalesReports.revenue(index([]), ReportOptions(), pipeline: pipeline, by: .month)), [], "nothing won: no total")
  }

  /// A chart's sections as text: `EUR: lead=10, proposal=150`.
  func sections(_ report: Report) -> [String] {
    report.chartSections.map { section in
      (section.title.map { $0 + ": " } ?? "") + section.bars.map { "\($0.label)=\($0.value.text())" }.joined(separator: ", ")
    }
  }

  func testMoneyIsChartedOnAScalePerCurrency() {
    // Pipeline weighted: lead C 300 USD; proposal A + B 0.15 EUR; negotiation D 375 EUR. Each
    // currency is its own chart, so its bars are not labelled with it.
    XCTAssertEqual(
      sections(SalesReports.pipeline(index(deals), ReportOptions(), pipeline: pipeline, clock: clock)),
      ["EUR: proposal=0.15, negotiation=375", "USD: lead=300"])
    // A win rate is not money: one chart, the overall row labelled by its group alone.
    XCTAssertEqual(
      sections(SalesReports.winRate(index(deals), ReportOptions(), pipeline: pipeline, by: nil)), ["all EUR=50, all USD=100, all=66.7"])
    // Revenue per month: every month in each currency's chart, 0 where it won nothing there,
    // and no total bar, which would dwarf the months it sums.
    let more = deals + [record(.deal, "h", "title: H\nstage: won\nvalue: 0.7\nclosed_at: 2026-12-01T00:00:00Z\n")]
    XCTAssertEqual(
      sections(SalesReports.revenue(index(more), ReportOptions(), pipeline: pipeline, by: .month)),
      ["EUR: 2026-10=2000, 2026-11=0, 2026-12=0.7", "USD: 2026-10=0, 2026-11=300, 2026-12=0"])
    XCTAssertEqual(
      sections(SalesReports.revenue(index(more), ReportOptions(), pipeline: pipeline, by: .company)), ["EUR: acme=2000, (none)=0.7", "USD: acme=300"])
    // Forecast of A and B (open EUR) and F (won USD): USD has no weighted value to draw.
    let forecast = SalesReports.forecast(
      index(deals.filter { ["a", "b", "f"].contains($0.id) }), ReportOptions(), pipeline: pipeline, clock: clock, by: .month, periods: 2)
    XCTAssertEqual(lines(forecast), ["2026-09|EUR|0|0|0|0|0", "2026-10|EUR|0|0|0|0|0", "2026-11|USD|0|0|0|1|300", "2026-12|EUR|2|0.3|0.15|0|0"])
    XCTAssertEqual(sections(forecast), ["EUR: 2026-09=0, 2026-10=0, 2026-11=0, 2026-12=0.15"])
  }

  func testSources() {
    let people = [
      record(.contact, "p1", "name: P1\nsource: web\nstatus: customer\n"), record(.contact, "p2", "name: P2\nsource: web\nstatus: lead\n"),
      record(.contact, "p3", "name: P3\nsource: web\n"), record(.contact, "p4", "name: P4\n"),
    ]
    // web: 3 contacts, 1 customer → 33.3%; deals A B D E G, E won 2000 EUR.
    // fair: C and F deals, F won 300 USD. (none): P4, no deals.
    XCTAssertEqual(
      lines(SalesReports.sources(index(people + deals), ReportOptions(), pipeline: pipeline)),
      ["(none)|1|0|0|0|0|EUR|0", "fair|0|0||2|1|USD|300", "web|3|1|33.3|5|1|EUR|2000"])
  }

  func testActivityPeriodsAndISOWeek53() {
    let activities = [
      // 2026-12-31 is a Thursday: ISO week 2026-W53; 2027-01-03 (Sunday) is still W53.
      record(.activity, "a1", "kind: call\nat: 2026-12-31T23:59:59Z\ncontacts: [p1]\n"),
      record(.activity, "a2", "kind: email\nat: 2027-01-03T10:00:00Z\ncontacts: [p1, p2]\n"),
      // Monday 2027-01-04 starts 2027-W01.
      record(.activity, "a3", "kind: email\nat: 2027-01-04T00:00:00Z\ncontacts: [p2]\n"),
      record(.activity, "a4", "kind: note\nat: 2027-01-18T00:00:00Z\ncontacts: [p2]\n"),
    ]
    XCTAssertEqual(
      lines(ActivityReports.activity(index(activities), ReportOptions(), by: .period(.week), kind: nil)),
      ["2026-W53|2|1|1|0|0|0|0|0", "2027-W01|1|0|1|0|0|0|0|0", "2027-W02|0|0|0|0|0|0|0|0", "2027-W03|1|0|0|0|1|0|0|0"])
    // On the month boundary: 23:59:59 on Dec 31 is December, midnight on Jan 4 is January.
    XCTAssertEqual(
      lines(ActivityReports.activity(index(activities), ReportOptions(), by: .period(.month), kind: "email")),
      ["2027-01|2|2"])
    XCTAssertEqual(
      lines(ActivityReports.activity(index(activities), ReportOptions(), by: .contact, kind: nil)),
      ["p2|3|0|2|0|1|0|0|0", "p1|2|1|1|0|0|0|0|0"])
    // Sunday 2027-01-10 ends 2027-W01; every week in the range is listed, empty or not.
    let since = ReportOptions(since: Timestamp("2027-01-01T00:00:00Z"), until: Timestamp("2027-01-11T00:00:00Z"))
    XCTAssertEqual(
      lines(ActivityReports.activity(index(activities), since, by: .period(.week), kind: nil)),
      ["2026-W53|1|0|1|0|0|0|0|0", "2027-W01|1|0|1|0|0|0|0|0", "2027-W02|0|0|0|0|0|0|0|0"])
    XCTAssertEqual(Period.week.label(CalendarDate(year: 2021, month: 1, day: 3)!), "2020-W53")
    XCTAssertEqual(Period.week.label(CalendarDate(year: 2024, month: 12, day: 30)!), "2025-W01")
    XCTAssertEqual(lines(ActivityReports.activity(index([]), ReportOptions(), by: .period(.day), kind: nil)), [])
  }

  func testStale() {
    let records =
      deals + [
        record(.contact, "quiet", "name: Quiet\nstatus: customer\n"),
        record(.contact, "old", "name: Old\nstatus: customer\n"),
        record(.contact, "fresh", "name: Fresh\nstatus: customer\n"),
        record(.contact, "lead", "name: Lead\nstatus: lead\n"),
        record(.activity, "x1", "kind: call\nat: 2026-09-01T10:00:00Z\ncontacts: [old, lead]\n"),
        record(.activity, "x2", "kind: call\nat: 2026-11-20T10:00:00Z\ncontacts: [fresh]\n"),
        // A note is not contact: "old" stays silent since September 1 (82 days).
        record(.activity, "x3", "kind: note\nat: 2026-11-21T10:00:00Z\ncontacts: [old]\n"),
      ]
    // 30 days: never-contacted "quiet" first, then "old" (82 days), then open deals silent
    // since before Oct 23: D (last change Oct 1, 52 days). A moved Nov 2, B, C are recent.
    XCTAssertEqual(
      lines(ActivityReports.stale(index(records), ReportOptions(), pipeline: pipeline, clock: clock, days: 30)),
      ["contact|quiet|Quiet||", "contact|old|Old|2026-09-01|82", "deal|d|D|2026-10-01|52"])
  }

  func testPercentAndMedian() {
    XCTAssertEqual(Stats.percent(1, 3), d("33.3"))
    XCTAssertEqual(Stats.percent(2, 3), d("66.7"))
    XCTAssertEqual(Stats.percent(1, 8), d("12.5"))
    XCTAssertEqual(Stats.percent(1, 0), nil)
    XCTAssertEqual(Stats.median([5, 1, 3]), 3)
    XCTAssertEqual(Stats.median([4, 1]), d("2.5"))
    XCTAssertNil(Stats.median([]))
  }
}
