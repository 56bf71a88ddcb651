import XCTest

@testable import CRMKit

#if canImport(FoundationEssentials)
  import FoundationEssentials
#endif

final class PipelineTests: XCTestCase {
  let pipeline = Pipeline(Config())
  let clock = CRMClock(now: Timestamp("2026-11-22T14:30:00Z")!)

  func deal(_ id: String, _ yaml: String) -> Record { record(.deal, id, "title: \(id)\n" + yaml) }

  func testMoveRecordsHistoryAndClosesAndReopens() throws {
    let open = deal("a", "stage: proposal\nvalue: 10\n")
    let at = Timestamp("2026-11-23T09:00:00Z")!
    let won = pipeline.move(open, to: try pipeline.closingStage(.won), at: at, note: "PO")
    XCTAssertEqual(won.from, "proposal")
    XCTAssertFalse(won.reopened)
    XCTAssertEqual(
      won.changes,
      [
        .set("stage", .string("won")),
        .add("history", .map([Field("stage", .string("won")), Field("at", .timestamp(at)), Field("from", .string("proposal")), Field("note", .string("PO"))])),
        .set("closed_at", .timestamp(at)),
      ])
    let lost = deal("b", "stage: lost\nclosed_at: 2026-11-01T00:00:00Z\nlost_reason: price\n")
    let reopen = pipeline.move(lost, to: try pipeline.stage(named: "qualified"), at: at, note: nil)
    XCTAssertTrue(reopen.reopened)
    XCTAssertEqual(reopen.changes.suffix(2), [.unset("closed_at"), .unset("lost_reason")])
    let lose = pipeline.move(open, to: try pipeline.closingStage(.lost), at: at, note: nil, lostReason: "budget")
    XCTAssertEqual(lose.changes.last, .set("lost_reason", .string("budget")))
  }

  func testANewDealStartsInItsStageWithAHistory() throws {
    let at = clock.now
    let (stage, after) = try pipeline.newDeal(startingIn: nil, at: at)
    XCTAssertEqual(stage, Field("stage", .string("lead")))
    XCTAssertEqual(after, [Field("history", .list([.map([Field("stage", .string("lead")), Field("at", .timestamp(at))])]))])
    let (won, closing) = try pipeline.newDeal(startingIn: "won", at: at)
    XCTAssertEqual(won, Field("stage", .string("won")))
    XCTAssertEqual(closing.map(\.key), ["closed_at", "history"], "a deal added as won is closed from the start")
    XCTAssertThrowsError(try pipeline.newDeal(startingIn: "closing", at: at)) { error in
      XCTAssertEqual((error as? CRMError)?.message, "unknown stage 'closing'")
    }
  }

  func testAnEditsStageBecomesAMoveAndItsHistoryIsCrmsOwn() throws {
    let (rest, target) = try pipeline.stageEdit([.set("value", .integer(5)), .set("stage", .string("won"))], stage: "proposal")
    XCTAssertEqual(rest, [.set("value", .integer(5))])
    XCTAssertEqual(target?.name, "won", "--set stage=… comes after --stage and wins")
    XCTAssertNil(try pipeline.stageEdit([.add("tags", .string("x"))], stage: nil).target)
    XCTAssertThrowsError(try pipeline.stageEdit([.unset("stage")], stage: nil)) { error in
      XCTAssertEqual((error as? CRMError)?.message, "--unset cannot remove 'stage'")
    }
    XCTAssertThrowsError(try pipeline.stageEdit([.set("history", .list([]))], stage: nil)) { error in
      XCTAssertEqual((error as? CRMError)?.message, "--set/--unset cannot change 'history': crm keeps it")
    }
    XCTAssertThrowsError(try Pipeline.refuseHistory(["tags", "history"], flag: "--set")) { error in
      XCTAssertEqual((error as? CRMError)?.kind, .usage)
    }
    XCTAssertNoThrow(try Pipeline.refuseHistory(["tags"], flag: "--set"))
  }

  func testUnknownStageListsTheValidOnes() {
    XCTAssertThrowsError(try pipeline.stage(named: "closing")) { error in
      XCTAssertEqual((error as? CRMError)?.kind, .usage)
      XCTAssertEqual((error as? CRMError)?.hint, "stages: lead, qualified, proposal, negotiation, won, lost (set in .crm/config.yaml)")
    }
    var config = Config()
    config.stages = [Stage(name: "open", probability: 50, outcome: .open)]
    XCTAssertThrowsError(try Pipeline(config).closingStage(.won))
  }

  func testPeriodsComeFromTheHistoryInTimeOrder() {
    // Entries out of order in the file (a move with an earlier --at) are read by time.
    let d = deal(
      "c",
      """
      stage: negotiation
      created: 2026-10-01T00:00:00Z
      history:
        - stage: lead
          at: 2026-10-01T00:00:00Z
        - stage: negotiation
          at: 2026-10-20T00:00:00Z
          from: proposal
        - stage: proposal
          at: 2026-10-05T12:00:00Z
          from: lead

      """)
    let periods = Pipeline.periods(of: d)
    XCTAssertEqual(periods.map(\.stage), ["lead", "proposal", "negotiation"])
    XCTAssertEqual(periods.map { $0.until.map { $0.seconds - periods[0].since.seconds } }, [4 * 86400 + 43200, 19 * 86400, nil])
    XCTAssertEqual(Pipeline.enteredCurrentStage(d), Timestamp("2026-10-20T00:00:00Z"))
    // Without a history, the current stage began when the deal was created.
    let bare = deal("d", "stage: lead\ncreated: 2026-11-01T00:00:00Z\n")
    XCTAssertEqual(Pipeline.periods(of: bare).map(\.stage), ["lead"])
    XCTAssertEqual(Pipeline.enteredCurrentStage(bare), Timestamp("2026-11-01T00:00:00Z"))
  }

  func testProblemsNameUnknownStagesAndBadEntries() {
    let bad = deal("e", "stage: propsal\nhistory:\n  - stage: lead\n    at: soon\n  - at: 2026-11-01T00:00:00Z\n  - just text\n")
    XCTAssertEqual(
      pipeline.problems(in: bad).map(\.description),
      [
        "deals/e.md:3:8: unknown stage 'propsal'",
        "deals/e.md:6:9: each 'history' entry needs 'stage' and an ISO 8601 'at'",
        "deals/e.md:7:9: each 'history' entry needs 'stage' and an ISO 8601 'at'",
        "deals/e.md:5:3: each 'history' entry needs 'stage' and an ISO 8601 'at'",
      ])
    XCTAssertEqual(pipeline.problems(in: deal("f", "stage: won\n")).count, 0)
  }

  func testBoardTotalsAreExactPerCurrencyAndWeighted() {
    let deals = [
      deal("a", "stage: proposal\nvalue: 0.1\n"),
      deal("b", "stage: proposal\nvalue: 0.2\n"),
      deal("c", "stage: proposal\nvalue: 0.7\ncurrency: USD\nprobability: 33\n"),
      deal("d", "stage: won\nvalue: 100\n"),
      deal("e", "stage: lead\n"),
      deal("f", "stage: nowhere\nvalue: 5\n"),
    ]
    let board = pipeline.board(deals)
    XCTAssertEqual(board.map(\.stage.name), ["lead", "qualified", "proposal", "negotiation"])
    XCTAssertEqual(board.map(\.deals.count), [1, 0, 3, 0], "a deal in no open stage is on no column")
    let proposal = board[2]
    XCTAssertEqual(proposal.deals.map(\.id), ["a", "b", "c"])
    XCTAssertEqual(proposal.total.byCurrency, ["EUR": Decimal(string: "0.3")!, "USD": Decimal(string: "0.7")!])
    // 0.3 × 50% and 0.7 × 33%, exactly.
    XCTAssertEqual(proposal.weighted.byCurrency, ["EUR": Decimal(string: "0.15")!, "USD": Decimal(string: "0.231")!])
    XCTAssertEqual(proposal.weighted.sorted.map { $0.amount.description }, ["0.15", "0.231"])
    XCTAssertEqual(pipeline.weightedValue(of: deal("g", "stage: proposal\nvalue: 1250.55\nprobability: 35\n"))?.description, "437.6925")
    XCTAssertEqual(board[0].total.byCurrency, [:], "a deal with no value adds nothing")
  }

  func testDerivedFieldsFillWhatTheFileLeavesOut() {
    XCTAssertEqual(
      pipeline.derivedFields(of: deal("a", "stage: qualified\n")), [Field("probability", .integer(25)), Field("currency", .string("EUR"))])
    XCTAssertEqual(pipeline.derivedFields(of: deal("b", "stage: qualified\nprobability: 5\ncurrency: USD\n")), [])
    XCTAssertEqual(pipeline.probability(of: deal("c", "stage: nowhere\n")), nil)
  }

  func testAgendaSectionsAndOrder() {
    let index = RecordIndex([
      record(.task, "late-low", "title: L\ndue: 2026-11-20\npriority: low\n"),
      record(.task, "late-high", "title: H\ndue: 2026-11-20\npriority: high\n"),
      record(.task, "today", "title: T\ndue: 2026-11-22\n"),
      record(.task, "in-three-days", "title: T3\ndue: 2026-11-25\n"),
      record(.task, "done", "title: D\ndue: 2026-11-01\nstatus: done\n"),
      record(.task, "undated", "title: U\n"),
      deal("closing", "stage: proposal\nexpected_close: 2026-11-21\ncreated: 2026-11-10T00:00:00Z\n"),
      deal("closed", "stage: won\nexpected_close: 2026-11-01\ncreated: 2026-01-01T00:00:00Z\n"),
      // 30 days of silence is not yet stale; 31 is.
      deal("quiet-30", "stage: lead\ncreated: 2026-10-23T10:00:00Z\n"),
      deal("quiet-31", "stage: lead\ncreated: 2026-10-22T10:00:00Z\n"),
      deal("touched", "stage: lead\ncreated: 2026-01-01T00:00:00Z\n"),
      record(.activity, "20261120-0900-call", "kind: call\nat: 2026-11-20T09:00:00Z\ndeal: touched\n"),
    ])
    func summary(_ days: Int) -> [String] {
      Agenda.items(index, pipeline: pipeline, clock: clock, days: days, staleAfter: 30).map {
        "\($0.section.rawValue) \($0.record.id) \($0.days)"
      }
    }
    XCTAssertEqual(
      summary(1), ["overdue late-high -2", "overdue late-low -2", "due today 0", "closing closing -1", "stale quiet-31 -31"])
    XCTAssertEqual(summary(4).filter { $0.hasPrefix("due") }, ["due today 0", "due in-three-days 3"])
    XCTAssertEqual(Agenda.items(RecordIndex([]), pipeline: pipeline, clock: clock, days: 1, staleAfter: 30).count, 0)
  }

  func testNewFilesPutLogsLastAndNewKeysGoBeforeThem() throws {
    let order = RecordType.deal.canonicalOrder([
      Field("history", .list([])), Field("linkedin", .string("x")), Field("title", .string("T")), Field("created", .string("c")),
    ])
    XCTAssertEqual(order.map(\.key), ["title", "created", "linkedin", "history"])
    var file = try FrontMatterFile(bytes: Array("---\ntitle: T\nhistory:\n  - stage: lead\n    at: 2026-11-01T00:00:00Z\n---\nbody\n".utf8))
    try file.set("closed_at", to: .inline("2026-11-02T00:00:00Z"), before: ["history"])
    try file.append("tags", item: .inline("vip"), before: ["history"])
    XCTAssertEqual(
      file.text, "---\ntitle: T\nclosed_at: 2026-11-02T00:00:00Z\ntags: [vip]\nhistory:\n  - stage: lead\n    at: 2026-11-01T00:00:00Z\n---\nbody\n")
    // An empty flow list takes a block item by becoming a block list.
    var empty = try FrontMatterFile(bytes: Array("---\nhistory: []\n---\n".utf8))
    try empty.append("history", item: .block(["stage: lead", "at: 2026-11-01T00:00:00Z"]))
    XCTAssertEqual(empty.text, "---\nhistory:\n  - stage: lead\n    at: 2026-11-01T00:00:00Z\n---\n")
  }
}

final class TimelineTests: XCTestCase {
  func testDerivedContactFieldsIgnoreNotesForLastContacted() {
    var records = [
      record(.contact, "jane", "name: Jane\n"), record(.contact, "bob", "name: Bob\n"),
      record(.activity, "a1", "kind: call\nat: 2026-11-01T10:00:00Z\ncontacts: [jane, bob]\n"),
      record(.activity, "a2", "kind: note\nat: 2026-11-20T10:00:00Z\ncontacts: [jane]\n"),
      record(.activity, "a3", "kind: email\nat: 2026-10-01T10:00:00Z\ncontacts: [jane, jane]\n"),
    ]
    Derived.fill(&records, pipeline: Pipeline(Config()), activitiesLoaded: true, sla: nil)
    XCTAssertEqual(records[0].derived, [Field("last_contacted", .timestamp(Timestamp("2026-11-01T10:00:00Z")!)), Field("activity_count", .integer(3))])
    XCTAssertEqual(records[1]["activity_count"], .integer(1))
    var unloaded = [record(.contact, "jane", "name: Jane\n")]
    Derived.fill(&unloaded, pipeline: Pipeline(Config()), activitiesLoaded: false, sla: nil)
    XCTAssertEqual(unloaded[0].derived, [], "without activities nothing is claimed")
  }

  func testCompanyTimelineMergesContactsDealsAndTasksNewestFirst() {
    let index = RecordIndex([
      record(.company, "acme", "name: Acme\n"),
      record(.contact, "jane", "name: Jane\ncompany: acme\n"),
      record(.contact, "other", "name: Other\n"),
      record(.deal, "site", "title: Site\ncompany: acme\nhistory:\n  - stage: lead\n    at: 2026-10-01T00:00:00Z\n  - stage: won\n    at: 2026-11-01T00:00:00Z\n    from: lead\n"),
      record(.task, "t1", "title: Chase\ndeal: site\ncreated: 2026-10-05T00:00:00Z\n"),
      record(.task, "t2", "title: Done one\ncontact: jane\nstatus: done\ndone_at: 2026-10-20T00:00:00Z\n"),
      record(.activity, "a1", "kind: call\nat: 2026-10-10T00:00:00Z\ncontacts: [jane]\ndirection: in\n", body: "First line\nsecond\n"),
      record(.activity, "a2", "kind: call\nat: 2026-10-11T00:00:00Z\ncontacts: [other]\n"),
      record(.ticket, "k1", "title: Login fails\ncontact: jane\nopened_at: 2026-10-15T00:00:00Z\nresolved_at: 2026-10-16T00:00:00Z\n"),
    ])
    let events = Timeline.events(Timeline.related(to: index.record(.company, id: "acme")!, in: index))
    XCTAssertEqual(
      events.map { "\($0.at.date) \($0.what) \($0.summary)" },
      [
        "2026-11-01 stage lead -> won Site", "2026-10-20 task done Done one", "2026-10-16 ticket resolved Login fails",
        "2026-10-15 ticket opened Login fails", "2026-10-10 call in First line", "2026-10-05 task added Chase",
        "2026-10-01 deal added (lead) Site",
      ])
  }
}
