import Foundation
import XCTest

/// Every report in every format on the demo repo with a fixed clock, the chart at a fixed
/// width, and the refusals.
final class ReportCommandTests: CRMTestCase {
  var examples: String { CRMBinary.packageRoot.appendingPathComponent("examples").path }
  let day = ["CRM_NOW": "2026-11-22T09:00:00Z"]

  /// The documented columns of each report (README: "Reports"); they are the JSON contract.
  let reports: [([String], [String])] = [
    (["pipeline"], ["stage", "currency", "deals", "total", "weighted", "median_days_in_stage"]),
    (["forecast"], ["period", "currency", "open_deals", "open_value", "weighted", "won_deals", "won_value"]),
    (["forecast", "--by", "quarter", "--periods", "2"], ["period", "currency", "open_deals", "open_value", "weighted", "won_deals", "won_value"]),
    (["funnel"], ["stage", "reached", "reached_next", "conversion"]),
    (["win-rate"], ["group", "currency", "won", "lost", "win_rate", "average_won", "median_days_to_close"]),
    (["win-rate", "--by", "source"], ["source", "currency", "won", "lost", "win_rate", "average_won", "median_days_to_close"]),
    (["activity"], ["period", "total", "call", "email", "meeting", "note", "chat", "sms", "social"]),
    (["activity", "--by", "week", "--kind", "call", "--since", "2026-10-01"], ["period", "total", "call"]),
    (["activity", "--by", "contact"], ["contact", "total", "call", "email", "meeting", "note", "chat", "sms", "social"]),
    (["sources"], ["source", "contacts", "customers", "conversion", "deals", "won_deals", "currency", "won_revenue"]),
    (["stale"], ["type", "id", "name", "last_activity", "days_silent"]),
    (["revenue"], ["month", "currency", "deals", "revenue"]),
    (["revenue", "--by", "company"], ["company", "currency", "deals", "revenue", "first_won", "last_won"]),
    (["tickets"], ReportCommandTests.ticketColumns("group")),
    (["tickets", "--by", "priority"], ReportCommandTests.ticketColumns("priority")),
  ]

  static func ticketColumns(_ first: String) -> [String] {
    [
      first, "opened", "resolved", "backlog", "median_first_response_hours", "median_resolution_hours",
      "first_response_within_sla", "resolution_within_sla", "reopen_rate", "csat", "csat_positive",
    ]
  }

  func testEveryReportInEveryFormatAgrees() throws {
    for (arguments, columns) in reports {
      let args = ["-C", examples, "report"] + arguments
      let csv = try run(CRMBinary.url.path, args + ["--format", "csv"], in: root, env: day)
      assertRun(csv, status: 0, stderr: "")
      let csvLines = csv.stdout.components(separatedBy: "\r\n").dropLast()
      XCTAssertEqual(csvLines.first, columns.joined(separator: ","), "\(arguments)")
      XCTAssertGreaterThan(csvLines.count, 1, "\(arguments) has rows on the demo repo")
      let tsv = try run(CRMBinary.url.path, args + ["--format", "tsv"], in: root, env: day)
      XCTAssertEqual(tsv.stdout.split(separator: "\n").count, csvLines.count - 1, "\(arguments)")
      let json = try run(CRMBinary.url.path, args + ["--format", "json"], in: root, env: day)
      let objects = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
      XCTAssertEqual(objects?.count, csvLines.count - 1, "\(arguments)")
      for object in objects ?? [] { XCTAssertEqual(Set(object.keys), Set(columns), "\(arguments)") }
      let ndjson = try run(CRMBinary.url.path, args + ["--format", "ndjson"], in: root, env: day)
      XCTAssertEqual(ndjson.stdout.split(separator: "\n").count, csvLines.count - 1)
      let yaml = try run(CRMBinary.url.path, args + ["--format", "yaml"], in: root, env: day)
      XCTAssertEqual(yaml.stdout.split(separator: "\n").filter { $0.hasPrefix("- ") }.count, csvLines.count - 1)
      let table = try run(CRMBinary.url.path, args, in: root, env: day)
      assertRun(table, status: 0)
      XCTAssertTrue(table.stdout.hasPrefix(columns.first!.uppercased()), "\(arguments): \(table.stdout)")
      XCTAssertFalse(table.stdout.contains("█"), "no chart when piped")
    }
  }

  func testDemoNumbers() throws {
    // Worked out from examples/deals: open EUR deals in proposal are Acme (12,500) and
    // Müller & Söhne (31,500): 44,000, weighted at 50% 22,000; negotiation: Northwind 48,000
    // at its own 80% (38,400) + Umbrella 36,000 at 75% (27,000) = 65,400.
    let pipeline = try crm("-C", examples, "report", "pipeline", "--format", "tsv", env: day)
    XCTAssertTrue(pipeline.stdout.contains("proposal\tEUR\t2\t44000\t22000\t"), pipeline.stdout)
    XCTAssertTrue(pipeline.stdout.contains("negotiation\tEUR\t2\t84000\t65400\t"), pipeline.stdout)
    // 13 deals all start as leads; 3 are won (Vandelay, Blue Fjord, Acme retainer): 23.1%.
    let funnel = try crm("-C", examples, "report", "funnel", "--format", "csv", env: day)
    XCTAssertTrue(funnel.stdout.hasSuffix("overall,13,3,23.1\r\n"), funnel.stdout)
    // Won EUR deals: Acme retainer (9,600); lost EUR: Initech, Chloé: win rate 1/3.
    let winRate = try crm("-C", examples, "report", "win-rate", "--format", "tsv", env: day)
    XCTAssertTrue(winRate.stdout.hasPrefix("all\tEUR\t1\t2\t33.3\t9600\t24\n"), winRate.stdout)
    let revenue = try crm("-C", examples, "report", "revenue", "--by", "company", "--format", "tsv", env: day)
    XCTAssertEqual(
      revenue.stdout,
      "acme\tEUR\t1\t9600\t2026-01-29\t2026-01-29\nblue-fjord\tNOK\t1\t185000\t2026-10-14\t2026-10-14\nvandelay\tUSD\t1\t22000\t2026-06-26\t2026-06-26\n"
        + "(total)\tEUR\t1\t9600\t2026-01-29\t2026-01-29\n(total)\tNOK\t1\t185000\t2026-10-14\t2026-10-14\n(total)\tUSD\t1\t22000\t2026-06-26\t2026-06-26\n")
    let filtered = try crm("-C", examples, "report", "pipeline", "company:acme", "--format", "tsv", env: day)
    // In proposal since 2026-10-28T10:30: 24 whole days by 2026-11-22T09:00.
    XCTAssertEqual(filtered.stdout, "proposal\tEUR\t1\t12500\t6250\t24\n")
  }

  func testChartAtAFixedWidth() throws {
    try initRepo()
    try crm("deal", "add", "A", "--value", "100", "--stage", "lead")
    try crm("deal", "add", "B", "--value", "300", "--stage", "proposal")
    try crm("deal", "add", "C", "--value", "75", "--stage", "proposal", "--currency", "USD")
    // weighted: lead 100 × 10% = 10, proposal 300 × 50% = 150, USD 75 × 50% = 37.5.
    // One chart per currency, each on its own scale, lined up with each other. Bar width:
    // 40 columns - label 8 - value 4 - 4 = 24 cells = 192 eighths for EUR's 150 and for
    // USD's 37.5. 10 → 12.8 → 13 eighths (█▋).
    assertRun(
      try crm("report", "pipeline", "--chart", env: ["COLUMNS": "40"]), status: 0,
      stdout: """
        STAGE     CURRENCY  DEALS  TOTAL  WEIGHTED  MEDIAN_DAYS_IN_STAGE
        lead      EUR       1      100    10        0
        proposal  EUR       1      300    150       0
        proposal  USD       1      75     37.5      0

        EUR
        lead      █▋                        10
        proposal  ████████████████████████  150

        USD
        proposal  ████████████████████████  37.5

        """)
    XCTAssertFalse(try crm("report", "pipeline", "--no-chart").stdout.contains("█"))
  }

  func testDemoChartHasAScalePerCurrency() throws {
    // The demo's weighted pipeline: 65,400 EUR, 600,000 JPY and 12,450 USD each fill their
    // own chart. Bar width: 60 - label 11 - value 6 - 4 = 39 cells = 312 eighths; 22,000 of
    // 65,400 EUR → 105 eighths (13 cells and ▏), 2,125 of 12,450 USD → 53 (6 cells and ▋).
    let chart = try crm("-C", examples, "report", "pipeline", "--chart", env: day.merging(["COLUMNS": "60"]) { $1 })
    assertRun(chart, status: 0)
    XCTAssertTrue(
      chart.stdout.hasSuffix(
        """

        EUR
        proposal     █████████████▏                           22000
        negotiation  ███████████████████████████████████████  65400

        JPY
        qualified    ███████████████████████████████████████  600000

        USD
        lead         ███████████████████████████████████████  12450
        qualified    ██████▋                                  2125

        """), chart.stdout)
    // Revenue per month: each currency's chart has every month, and no bar for the totals.
    let revenue = try crm("-C", examples, "report", "revenue", "--chart", env: day.merging(["COLUMNS": "40"]) { $1 })
    let bars = revenue.stdout.components(separatedBy: "\n\n").dropFirst()
    XCTAssertEqual(bars.map { $0.split(separator: "\n").first }, ["EUR", "NOK", "USD"], revenue.stdout)
    for section in bars {
      XCTAssertEqual(section.split(separator: "\n").dropFirst().map { String($0.prefix(7)) }, (1...10).map { String(format: "2026-%02d", $0) })
    }
    XCTAssertFalse(revenue.stdout.contains("(total)  █"), revenue.stdout)
  }

  func testWinRateEndsWithOneRowAcrossCurrenciesInEveryFormat() throws {
    // Closed demo deals: won 9,600 EUR (24 days), 185,000 NOK (135), 22,000 USD (136); lost
    // two in EUR. Over every currency: 3 of 5, 60%, median 135 days; no average of amounts
    // in three currencies, and no currency.
    for arguments in [["win-rate"], ["win-rate", "--by", "source"]] {
      let args = ["-C", examples, "report"] + arguments
      let tsv = try run(CRMBinary.url.path, args + ["--format", "tsv"], in: root, env: day)
      XCTAssertTrue(tsv.stdout.hasSuffix("\nall\t\t3\t2\t60\t\t135\n"), "\(arguments): \(tsv.stdout)")
      let csv = try run(CRMBinary.url.path, args + ["--format", "csv"], in: root, env: day)
      XCTAssertTrue(csv.stdout.hasSuffix("\r\nall,,3,2,60,,135\r\n"), "\(arguments): \(csv.stdout)")
      let ndjson = try run(CRMBinary.url.path, args + ["--format", "ndjson"], in: root, env: day)
      XCTAssertEqual(
        ndjson.stdout.split(separator: "\n").last,
        #"{"\#(arguments.count == 1 ? "group" : "source")":"all","currency":null,"won":3,"lost":2,"win_rate":60,"average_won":null,"median_days_to_close":135}"#)
      let yaml = try run(CRMBinary.url.path, args + ["--format", "yaml"], in: root, env: day)
      XCTAssertTrue(yaml.stdout.hasSuffix("all\n  currency:\n  won: 3\n  lost: 2\n  win_rate: 60\n  average_won:\n  median_days_to_close: 135\n"), yaml.stdout)
      let table = try run(CRMBinary.url.path, args, in: root, env: day)
      XCTAssertEqual(table.stdout.split(separator: "\n").last?.split(separator: " "), ["all", "3", "2", "60", "135"], table.stdout)
    }
    // The rows per currency are as before, first.
    let json = try crm("-C", examples, "report", "win-rate", "--format", "json", env: day)
    let objects = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
    XCTAssertEqual(objects?.map { $0["currency"] as? String }, ["EUR", "NOK", "USD", nil])
    XCTAssertTrue(objects?.last?["currency"] is NSNull)
  }

  func testRevenueEndsWithATotalPerCurrencyInEveryFormat() throws {
    // One deal won in each of EUR, NOK and USD: 9,600, 185,000 and 22,000.
    let totals = [("EUR", 9600), ("NOK", 185000), ("USD", 22000)]
    for by in ["month", "quarter"] {
      let args = ["-C", examples, "report", "revenue", "--by", by]
      let tsv = try run(CRMBinary.url.path, args + ["--format", "tsv"], in: root, env: day)
      XCTAssertTrue(tsv.stdout.hasSuffix(totals.map { "\n(total)\t\($0)\t1\t\($1)" }.joined() + "\n"), tsv.stdout)
      let csv = try run(CRMBinary.url.path, args + ["--format", "csv"], in: root, env: day)
      XCTAssertTrue(csv.stdout.hasSuffix(totals.map { "\r\n(total),\($0),1,\($1)" }.joined() + "\r\n"), csv.stdout)
      let json = try run(CRMBinary.url.path, args + ["--format", "json"], in: root, env: day)
      let objects = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
      let totalRows = objects?.filter { $0[by] as? String == "(total)" } ?? []
      XCTAssertEqual(totalRows.map { $0["currency"] as? String }, ["EUR", "NOK", "USD"])
      XCTAssertEqual(totalRows.map { $0["revenue"] as? Int }, [9600, 185000, 22000])
      let yaml = try run(CRMBinary.url.path, args + ["--format", "yaml"], in: root, env: day)
      XCTAssertTrue(yaml.stdout.hasSuffix("- \(by): (total)\n  currency: USD\n  deals: 1\n  revenue: 22000\n"), yaml.stdout)
      let table = try run(CRMBinary.url.path, args, in: root, env: day)
      XCTAssertEqual(table.stdout.split(separator: "\n").suffix(3).map { $0.split(separator: " ") }, totals.map { ["(total)", "\($0)", "1", "\($1)"] })
    }
  }

  func testEmptyRepoGivesHeadersAndMalformedFilesRefuse() throws {
    try initRepo()
    assertRun(try crm("report", "revenue", "--format", "csv"), status: 0, stdout: "month,currency,deals,revenue\r\n")
    assertRun(try crm("report", "funnel", "--format", "json"), status: 0)
    assertRun(try crm("report", "stale"), status: 0, stdout: "TYPE  ID  NAME  LAST_ACTIVITY  DAYS_SILENT\n")
    try crm("deal", "add", "Good", "--value", "10", "--stage", "proposal")
    try write("deals/broken.md", "---\ntitle: [oops\n---\n")
    assertRun(
      try crm("report", "pipeline", "--format", "tsv"), status: 65, stdout: "",
      stderr: "crm: deals/broken.md:3:1: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence\ncrm: the report would leave out 1 malformed file\nhint: fix them, or pass --skip-invalid\n")
    assertRun(
      try crm("report", "pipeline", "--format", "tsv", "--skip-invalid"), status: 0, stdout: "proposal\tEUR\t1\t10\t5\t0\n",
      stderr: "crm: deals/broken.md:3:1: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence\n")
  }

  func testUsageErrors() throws {
    try initRepo()
    assertRun(try crm("report", "pipeline", "colour:red"), status: 64)
    assertRun(
      try crm("report", "activity", "--since", "soon"), status: 64,
      stderr: "crm: --since must be a date or time, not 'soon'\nhint: times are 2026-11-18T10:00 or '2026-11-18 10:00' (local time), 2026-11-18T10:00+01:00, now, or a date (YYYY-MM-DD, yesterday, next friday, -2d)\n")
    for (arguments, message) in [
      (["forecast", "--by", "week"], "--by must be month or quarter, not 'week'"),
      (["forecast", "--periods", "0"], "--periods must be 1 to 120, not '0'"),
      (["win-rate", "--by", "colour"], "--by must be source, owner, quarter or tag, not 'colour'"),
      (["activity", "--by", "quarter"], "--by must be day, week, month or contact, not 'quarter'"),
      (["activity", "--kind", "fax"], "--kind must be call, email, meeting, note, chat, sms or social, not 'fax'"),
      (["revenue", "--by", "year"], "--by must be month, quarter or company, not 'year'"),
      (["stale", "--days", "0"], "--days must be 1 or more, not '0'"),
      (["pipeline", "--format", "ids"], "reports support --format table, json, ndjson, csv, tsv or yaml"),
    ] {
      let result = try run(CRMBinary.url.path, ["report"] + arguments, in: root)
      XCTAssertEqual(result.status, 64, "\(arguments)")
      XCTAssertTrue(result.stderr.hasPrefix("crm: " + message + "\n"), "\(arguments): \(result.stderr)")
    }
  }
}
