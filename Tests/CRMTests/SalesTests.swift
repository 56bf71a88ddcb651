import Foundation
import XCTest

/// Deals, the pipeline, tasks and the agenda, end to end on the built binary.
final class SalesTests: CRMTestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initRepo(git: true)
    try crm("company", "add", "Acme Corp")
    try crm("contact", "add", "Jane Doe", "--email", "jane@acme.example", "--company", "acme")
  }

  func testAddWritesTheFirstHistoryEntryAndPrintsTheID() throws {
    assertRun(
      try crm(
        "deal", "add", "Acme website redesign", "--company", "acme", "--contact", "jane@acme.example", "--value", "12500.50",
        "--close", "+30d", "--tag", "web", "--set", "owner=me", "-m", "Big one."),
      status: 0, stdout: "acme-website-redesign\n", stderr: "")
    XCTAssertEqual(
      try read("deals/acme-website-redesign.md"),
      """
      ---
      id: acme-website-redesign
      title: Acme website redesign
      company: acme-corp
      contacts: [jane-doe]
      stage: lead
      value: 12500.5
      expected_close: 2026-12-22
      owner: me
      tags: [web]
      created: 2026-11-22T14:30:00Z
      updated: 2026-11-22T14:30:00Z
      history:
        - stage: lead
          at: 2026-11-22T14:30:00Z
      ---
      Big one.

      """)
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "deal add acme-website-redesign: Acme website redesign\n")
    // Starting in a closing stage closes it at once.
    assertRun(try crm("deal", "add", "Done already", "--stage", "won"), status: 0, stdout: "done-already\n")
    let done = try read("deals/done-already.md")
    XCTAssertTrue(done.contains("stage: won\nclosed_at: 2026-11-22T14:30:00Z\n"), done)
    XCTAssertTrue(done.contains("history:\n  - stage: won\n"), done)
  }

  func testMoveChangesExactlyTheStageUpdatedAndHistoryLines() throws {
    try write(
      "deals/hand-written.md",
      """
      ---
      # a deal typed by hand
      title: Hand written   # keep me
      stage: qualified
      value: 1000
      history:
        - stage: lead
          at: 2026-10-01T09:00:00Z
        - stage: qualified
          at: 2026-10-10T09:00:00Z
          from: lead
      updated: 2026-10-10T09:00:00Z
      ---
      Notes stay.

      """)
    _ = try git("add", "-A")
    _ = try git("commit", "-qm", "hand")
    assertRun(
      try crm("deal", "move", "hand", "proposal", "-m", "sent v1", env: ["CRM_NOW": "2026-11-25T10:00:00Z"]), status: 0,
      stdout: "", stderr: "moved hand-written: qualified -> proposal\n")
    let diff = try git("diff", "-U0", "HEAD~1", "HEAD").split(separator: "\n").filter {
      ($0.hasPrefix("+") || $0.hasPrefix("-")) && !$0.hasPrefix("+++") && !$0.hasPrefix("---")
    }
    XCTAssertEqual(
      diff.sorted(),
      [
        "-stage: qualified", "+stage: proposal", "+  - stage: proposal", "+    at: 2026-11-25T10:00:00Z", "+    from: qualified",
        "+    note: sent v1", "-updated: 2026-10-10T09:00:00Z", "+updated: 2026-11-25T10:00:00Z",
      ].sorted())
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "deal move hand-written: qualified -> proposal\n")
    // Moving to the stage it is in changes nothing.
    assertRun(try crm("deal", "move", "hand", "proposal"), status: 0, stderr: "hand-written is already in 'proposal'; nothing changed\n")
    XCTAssertEqual(try git("log", "--format=%s").split(separator: "\n").count, 5, "crm init, the add and three moves")
  }

  func testWonLostReopenAndTimeInStage() throws {
    try crm("deal", "add", "Globex audit", "--value", "8000", "--stage", "proposal", "--probability", "60")
    assertRun(
      try crm("deal", "lost", "globex", "--reason", "Went with an agency", "--at", "2026-11-24T09:00:00Z"), status: 0,
      stderr: "lost globex-audit: proposal -> lost\n")
    var text = try read("deals/globex-audit.md")
    XCTAssertTrue(text.contains("closed_at: 2026-11-24T09:00:00Z\nlost_reason: Went with an agency\nhistory:"), text)
    XCTAssertTrue(text.hasSuffix("  - stage: lost\n    at: 2026-11-24T09:00:00Z\n    from: proposal\n    reason: Went with an agency\n---\n"), text)
    assertRun(
      try crm("deal", "move", "globex", "negotiation", env: ["CRM_NOW": "2026-11-26T09:00:00Z"]), status: 0,
      stderr: "reopened globex-audit: lost -> negotiation\n")
    text = try read("deals/globex-audit.md")
    XCTAssertFalse(text.contains("closed_at"), text)
    XCTAssertFalse(text.contains("lost_reason:"), text)
    XCTAssertTrue(text.contains("probability: 60\n"), "an explicit probability is kept")
    assertRun(
      try crm("deal", "won", "globex", "-m", "PO received", env: ["CRM_NOW": "2026-12-01T12:00:00Z"]), status: 0,
      stderr: "won globex-audit: negotiation -> won\n")
    XCTAssertTrue(try read("deals/globex-audit.md").contains("closed_at: 2026-12-01T12:00:00Z\n"))
    assertRun(
      try crm("deal", "show", "globex-audit", env: ["CRM_NOW": "2026-12-05T12:00:00Z"]), status: 0,
      stdout: """
        Globex audit  (deal globex-audit)
          stage        won
          value        8000
          probability  60
          created      2026-11-22T14:30:00Z
          updated      2026-12-01T12:00:00Z
          closed_at    2026-12-01T12:00:00Z
          currency     EUR

        History
          STAGE        FROM         ENTERED               TIME IN STAGE  NOTE
          proposal                  2026-11-22T14:30:00Z  1d
          lost         proposal     2026-11-24T09:00:00Z  2d             Went with an agency
          negotiation  lost         2026-11-26T09:00:00Z  5d
          won          negotiation  2026-12-01T12:00:00Z                 PO received

        """)
    // An open deal's current stage counts time so far; tasks for it are listed.
    try crm("deal", "add", "Open one", "--stage", "qualified")
    try crm("task", "add", "Call about it", "--deal", "open-one", "--due", "2026-11-25")
    let show = try crm("deal", "show", "open-one", env: ["CRM_NOW": "2026-11-25T16:30:00Z"])
    XCTAssertTrue(show.stdout.contains("  qualified        2026-11-22T14:30:00Z  3d so far\n"), show.stdout)
    XCTAssertTrue(show.stdout.contains("Tasks (1)\n  call-about-it  Call about it  open  due 2026-11-25\n"), show.stdout)
    XCTAssertTrue(show.stdout.contains("  probability  25\n"), "the stage's probability: \(show.stdout)")
  }

  func testPipelineTotalsAreExactAndPerCurrency() throws {
    try crm("deal", "add", "A", "--value", "0.1", "--stage", "proposal")
    try crm("deal", "add", "B", "--value", "0.2", "--stage", "proposal")
    try crm("deal", "add", "C", "--value", "100.10", "--currency", "usd", "--stage", "proposal", "--probability", "33")
    try crm("deal", "add", "D", "--value", "5000", "--stage", "lead")
    try crm("deal", "add", "E", "--value", "999", "--stage", "won")
    try crm("deal", "add", "F", "--stage", "negotiation")
    assertRun(
      try crm("pipeline", "--format", "tsv"), status: 0,
      stdout: """
        lead\t10\tEUR\t1\t5000\t500
        qualified\t25\tEUR\t0\t0\t0
        proposal\t50\tEUR\t2\t0.3\t0.15
        proposal\t50\tUSD\t1\t100.1\t33.033
        negotiation\t75\tEUR\t1\t0\t0

        """)
    assertRun(
      try crm("pipeline", "stage:proposal", "--format", "json"), status: 0,
      stdout: """
        [
          {"stage":"lead","probability":10,"currency":"EUR","count":0,"total":0,"weighted":0},
          {"stage":"qualified","probability":25,"currency":"EUR","count":0,"total":0,"weighted":0},
          {"stage":"proposal","probability":50,"currency":"EUR","count":2,"total":0.3,"weighted":0.15},
          {"stage":"proposal","probability":50,"currency":"USD","count":1,"total":100.1,"weighted":33.033},
          {"stage":"negotiation","probability":75,"currency":"EUR","count":0,"total":0,"weighted":0}
        ]

        """)
    assertRun(try crm("pipeline", "--format", "ids"), status: 0, stdout: "d\na\nb\nc\nf\n")
    // A narrow terminal cuts cells rather than breaking the columns.
    XCTAssertTrue(try crm("pipeline", env: ["COLUMNS": "60"]).stdout.contains("\nweighted 500.00 E…  "))
    assertRun(
      try crm("pipeline", env: ["COLUMNS": "88"]), status: 0,
      stdout: """
        LEAD (1)              QUALIFIED (0)         PROPOSAL (3)          NEGOTIATION (1)
        total 5,000.00 EUR                          total 0.30 EUR
        weighted 500.00 EUR                         total 100.10 USD
                                                    weighted 0.15 EUR
                                                    weighted 33.03 USD
        ────────────────────  ────────────────────  ────────────────────  ────────────────────
        D                                           A                     F
          5,000.00 EUR                                0.10 EUR              no value
                                                    B
                                                      0.20 EUR
                                                    C
                                                      100.10 USD

        """)
    // People see amounts rounded half away from zero to the currency's minor units.
    try crm("deal", "add", "G", "--value", "999.995", "--stage", "qualified")
    try crm("deal", "add", "H", "--value", "1234.5", "--currency", "JPY", "--stage", "qualified")
    let board = try crm("pipeline", "stage:qualified", env: ["COLUMNS": "88"]).stdout
    XCTAssertTrue(board.contains("  1,000.00 EUR\n"), board)
    XCTAssertTrue(board.contains("  1,235 JPY"), board)
    XCTAssertTrue(board.contains("weighted 250.00 EUR"), "999.995 × 25% = 249.99875: \(board)")
  }

  func testUnknownStageAndBadDatesAreUsageErrors() throws {
    try crm("deal", "add", "Acme site")
    let untouched = try git("status", "--porcelain") + git("log", "--format=%H")
    let stages = "hint: stages: lead, qualified, proposal, negotiation, won, lost (set in .crm/config.yaml)\n"
    assertRun(try crm("deal", "move", "acme-site", "closing"), status: 64, stdout: "", stderr: "crm: unknown stage 'closing'\n" + stages)
    assertRun(try crm("deal", "add", "X", "--stage", "closing"), status: 64, stderr: "crm: unknown stage 'closing'\n" + stages)
    assertRun(try crm("deal", "edit", "acme-site", "--stage", "closing"), status: 64, stderr: "crm: unknown stage 'closing'\n" + stages)
    let dateHint = "hint: dates are YYYY-MM-DD, today, tomorrow, a weekday (friday, next friday), +3d, +2 weeks, -1m, in 3 days, next week or next month\n"
    assertRun(
      try crm("deal", "add", "X", "--close", "2026-13-01"), status: 64,
      stderr: "crm: 'expected_close' must be a date, not '2026-13-01'\n" + dateHint)
    assertRun(
      try crm("task", "add", "X", "--due", "someday"), status: 64, stderr: "crm: 'due' must be a date, not 'someday'\n" + dateHint)
    assertRun(
      try crm("deal", "move", "acme-site", "proposal", "--at", "soonish"), status: 64,
      stderr: "crm: --at must be a date or time, not 'soonish'\nhint: times are 2026-11-18T10:00 or '2026-11-18 10:00' (local time), 2026-11-18T10:00+01:00, now, or a date (YYYY-MM-DD, yesterday, next friday, -2d)\n")
    assertRun(
      try crm("task", "done", "nothing-here"), status: 66,
      stderr: "crm: no task 'nothing-here'\nhint: give an id, a unique id prefix, or the exact name; 'crm task list' shows them\n")
    assertRun(try crm("deal", "add", "X", "--value", "12k"), status: 64, stderr: "crm: 'value' must be a decimal number like 1250.00, not '12k'\n")
    assertRun(try crm("deal", "add", "X", "--currency", "euro"), status: 64, stderr: "crm: --currency must be an ISO 4217 code like EUR, not 'euro'\n")
    assertRun(try crm("deal", "add", "X", "--probability", "120"), status: 64, stderr: "crm: 'probability' must be between 0 and 100, not '120'\n")
    assertRun(try crm("deal", "add", " "), status: 64, stderr: "crm: the title is empty\n")
    let lost = try crm("deal", "lost", "acme-site")
    XCTAssertEqual(lost.status, 64)
    XCTAssertTrue(lost.stderr.contains("crm: missing expected argument '--reason <reason>'"), lost.stderr)
    assertRun(try crm("deal", "lost", "acme-site", "--reason", " "), status: 64, stderr: "crm: --reason is empty\n")
    assertRun(
      try crm("deal", "edit", "acme-site", "--set", "history=x"), status: 64,
      stderr: "crm: --set/--unset cannot change 'history': crm keeps it\nhint: use 'crm deal move' to change the stage\n")
    assertRun(
      try crm("deal", "edit", "acme-site", "--unset", "stage"), status: 64,
      stderr: "crm: --unset cannot remove 'stage'\nhint: move the deal with 'crm deal move' instead\n")
    assertRun(try crm("agenda", "--days", "0"), status: 64)
    XCTAssertEqual(try git("status", "--porcelain") + git("log", "--format=%H"), untouched, "nothing was written")
  }

  func testEditMovesThroughThePipelineAndChangesFields() throws {
    try crm("contact", "add", "Bob Roe", "--email", "bob@acme.example")
    try crm("deal", "add", "Acme site", "--contact", "jane-doe")
    assertRun(
      try crm("deal", "edit", "acme-site", "--set", "stage=qualified", "--value", "900", "--contact", "bob", "--remove-contact", "jane-doe", "--tag", "hot"),
      status: 0, stderr: "moved acme-site: lead -> qualified\nupdated deals/acme-site.md\n")
    let text = try read("deals/acme-site.md")
    // New keys go after the existing ones but before the history, which stays last.
    XCTAssertTrue(text.contains("contacts: [bob-roe]\nstage: qualified\n"), text)
    XCTAssertTrue(text.contains("updated: 2026-11-22T14:30:00Z\nvalue: 900\ntags: [hot]\nhistory:\n"), text)
    XCTAssertTrue(text.contains("  - stage: qualified\n    at: 2026-11-22T14:30:00Z\n    from: lead\n---\n"), text)
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "deal edit acme-site: value, contacts, tags, stage\n")
  }

  func testCheckReportsUnknownStagesAndBadHistory() throws {
    try write("deals/typo.md", "---\ntitle: Typo\nstage: propsal\nhistory:\n  - stage: lead\n    at: yesterday\n---\n")
    assertRun(
      try crm("check"), status: 65,
      stdout: """
        deals/typo.md:3:8: unknown stage 'propsal'
        deals/typo.md:6:9: each 'history' entry needs 'stage' and an ISO 8601 'at'

        """,
      stderr: "2 problems in the repo\n")
    // Listing still shows it, and names the problem; so do show and timeline, which read
    // records' outlines (the stage and history are in them).
    let list = try crm("deal", "list", "--format", "ids")
    assertRun(list, status: 65, stdout: "typo\n")
    let named = "crm: deals/typo.md:3:8: unknown stage 'propsal'\n"
    for args in [["deal", "show", "typo", "--format", "ids"], ["timeline", "typo", "--format", "ids"]] {
      let result = try run(CRMBinary.url.path, args, in: root)
      XCTAssertEqual(result.status, 65, "\(args)")
      XCTAssertTrue(result.stderr.hasPrefix(named), "\(args): \(result.stderr)")
    }
    // It can still be fixed with crm.
    assertRun(try crm("deal", "move", "typo", "proposal"), status: 0, stderr: "moved typo: propsal -> proposal\n")
  }

  func testTasks() throws {
    try crm("deal", "add", "Acme site")
    assertRun(
      try crm("task", "add", "Send the proposal", "--due", "friday", "--contact", "jane", "--deal", "acme-site", "--priority", "high"),
      status: 0, stdout: "send-the-proposal\n")
    XCTAssertEqual(
      try read("tasks/send-the-proposal.md"),
      """
      ---
      id: send-the-proposal
      title: Send the proposal
      due: 2026-11-27
      contact: jane-doe
      deal: acme-site
      status: open
      priority: high
      created: 2026-11-22T14:30:00Z
      updated: 2026-11-22T14:30:00Z
      ---

      """)
    try crm("task", "add", "Call Bob", "--due", "-2d")
    try crm("task", "add", "Someday")
    try crm("task", "add", "Low today", "--due", "today", "--priority", "low")
    try crm("task", "add", "High today", "--due", "today", "--priority", "high")
    assertRun(
      try crm("task", "list", "--fields", "id,due,priority"), status: 0,
      stdout: """
        ID                 DUE         PRIORITY
        call-bob           2026-11-20
        high-today         2026-11-22  high
        low-today          2026-11-22  low
        send-the-proposal  2026-11-27  high
        someday

        """)
    assertRun(try crm("task", "list", "due<today", "--format", "ids"), status: 0, stdout: "call-bob\n")
    assertRun(try crm("task", "done", "call-bob", "--at", "yesterday"), status: 0, stderr: "done: call-bob (Call Bob)\n")
    XCTAssertTrue(try read("tasks/call-bob.md").contains("status: done\n"))
    XCTAssertTrue(try read("tasks/call-bob.md").contains("done_at: 2026-11-21T00:00:00Z\n"))
    assertRun(try crm("task", "done", "call-bob"), status: 0, stderr: "call-bob is already done; nothing changed\n")
    assertRun(try crm("task", "list", "--format", "ids"), status: 0, stdout: "high-today\nlow-today\nsend-the-proposal\nsomeday\n")
    assertRun(try crm("task", "list", "status:done", "--format", "ids"), status: 0, stdout: "call-bob\n")
    assertRun(try crm("task", "list", "--all", "--format", "ids", "--sort=-due", "--limit", "2"), status: 0, stdout: "send-the-proposal\nhigh-today\n")
    assertRun(try crm("task", "edit", "someday", "--due", "+1w", "--priority", "low"), status: 0, stderr: "updated tasks/someday.md\n")
    XCTAssertTrue(try read("tasks/someday.md").contains("due: 2026-11-29\n"))
    assertRun(try crm("task", "rm", "someday", "--yes"), status: 0, stderr: "removed tasks/someday.md\n")
    assertRun(
      try crm("deal", "rm", "acme-site", "--yes"), status: 1,
      stderr: "crm: deal 'acme-site' is referenced by 1 record: tasks/send-the-proposal.md\nhint: change those references first, or pass --force to leave them dangling\n")
  }

  func testAgendaForAFixedDayAndSilentWhenEmpty() throws {
    assertRun(try crm("agenda"), status: 0, stdout: "", stderr: "")
    try crm("deal", "add", "Old deal", "--value", "1200", "--stage", "proposal", "--close", "2026-11-01", env: ["CRM_NOW": "2026-09-01T10:00:00Z"])
    try crm("deal", "add", "Fresh deal", "--stage", "qualified", "--close", "2026-12-30")
    try crm("deal", "add", "Lost deal", "--stage", "lost", "--close", "2026-10-01", env: ["CRM_NOW": "2026-09-01T10:00:00Z"])
    try crm("task", "add", "Overdue call", "--due", "2026-11-20", "--contact", "jane")
    try crm("task", "add", "Today mail", "--due", "today", "--priority", "high")
    try crm("task", "add", "Later", "--due", "2026-11-25")
    try crm("task", "add", "Finished", "--due", "2026-11-01")
    try crm("task", "done", "finished")
    let day = ["CRM_NOW": "2026-11-22T08:00:00Z"]
    assertRun(
      try crm("agenda", env: day), status: 0,
      stdout: """
        Overdue (1)
          2026-11-20  2 days late   overdue-call  Overdue call  jane-doe

        Due today (1)
          2026-11-22  today         today-mail    Today mail    high

        Deals past their expected close (1)
          2026-11-01  21 days late  old-deal      Old deal      proposal  1,200.00 EUR

        Deals with no activity for 30+ days (1)
          2026-09-01  82 days idle  old-deal      Old deal      proposal  1,200.00 EUR

        """)
    assertRun(
      try crm("agenda", "--days", "4", "--format", "csv", env: day), status: 0,
      stdout: [
        "section,type,id,title,date,days", "overdue,task,overdue-call,Overdue call,2026-11-20,-2",
        "due,task,today-mail,Today mail,2026-11-22,0", "due,task,later,Later,2026-11-25,3",
        "closing,deal,old-deal,Old deal,2026-11-01,-21", "stale,deal,old-deal,Old deal,2026-09-01,-82", "",
      ].joined(separator: "\r\n"))
    // A logged activity on the deal makes it fresh again.
    try write("activities/2026/11/20261110-0900-call.md", "---\nkind: call\nat: 2026-11-10T09:00:00Z\ndeal: old-deal\n---\n")
    assertRun(try crm("agenda", "--format", "ids", env: day), status: 0, stdout: "overdue-call\ntoday-mail\nold-deal\n")
    // Nothing to do: nothing printed, exit 0, in every format but JSON's empty list.
    try crm("task", "done", "overdue-call")
    try crm("task", "done", "today-mail")
    try crm("deal", "won", "old-deal")
    assertRun(try crm("agenda", env: day), status: 0, stdout: "", stderr: "")
    assertRun(try crm("agenda", "--format", "tsv", env: day), status: 0, stdout: "")
    assertRun(try crm("agenda", "--format", "json", env: day), status: 0, stdout: "[]\n")
  }

  func testAgendaFromCronAlongsideTenParallelMoves() throws {
    for i in 0..<10 { try crm("deal", "add", "Deal \(i)") }
    try crm("task", "add", "Due now", "--due", "today")
    let untracked = try git("status", "--porcelain")
    var processes = try (0..<10).map { try start(["deal", "move", "deal-\($0)", "qualified", "-m", "parallel \($0)"]) }
    processes.insert(try start(["agenda"]), at: 5)
    for process in processes { process.waitUntilExit() }
    XCTAssertEqual(processes.map(\.terminationStatus), Array(repeating: 0, count: 11))
    for i in 0..<10 {
      let text = try read("deals/deal-\(i).md")
      XCTAssertTrue(text.contains("stage: qualified\n"), text)
      XCTAssertTrue(
        text.hasSuffix("history:\n  - stage: lead\n    at: 2026-11-22T14:30:00Z\n  - stage: qualified\n    at: 2026-11-22T14:30:00Z\n    from: lead\n    note: parallel \(i)\n---\n"),
        "history intact: \(text)")
    }
    assertRun(try crm("check"), status: 0, stdout: "ok: 13 records, no problems\n")
    XCTAssertEqual(try git("status", "--porcelain"), untracked, "every move is committed")
    XCTAssertEqual(try git("log", "--format=%s").split(separator: "\n").filter { $0.hasPrefix("deal move") }.count, 10)
  }

  func testStageNamesAndDealIDsComplete() throws {
    try crm("deal", "add", "Acme site")
    try crm("deal", "add", "Acme app")
    let stages = try crm("---completion", "deal", "move", "--", "positional@1", "4", "1", "crm", "deal", "move", "acme-site", "n")
    XCTAssertEqual(stages.stdout, "negotiation\n")
    let ids = try crm("---completion", "deal", "move", "--", "positional@0", "3", "6", "crm", "deal", "move", "acme-a")
    XCTAssertEqual(ids.stdout, "acme-app\n")
    // A relative date starting with '-' is a value, not a flag; so is a descending sort key.
    assertRun(try crm("task", "add", "Yesterday's", "--due", "-1d"), status: 0, stdout: "yesterday-s\n")
    assertRun(try crm("deal", "list", "--sort", "-title", "--format", "ids"), status: 0, stdout: "acme-site\nacme-app\n")
  }

  func testCronWrapperMailsOnlyOnDaysWithWork() throws {
    let outbox = root.appendingPathComponent("outbox").path
    _ = try script("mail", "#!/bin/sh\nprintf '%s|' \"$@\" >> \(outbox)\necho >> \(outbox)\ncat >> \(outbox)\n", in: "bin")
    _ = try script("crm", "#!/bin/sh\nexec \(CRMBinary.url.path) \"$@\"\n", in: "bin")
    let script = CRMBinary.packageRoot.appendingPathComponent("examples/cron/agenda-mail").path
    let env = ["PATH": root.appendingPathComponent("bin").path + ":/usr/bin:/bin"]
    assertRun(try run(script, [root.path, "me@example.com"], in: root, env: env), status: 0, stdout: "", stderr: "")
    XCTAssertFalse(FileManager.default.fileExists(atPath: outbox), "no work, no mail")
    try crm("task", "add", "Call Jane", "--due", "today", "--contact", "jane")
    assertRun(try run(script, [root.path, "me@example.com"], in: root, env: env), status: 0, stdout: "", stderr: "")
    let mail = try String(contentsOfFile: outbox, encoding: .utf8)
    XCTAssertTrue(mail.hasPrefix("-s|crm agenda "), mail)
    XCTAssertTrue(mail.contains("|--|me@example.com|\nDue today (1)\n  2026-11-22  today  call-jane  Call Jane  jane-doe\n"), mail)
    assertRun(try run(script, [root.path, "me@example.com\nBcc: x@y"], in: root, env: env), status: 64, stderr: "agenda-mail: the address must be one line\n")
  }

  func testEditorAndSmallErrors() throws {
    try crm("deal", "add", "Acme site")
    try crm("task", "add", "Call")
    let before = try read("deals/acme-site.md")
    let editor = try script("editor.sh", "#!/bin/sh\nsed -i 's/^stage: lead/stage: closing/' \"$1\"\n")
    let edited = try crmOnTerminal(["deal", "edit", "acme-site"], env: ["EDITOR": editor])
    XCTAssertEqual(edited.status, 65)
    XCTAssertTrue(edited.stdout.hasSuffix(
      "crm: deals/acme-site.md:4:8: unknown stage 'closing'\nhint: your text is kept in .crm/rejected/acme-site-20261122143000.md; fix it there and copy it back, or run the edit again\n"), edited.stdout)
    XCTAssertEqual(try read("deals/acme-site.md"), before)
    assertRun(try crm("deal", "edit", "acme-site", "--title", " "), status: 64, stderr: "crm: --title is empty\n")
    assertRun(try crm("task", "edit", "call", "--title", ""), status: 64, stderr: "crm: --title is empty\n")
    assertRun(try crm("task", "add", " "), status: 64, stderr: "crm: the title is empty\n")
    assertRun(try crm("task", "list", "--formt", "ids"), status: 64, stderr: "crm: unknown option '--formt'\nhint: did you mean '--format'?\n")
    assertRun(try crm("task", "list", "-has:due", "--format", "ids"), status: 0, stdout: "call\n")
    assertRun(try crm("agenda", "--days", "0"), status: 64, stderr: "crm: --days must be 1 or more, not '0'\nhint: see 'crm agenda --help'\nusage: crm agenda [--days <N>] [--format <format>] [--repo <DIR>] [--lock-timeout <SECONDS>] [--no-cache] [--color <color>] [--no-color]\n")
    try write(".crm/config.yaml", "pipeline:\n  - stage: open\n  - stage: done\n    outcome: lost\n")
    assertRun(
      try crm("deal", "won", "acme-site"), status: 1,
      stderr: "crm: the pipeline has no stage with 'outcome: won'\nhint: add one to .crm/config.yaml\n")
  }
}
