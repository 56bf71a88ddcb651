import Foundation
import XCTest

/// `crm agenda` on a repo with every kind of item it lists or leaves out: its table and
/// machine formats to the byte, and the problems it reports.
final class AgendaTests: CRMTestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initRepo()
    try writeAgendaRepo()
  }

  /// The table with `--days 7`: wide, combining and emoji titles aligned by display width,
  /// line breaks and tabs drawn as spaces, tasks of a day by priority then id, deals without
  /// a currency in the config's, a detail column left empty.
  static let week = """
    Overdue (7)
      2026-11-18  4 days late    multiline     Line one line two
      2026-11-19  3 days late    combining     Cafe\u{301} visit
      2026-11-20  2 days late    call-ana      Call Ana           high  ana-lima  big-deal
      2026-11-20  2 days late    aaa-normal    Normal thing       normal
      2026-11-20  2 days late    email-bo      Email Bo
      2026-11-20  2 days late    low-thing     Low thing          low
      2026-11-21  1 day late     emoji         Ship 🚀 release    fresh-deal

    Due in the next 7 days (3)
      2026-11-22  today          today-task    電話 田中さん      ana-lima
      2026-11-23  tomorrow       tomorrow      Tomorrow's call
      2026-11-28  in 6 days      next-week     Plan the week      high

    Deals past their expected close (6)
      2026-10-10  43 days late   yen-deal      Yen deal           qualified  2,400,000 JPY
      2026-11-01  21 days late   big-deal      Big deal           proposal  125,000.00 USD
      2026-11-02  20 days late   no-stage      No stage
      2026-11-03  19 days late   wide-deal     株式会社 大型案件  negotiation  5,000.00 EUR
      2026-11-05  17 days late   bad-stage     Bad stage          mystery  7.00 EUR
      2026-11-21  1 day late     no-currency   No currency        lead  1,000.00 EUR

    Deals with no activity for 30+ days (8)
      2026-01-05  321 days idle  yen-deal      Yen deal           qualified  2,400,000 JPY
      2026-07-01  144 days idle  bad-history   Bad history        lead
      2026-08-01  113 days idle  task-named    Named by a task    lead
      2026-09-01  82 days idle   bad-stage     Bad stage          mystery  7.00 EUR
      2026-09-10  73 days idle   big-deal      Big deal           proposal  125,000.00 USD
      2026-10-01  52 days idle   no-currency   No currency        lead  1,000.00 EUR
      2026-10-01  52 days idle   probability   Own probability    proposal  -1,234.50 GBP
      2026-10-05  48 days idle   out-of-order  Out of order       negotiation

    """

  /// The files that did not load and the deals the pipeline does not know, after the items.
  static let problems = """
    crm: activities/2026/11/20261101-0900-call.md:3:5: 'at' must be a timestamp like 2026-11-22T14:30:00Z, not 'yesterday'
    crm: deals/bad-history.md:6:3: each 'history' entry needs 'stage' and an ISO 8601 'at'
    crm: deals/bad-stage.md:3:8: unknown stage 'mystery'
    hint: stages: lead, qualified, proposal, negotiation, won, lost (set in .crm/config.yaml)
    crm: tasks/broken.md:3:1: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence

    """

  static let todayTSV = #"""
    overdue	task	multiline	Line one\nline two	2026-11-18	-4
    overdue	task	combining	Cafe\#u{301} visit	2026-11-19	-3
    overdue	task	call-ana	Call Ana	2026-11-20	-2
    overdue	task	aaa-normal	Normal thing	2026-11-20	-2
    overdue	task	email-bo	Email Bo	2026-11-20	-2
    overdue	task	low-thing	Low thing	2026-11-20	-2
    overdue	task	emoji	Ship 🚀 release	2026-11-21	-1
    due	task	today-task	電話 田中さん	2026-11-22	0
    closing	deal	yen-deal	Yen deal	2026-10-10	-43
    closing	deal	big-deal	Big deal	2026-11-01	-21
    closing	deal	no-stage	No stage	2026-11-02	-20
    closing	deal	wide-deal	株式会社 大型案件	2026-11-03	-19
    closing	deal	bad-stage	Bad stage	2026-11-05	-17
    closing	deal	no-currency	No currency	2026-11-21	-1
    stale	deal	yen-deal	Yen deal	2026-01-05	-321
    stale	deal	bad-history	Bad history	2026-07-01	-144
    stale	deal	task-named	Named by a task	2026-08-01	-113
    stale	deal	bad-stage	Bad stage	2026-09-01	-82
    stale	deal	big-deal	Big deal	2026-09-10	-73
    stale	deal	no-currency	No currency	2026-10-01	-52
    stale	deal	probability	Own probability	2026-10-01	-52
    stale	deal	out-of-order	Out of order	2026-10-05	-48

    """#

  /// Asserts the run's status, and its output and errors byte for byte (String equality
  /// would take a composed é for a combining one).
  func assertBytes(_ result: Run, status: Int32, stdout: String, stderr: String, file: StaticString = #filePath, line: UInt = #line) {
    assertRun(result, status: status, stdout: stdout, stderr: stderr, file: file, line: line)
    XCTAssertEqual(Array(result.stdout.utf8), Array(stdout.utf8), file: file, line: line)
    XCTAssertEqual(Array(result.stderr.utf8), Array(stderr.utf8), file: file, line: line)
  }

  func testTableAndTSVToTheByte() throws {
    assertBytes(try crm("agenda", "--days", "7"), status: 65, stdout: Self.week, stderr: Self.problems)
    assertBytes(try crm("agenda", "--format", "tsv"), status: 65, stdout: Self.todayTSV, stderr: Self.problems)
    let today = Self.week.replacingOccurrences(of: "Due in the next 7 days (3)", with: "Due today (1)")
      .replacingOccurrences(of: "  2026-11-23  tomorrow       tomorrow      Tomorrow's call\n", with: "")
      .replacingOccurrences(of: "  2026-11-28  in 6 days      next-week     Plan the week      high\n", with: "")
    assertBytes(try crm("agenda"), status: 65, stdout: today, stderr: Self.problems)
  }

  func testJSONKeepsTitlesAsWritten() throws {
    let json = try crm("agenda", "--days", "7", "--format", "json")
    assertRun(json, status: 65, stderr: Self.problems)
    let lines = json.stdout.split(separator: "\n")
    XCTAssertEqual(lines.count, 24 + 2)
    XCTAssertEqual(lines[1], #"  {"section":"overdue","type":"task","id":"multiline","title":"Line one\nline two","date":"2026-11-18","days":-4},"#)
    XCTAssertEqual(lines[10], #"  {"section":"due","type":"task","id":"next-week","title":"Plan\tthe week","date":"2026-11-28","days":6},"#)
    XCTAssertEqual(lines[24], #"  {"section":"stale","type":"deal","id":"out-of-order","title":"Out of order","date":"2026-10-05","days":-48}"#)
  }
}

extension CRMTestCase {
  /// Tasks and deals of every kind the agenda lists or leaves out, with the activities that
  /// keep deals fresh (or do not), and a bad file of each type it loads.
  func writeAgendaRepo() throws {
    let files = [
      ("contacts/ana-lima.md", "---\nname: Ana Lima\nemails: [ana@lima.example]\n---\n"),
      ("tasks/call-ana.md", "---\ntitle: Call Ana\ndue: 2026-11-20\npriority: high\ncontact: ana-lima\ndeal: big-deal\n---\n"),
      ("tasks/email-bo.md", "---\ntitle: Email Bo\ndue: 2026-11-20\n---\nNotes that agenda never shows.\n"),
      ("tasks/low-thing.md", "---\ntitle: Low thing\ndue: 2026-11-20\npriority: low\n---\n"),
      ("tasks/aaa-normal.md", "---\ntitle: Normal thing\ndue: 2026-11-20\npriority: normal\nstatus: open\n---\n"),
      ("tasks/today-task.md", "---\ntitle: 電話 田中さん\ndue: 2026-11-22\ncontact: ana-lima\n---\n"),
      ("tasks/tomorrow.md", "---\ntitle: Tomorrow's call\ndue: 2026-11-23\n---\n"),
      ("tasks/next-week.md", #"---\#ntitle: "Plan\tthe week"\#ndue: 2026-11-28\#npriority: high\#n---\#n"#),
      ("tasks/done-one.md", "---\ntitle: Done one\ndue: 2026-11-01\nstatus: done\ndone_at: 2026-11-02T10:00:00Z\n---\n"),
      ("tasks/no-due.md", "---\ntitle: No due date\n---\n"),
      ("tasks/emoji.md", "---\ntitle: Ship 🚀 release\ndue: 2026-11-21\ndeal: fresh-deal\n---\n"),
      ("tasks/combining.md", #"---\#ntitle: "Cafe\u0301 visit"\#ndue: 2026-11-19\#n---\#n"#),
      ("tasks/multiline.md", #"---\#ntitle: "Line one\nline two"\#ndue: 2026-11-18\#n---\#n"#),
      ("tasks/for-task-named.md", "---\ntitle: About the named deal\ndeal: task-named\nstatus: done\n---\n"),
      ("tasks/broken.md", "---\ntitle: [broken\n---\n"),
      (
        "deals/big-deal.md",
        "---\ntitle: Big deal\nstage: proposal\nvalue: 125000\ncurrency: USD\nexpected_close: 2026-11-01\ncreated: 2026-06-01T10:00:00Z\n"
          + "history:\n  - {stage: lead, at: 2026-06-01T10:00:00Z}\n  - {stage: proposal, at: 2026-08-15T09:00:00Z, from: lead}\n---\nA long body.\n"
      ),
      ("deals/fresh-deal.md", "---\ntitle: Fresh deal\nstage: qualified\nvalue: 10\nexpected_close: 2026-12-30\ncreated: 2026-05-01T10:00:00Z\n---\n"),
      (
        "deals/yen-deal.md",
        "---\ntitle: Yen deal\nstage: qualified\nvalue: 2400000\ncurrency: JPY\nexpected_close: 2026-10-10\ncreated: 2026-01-05T00:00:00Z\n---\n"
      ),
      (
        "deals/no-currency.md",
        "---\ntitle: No currency\nstage: lead\nvalue: 999.995\nexpected_close: 2026-11-21\nhistory:\n  - {stage: lead, at: 2026-10-01T08:00:00Z}\n---\n"
      ),
      ("deals/won-deal.md", "---\ntitle: Won deal\nstage: won\nvalue: 50\nexpected_close: 2026-10-01\ncreated: 2026-01-01T00:00:00Z\n---\n"),
      ("deals/lost-deal.md", "---\ntitle: Lost deal\nstage: lost\nexpected_close: 2026-10-01\ncreated: 2026-01-01T00:00:00Z\n---\n"),
      ("deals/no-stage.md", "---\ntitle: No stage\nexpected_close: 2026-11-02\n---\n"),
      ("deals/bad-stage.md", "---\ntitle: Bad stage\nstage: mystery\nvalue: 7\nexpected_close: 2026-11-05\ncreated: 2026-09-01T00:00:00Z\n---\n"),
      (
        "deals/wide-deal.md",
        "---\ntitle: 株式会社 大型案件\nstage: negotiation\nvalue: 5000\ncurrency: EUR\nexpected_close: 2026-11-03\ncreated: 2026-11-10T00:00:00Z\n---\n"
      ),
      ("deals/task-named.md", "---\ntitle: Named by a task\nstage: lead\ncreated: 2026-08-01T00:00:00Z\n---\n"),
      // Its newest stage change is written first, at an offset that puts it on the day before in UTC's terms.
      (
        "deals/out-of-order.md",
        "---\ntitle: Out of order\nstage: negotiation\ncreated: 2026-08-01T00:00:00Z\nhistory:\n"
          + "  - {stage: negotiation, at: \"2026-10-05T23:30:00-02:00\", from: proposal}\n  - {stage: proposal, at: 2026-09-01T10:00:00Z, from: lead}\n---\n"
      ),
      ("deals/bad-history.md", "---\ntitle: Bad history\nstage: lead\ncreated: 2026-07-01T00:00:00Z\nhistory:\n  - {stage: lead}\n---\n"),
      (
        "deals/probability.md",
        "---\ntitle: Own probability\nstage: proposal\nprobability: 90\nvalue: -1234.5\ncurrency: GBP\ncreated: 2026-10-01T00:00:00Z\n---\n"
      ),
      (
        "activities/2026/09/20260910-1000-call-ana-lima.md",
        "---\nkind: call\nat: 2026-09-10T10:00:00Z\ncontacts: [ana-lima]\ndeal: big-deal\n---\nTalked.\n"
      ),
      (
        "activities/2026/11/20261120-0900-email-ana-lima.md",
        "---\nkind: email\nat: 2026-11-20T09:00:00Z\ncontacts: [ana-lima]\ndeal: fresh-deal\nsubject: Hello\n---\n"
      ),
      ("activities/2026/08/20260801-0900-note.md", "---\nkind: note\nat: 2026-08-01T09:00:00Z\ndeal: big-deal\n---\n"),
      // Not a reference: it does not make the deal fresh.
      ("activities/2026/11/20261121-0900-note.md", "---\nkind: note\nat: 2026-11-21T09:00:00Z\nrelated: task-named\n---\n"),
      ("activities/2026/11/20261101-0900-call.md", "---\nkind: call\nat: yesterday\ndeal: big-deal\n---\n"),
    ]
    for (path, text) in files { try write(path, text) }
  }
}
