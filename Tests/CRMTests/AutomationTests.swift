import Foundation
import XCTest

/// `automation:` rules: acting inside the write that made a change, on a schedule with
/// `crm automate run`, and `crm automate check` and `log`.
final class AutomationTests: CRMTestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initRepo(git: true)
  }

  func configure(_ text: String) throws {
    try write(".crm/config.yaml", try read(".crm/config.yaml") + text)
    _ = try git("commit", "-qam", "config")
  }

  /// The config's line count: where appended rules start.
  func configLines() throws -> Int { try read(".crm/config.yaml").split(separator: "\n", omittingEmptySubsequences: false).count }

  static let rules = """
    automation:
      - name: follow up new leads
        on: contact.created
        if: "status:lead"
        do:
          - task: {title: "Call {{name}}", due: +1d, priority: high}
      - name: proposal sent
        on: deal.stage_changed
        if: "stage:proposal"
        do: [{task: {title: "Chase {{title}}", due: +7d}}, {log: "Proposal out: {{title}}"}]
      - name: qualified leads become prospects
        on: contact.changed
        if: "status:lead score>=50"
        do: [{set: {status: prospect}}, {tag: qualified}, {notify: "{{name}} is a prospect now"}]
      - name: stale deals
        every: day
        for: deal
        if: "updated<-21d -stage:won,lost"
        do: [{tag: stale}, {notify: "{{title}} has not moved in 3 weeks"}]

    """

  func testEventRulesActInsideTheWriteAndItsCommit() throws {
    try configure(Self.rules)
    assertRun(
      try crm("lead", "capture", stdin: "name=Ann+Lee&email=ann%40x.example"), status: 0, stdout: "ann-lee\n",
      stderr: "automation: follow up new leads: contact ann-lee: task call-ann-lee\n")
    XCTAssertEqual(
      try read("tasks/call-ann-lee.md"),
      """
      ---
      id: call-ann-lee
      title: Call Ann Lee
      due: 2026-11-23
      contact: ann-lee
      status: open
      priority: high
      automation: follow up new leads
      created: 2026-11-22T14:30:00Z
      updated: 2026-11-22T14:30:00Z
      ---

      """)
    XCTAssertEqual(
      try git("log", "-1", "--format=%B"), "lead capture ann-lee (form)\n\nautomation:\n- follow up new leads: contact ann-lee: task call-ann-lee\n\n")
    XCTAssertEqual(try git("status", "--porcelain"), "")
    // A contact that is not a lead: the filter keeps the rule out.
    assertRun(try crm("contact", "add", "Bob", "--set", "status=customer"), status: 0, stderr: "")
    // A stage change: a task and a note, in the move's commit.
    try crm("deal", "add", "Big deal", "--contact", "ann-lee")
    assertRun(
      try crm("deal", "move", "big-deal", "proposal"), status: 0,
      stderr: "automation: proposal sent: deal big-deal: task chase-big-deal, log note 20261122-1430-note-big-deal-k3x9\nmoved big-deal: lead -> proposal\n")
    XCTAssertTrue(try read("tasks/chase-big-deal.md").contains("due: 2026-11-29\ncontact: ann-lee\ndeal: big-deal\n"))
    XCTAssertTrue(try read("activities/2026/11/20261122-1430-note-big-deal-k3x9.md").hasSuffix("automation: proposal sent\ncreated: 2026-11-22T14:30:00Z\nupdated: 2026-11-22T14:30:00Z\n---\nProposal out: Big deal\n"))
    XCTAssertEqual(try git("show", "--stat", "--format=", "HEAD").split(separator: "\n").count, 4)  // 3 files and the summary
    // A change that qualifies the lead: its own write is not passed to the rules again.
    assertRun(
      try crm("contact", "edit", "ann-lee", "--set", "score=60"), status: 0,
      stderr: "automation: qualified leads become prospects: contact ann-lee: set status=prospect, tag qualified, notify: Ann Lee is a prospect now\nupdated contacts/ann-lee.md\n")
    let ann = try read("contacts/ann-lee.md")
    XCTAssertTrue(ann.contains("status: prospect\n"), ann)
    XCTAssertTrue(ann.contains("tags: [qualified]\n"), ann)
    XCTAssertTrue(ann.contains("score: 60\n"), ann)
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "contact edit ann-lee: score\n")
    // What fired, newest first.
    assertRun(
      try crm("automate", "log", "--format", "tsv"), status: 0,
      stdout: """
        2026-11-22T14:30:00Z\tqualified leads become prospects\tcontact\tann-lee\tset status=prospect, tag qualified, notify: Ann Lee is a prospect now
        2026-11-22T14:30:00Z\tproposal sent\tdeal\tbig-deal\ttask chase-big-deal, log note 20261122-1430-note-big-deal-k3x9
        2026-11-22T14:30:00Z\tfollow up new leads\tcontact\tann-lee\ttask call-ann-lee

        """)
    assertRun(try crm("automate", "log", "--rule", "proposal sent", "--format", "ids"), status: 64)
    assertRun(try crm("automate", "log", "--rule", "proposal sent", "--limit", "1", "--format", "csv"), status: 0,
      stdout: "at,rule,type,id,done\r\n2026-11-22T14:30:00Z,proposal sent,deal,big-deal,\"task chase-big-deal, log note 20261122-1430-note-big-deal-k3x9\"\r\n")
  }

  func testScheduledRulesRunOncePerPeriod() throws {
    try configure(Self.rules)
    try crm("deal", "add", "Old deal", env: ["CRM_NOW": "2026-10-01T10:00:00Z"])
    try crm("deal", "add", "New deal")
    try crm("deal", "add", "Won deal", "--stage", "won", env: ["CRM_NOW": "2026-10-01T10:00:00Z"])
    assertRun(
      try crm("automate", "run", "--dry-run"), status: 0,
      stdout: "would: stale deals: deal old-deal: tag stale, notify: Old deal has not moved in 3 weeks\n", stderr: "")
    XCTAssertFalse(try read("deals/old-deal.md").contains("stale"))
    let head = try git("rev-parse", "HEAD")
    assertRun(
      try crm("automate", "run"), status: 0, stdout: "stale deals: deal old-deal: tag stale, notify: Old deal has not moved in 3 weeks\n", stderr: "")
    XCTAssertTrue(try read("deals/old-deal.md").contains("tags: [stale]\n"))
    XCTAssertEqual(
      try git("log", "-1", "--format=%B"),
      "automate run: 1 firing\n\nautomation:\n- stale deals: deal old-deal: tag stale, notify: Old deal has not moved in 3 weeks\n\n")
    XCTAssertNotEqual(try git("rev-parse", "HEAD"), head)
    // The same day again: nothing, no commit. (Tagging made the deal new, but the rule already
    // acted on it today.)
    let after = try git("rev-parse", "HEAD")
    assertRun(try crm("automate", "run", env: ["CRM_NOW": "2026-11-22T20:00:00Z"]), status: 0, stdout: "", stderr: "")
    XCTAssertEqual(try git("rev-parse", "HEAD"), after)
    // Weeks later it is stale again; the tag is there, the notice comes again.
    assertRun(
      try crm("automate", "run", env: ["CRM_NOW": "2026-12-20T09:00:00Z"]), status: 0,
      stdout: "stale deals: deal new-deal: tag stale, notify: New deal has not moved in 3 weeks\nstale deals: deal old-deal: notify: Old deal has not moved in 3 weeks\n")
  }

  func testARunFromCronHasNoTerminalNoHomeAndAFixedClock() throws {
    try configure(Self.rules)
    try crm("deal", "add", "Old deal", env: ["CRM_NOW": "2026-10-01T10:00:00Z"])
    let result = try run(
      "/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", "CRM_NOW=2026-11-22T07:00:00Z", "GIT_CONFIG_NOSYSTEM=1", "GIT_AUTHOR_NAME=cron", "GIT_AUTHOR_EMAIL=cron@example.com",
        "GIT_COMMITTER_NAME=cron", "GIT_COMMITTER_EMAIL=cron@example.com", CRMBinary.url.path, "-C", root.path, "automate", "run"], in: root)
    assertRun(result, status: 0, stdout: "stale deals: deal old-deal: tag stale, notify: Old deal has not moved in 3 weeks\n", stderr: "")
    XCTAssertEqual(try git("status", "--porcelain"), "")
  }

  func testMoveAndUntagActions() throws {
    try configure(
      """
      automation:
        - name: signed
          on: deal.changed
          if: "tag:signed -stage:won"
          do: [{move: won}, {untag: [signed, hot]}]

      """)
    try crm("deal", "add", "Big deal", "--tag", "hot")
    assertRun(
      try crm("deal", "edit", "big-deal", "--add-tag", "signed"), status: 0,
      stderr: "automation: signed: deal big-deal: move won, untag signed, untag hot\nupdated deals/big-deal.md\n")
    let deal = try read("deals/big-deal.md")
    XCTAssertTrue(deal.contains("stage: won\n"), deal)
    XCTAssertTrue(deal.contains("closed_at: 2026-11-22T14:30:00Z\n"), deal)
    XCTAssertTrue(deal.contains("tags: []\n"), deal)
    XCTAssertTrue(deal.hasSuffix("  - stage: won\n    at: 2026-11-22T14:30:00Z\n    from: lead\n    note: \"automation: signed\"\n---\n"), deal)
  }

  func testNoScheduledRules() throws {
    assertRun(try crm("automate", "run"), status: 0, stdout: "", stderr: "note: there are no scheduled rules ('every:') under 'automation:' in .crm/config.yaml\n")
    assertRun(try crm("automate", "check"), status: 0, stdout: "ok: 0 rules (0 on changes, 0 scheduled)\n")
    assertRun(try crm("automate", "log"), status: 0, stdout: "AT  RULE  TYPE  ID  DONE\n")
  }

  func testCheckRefusesWhenARecordDoesNotLoad() throws {
    try configure(Self.rules)
    try write("contacts/broken.md", "---\nname: [Broken\n---\n")
    let result = try crm("automate", "check")
    XCTAssertEqual(result.status, 65)
    XCTAssertEqual(result.stdout, "")
    XCTAssertTrue(result.stderr.hasPrefix("crm: contacts/broken.md:3:1: invalid YAML"), result.stderr)
  }

  func testAnActionThatCannotActLeavesTheChangeStanding() throws {
    try configure(
      """
      automation:
        - name: rate it
          on: contact.created
          do: [{set: {score: "{{title}}"}}, {tag: rated}]

      """)
    let result = try crm("contact", "add", "Ann", "--set", "title=CEO")
    assertRun(
      result, status: 0,
      stderr: "crm: warning: automation rule 'rate it' could not act on contact ann: 'score' must be a whole number, not 'CEO'\n")
    XCTAssertTrue(exists("contacts/ann.md"))
    XCTAssertEqual(try git("status", "--porcelain"), "")
  }

  func testCheckNamesEachProblemWithItsPlace() throws {
    let line = try configLines()
    try configure(
      """
      automation:
        - name: chase
          on: deal.changed
          if: "stauge:proposal"
          do: [{move: pitching}, {notify: "{{titel}} moved"}, {task: {title: x, due: someday}}]

      """)
    assertRun(
      try crm("automate", "check"), status: 65,
      stderr: """
        crm: .crm/config.yaml:\(line + 3):9: filter 'stauge:proposal': unknown field 'stauge' in filter term 'stauge:proposal'
        hint: deal fields: closed_at, company, contacts, created, currency, expected_close, history, id, lost_reason, notes, owner, probability, source, stage, tags, title, type, updated, value
        crm: .crm/config.yaml:\(line + 1):5: automation rule 'chase': move: 'pitching' is not a stage of the pipeline: lead, qualified, proposal, negotiation, won, lost
        crm: .crm/config.yaml:\(line + 1):5: automation rule 'chase': task: 'due' must be a date like +1d or friday, not 'someday'
        crm: .crm/config.yaml:\(line + 4):37: automation rule 'chase': 'titel' in '{{titel}} moved' is not a field of any deal

        """)
  }

  func testConfigMistakesAreRefusedByEveryCommand() throws {
    let line = try configLines()
    let cases: [(String, String)] = [
      ("automation:\n  - name: a\n    on: contact.born\n    do: [{tag: x}]\n",
       "\(line + 2):9: automation rule 'a': 'on' must be TYPE.EVENT like contact.created (contact, company, deal, task, ticket or activity; created, changed or deleted; deal.stage_changed), not 'contact.born'"),
      ("automation:\n  - name: a\n    on: contact.created\n    do: [{email: {template: welcome}}]\n",
       "\(line + 3):11: automation rule 'a': 'email': emails are sent by campaigns, which this version of crm does not have: the rule would do half its work"),
      ("automation:\n  - name: a\n    on: contact.created\n    do: [{run: rm}]\n",
       "\(line + 3):11: automation rule 'a': 'run' is not an action: set, tag, untag, task, move, log or notify"),
      ("automation:\n  - name: a\n    on: contact.created\n    do: [{move: won}]\n",
       "\(line + 3):10: automation rule 'a': 'move' moves deals: the rule is for contacts"),
      ("automation:\n  - name: a\n    every: day\n    do: [{tag: x}]\n",
       "\(line + 1):5: automation rule 'a': 'every' needs 'for:' the type it goes through: contact, company, deal, task, ticket or activity"),
      ("automation:\n  - name: a\n    on: contact.created\n", "\(line + 1):5: automation rule 'a' needs 'do:' a list of actions like [{tag: stale}]"),
      ("automation:\n  - name: a\n    on: contact.created\n    do: [{tag: x}]\n  - name: a\n    on: deal.created\n    do: [{tag: y}]\n",
       "\(line + 4):11: two automation rules are named 'a': each needs a name of its own"),
      ("automation:\n  - name: a\n    on: deal.created\n    do: [{set: {stage: won}}]\n",
       "\(line + 3):17: automation rule 'a': 'set': a deal's stage changes with 'move', which keeps its history"),
      ("automation:\n  - name: a\n    on: deal.created\n    do: [{notify: \"{{#x}\"}]\n",
       "\(line + 3):19: template '{{#x}' does not parse: a tag is not closed with }}, or is not one Mustache knows (at character 5)\nhint: fields go in {{…}}, like {{name}}\n"),
    ]
    let config = try read(".crm/config.yaml")
    for (text, message) in cases {
      try write(".crm/config.yaml", config + text)
      let result = try crm("contact", "list")
      XCTAssertEqual(result.status, 65, text)
      XCTAssertTrue(result.stderr.hasPrefix("crm: .crm/config.yaml:" + message), "\(text)\n\(result.stderr)")
    }
  }
}
