import Foundation
import XCTest

/// Logging interactions, importing mail, the timeline and derived contact fields, end to end.
final class ActivityTests: CRMTestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initRepo(git: true)
    try write(".crm/config.yaml", "my_emails: [maria@me.example]\n")
    try crm("company", "add", "Acme Corp")
    try crm("contact", "add", "Jane Doe", "--email", "jane@acme.example", "--company", "acme")
    try crm("contact", "add", "Bob Roe", "--email", "bob@acme.example", "--company", "acme")
    try crm("contact", "add", "Jürgen Müller", "--email", "juergen@muller.example")
    try crm("deal", "add", "Acme site", "--company", "acme", "--contact", "jane")
  }

  func testEveryKindIsLoggedUnderItsMonth() throws {
    for kind in ["call", "email", "meeting", "note", "chat", "sms", "social"] {
      let id = "20261122-1430-\(kind)-jane-doe-k3x9"
      assertRun(try crm("log", kind, "jane", "-m", "About \(kind)"), status: 0, stdout: id + "\n", stderr: "")
      let text = try read("activities/2026/11/\(id).md")
      XCTAssertEqual(
        text,
        "---\nid: \(id)\nkind: \(kind)\nat: 2026-11-22T14:30:00Z\ncontacts: [jane-doe]\ncreated: 2026-11-22T14:30:00Z\nupdated: 2026-11-22T14:30:00Z\n---\nAbout \(kind)\n")
    }
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "log social 20261122-1430-social-jane-doe-k3x9: Jane Doe\n")
  }

  func testSeveralContactsAllFieldsAndAFollowUp() throws {
    let before = try git("rev-parse", "HEAD")
    assertRun(
      try crm(
        "log", "meeting", "jane", "bob@acme.example", "--at", "2026-11-20T15:00:00+01:00", "--deal", "acme-site", "--company", "acme",
        "--direction", "out", "--duration", "1h30m", "--outcome", "agreed on scope", "--channel", "zoom", "--follow-up", "friday",
        "-m", "Workshop.\n\n- phase 1\n"),
      status: 0, stdout: "20261120-1500-meeting-jane-doe-k3x9\n")
    XCTAssertEqual(
      try read("activities/2026/11/20261120-1500-meeting-jane-doe-k3x9.md"),
      """
      ---
      id: 20261120-1500-meeting-jane-doe-k3x9
      kind: meeting
      at: 2026-11-20T15:00:00+01:00
      contacts: [jane-doe, bob-roe]
      company: acme-corp
      deal: acme-site
      direction: out
      duration: 1h30m
      outcome: agreed on scope
      channel: zoom
      created: 2026-11-22T14:30:00Z
      updated: 2026-11-22T14:30:00Z
      ---
      Workshop.

      - phase 1

      """)
    XCTAssertEqual(
      try read("tasks/follow-up-with-jane-doe.md"),
      """
      ---
      id: follow-up-with-jane-doe
      title: Follow up with Jane Doe
      due: 2026-11-27
      contact: jane-doe
      deal: acme-site
      status: open
      created: 2026-11-22T14:30:00Z
      updated: 2026-11-22T14:30:00Z
      ---

      """)
    // One commit with exactly the two new files: no contact or deal file was touched.
    XCTAssertEqual(
      try git("diff", "--name-status", before.trimmingCharacters(in: .whitespacesAndNewlines), "HEAD"),
      "A\tactivities/2026/11/20261120-1500-meeting-jane-doe-k3x9.md\nA\ttasks/follow-up-with-jane-doe.md\n")
    assertRun(
      try crm("log", "call", "bob", "--follow-up", "+2d", "--follow-up-title", "Send Bob the deck", "-m", "x"), status: 0,
      stdout: "20261122-1430-call-bob-roe-k3x9\n")
    XCTAssertTrue(try read("tasks/send-bob-the-deck.md").contains("due: 2026-11-24\ncontact: bob-roe\n"))
  }

  func testNotesFromStdinAndFileAndErrors() throws {
    assertRun(try crm("log", "note", "jane", "-", stdin: "Line one\nline two\n"), status: 0, stdout: "20261122-1430-note-jane-doe-k3x9\n")
    XCTAssertTrue(try read("activities/2026/11/20261122-1430-note-jane-doe-k3x9.md").hasSuffix("---\nLine one\nline two\n"))
    try write("notes.md", "From a file\n")
    assertRun(try crm("log", "call", "jane", "--message-file", root.appendingPathComponent("notes.md").path), status: 0)
    XCTAssertTrue(try read("activities/2026/11/20261122-1430-call-jane-doe-k3x9.md").hasSuffix("---\nFrom a file\n"))
    assertRun(
      try crm("log", "chat", "jane", "--message-file", "-", stdin: "Piped in\n"), status: 0, stdout: "20261122-1430-chat-jane-doe-k3x9\n", stderr: "")
    XCTAssertTrue(try read("activities/2026/11/20261122-1430-chat-jane-doe-k3x9.md").hasSuffix("---\nPiped in\n"))
    assertRun(
      try crm("log", "chat", "jane", "-", "--message-file", "-", stdin: "x\n"), status: 64,
      stderr: "crm: give the notes once: -m, --message-file or '-'\n")
    // Without a terminal and without notes, nothing is asked and nothing is read.
    assertRun(try crm("log", "sms", "jane"), status: 0, stdout: "20261122-1430-sms-jane-doe-k3x9\n")
    XCTAssertTrue(try read("activities/2026/11/20261122-1430-sms-jane-doe-k3x9.md").hasSuffix("updated: 2026-11-22T14:30:00Z\n---\n"))
    let untouched = try git("log", "--format=%H")
    assertRun(try crm("log", "call", "-m", "x"), status: 64, stderr: "crm: say who the call was with: one or more contacts, or --company or --deal\n")
    assertRun(try crm("log", "call", "jane", "-", "-m", "x"), status: 64, stderr: "crm: give the notes once: -m, --message-file or '-'\n")
    assertRun(try crm("log", "call", "jane", "--duration", "soon"), status: 64, stderr: "crm: --duration must look like 30m, 1h or 1h30m, not 'soon'\n")
    assertRun(try crm("log", "call", "jane", "--duration", "30m1h"), status: 64)
    assertRun(try crm("log", "call", "jane", "--direction", "sideways"), status: 64, stderr: "crm: 'direction' must be one of in, out, not 'sideways'\n")
    assertRun(
      try crm("log", "call", "jane", "--follow-up", "whenever"), status: 64,
      stderr: "crm: --follow-up must be a date, not 'whenever'\nhint: dates are YYYY-MM-DD, today, tomorrow, a weekday (friday, next friday), +3d, +2 weeks, -1m, in 3 days, next week or next month\n")
    assertRun(try crm("log", "call", "nobody"), status: 66)
    try write("contacts/broken.md", "---\nname: [x\n---\n")
    assertRun(
      try crm("log", "call", "broken", "-m", "x"), status: 65,
      stderr: "crm: contacts/broken.md:3:1: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence\nhint: crm does not change a file it cannot read; fix it by hand, then try again\n")
    try FileManager.default.removeItem(at: root.appendingPathComponent("contacts/broken.md"))
    assertRun(try crm("log", "call", "jane", "--message-file", "/nonexistent/notes.md"), status: 66)
    XCTAssertEqual(try git("log", "--format=%H"), untouched, "nothing was written")
  }

  let eml = [
    "From: =?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?= <Juergen@Muller.example>",
    "To: \"Maria\" <maria@me.example>",
    "Cc: jane@acme.example",
    "Subject: =?UTF-8?Q?Angebot_f=C3=BCr_Sie?=",
    "Date: Fri, 20 Nov 2026 08:15:00 +0100",
    "Message-ID: <offer-1@muller.example>",
    "MIME-Version: 1.0",
    "Content-Type: multipart/alternative; boundary=\"b1\"",
    "",
    "--b1",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    "Hallo Maria,",
    "",
    "das Angebot passt. Gr=C3=BC=C3=9Fe",
    "--b1",
    "Content-Type: text/html; charset=utf-8",
    "",
    "<p>Hallo Maria</p>",
    "--b1--",
    "",
  ].joined(separator: "\r\n")

  func testEmlImportDecodesAndRefusesDuplicates() throws {
    try write("offer.eml", eml)
    let path = root.appendingPathComponent("offer.eml").path
    assertRun(try crm("log", "email", "--eml", path, "--deal", "acme-site"), status: 0, stdout: "20261120-0815-email-jurgen-muller-k3x9\n", stderr: "")
    XCTAssertEqual(
      try read("activities/2026/11/20261120-0815-email-jurgen-muller-k3x9.md"),
      """
      ---
      id: 20261120-0815-email-jurgen-muller-k3x9
      kind: email
      at: 2026-11-20T08:15:00+01:00
      contacts: [jurgen-muller, jane-doe]
      deal: acme-site
      direction: in
      subject: Angebot für Sie
      message_id: offer-1@muller.example
      created: 2026-11-22T14:30:00Z
      updated: 2026-11-22T14:30:00Z
      ---
      Hallo Maria,

      das Angebot passt. Grüße

      """)
    assertRun(
      try crm("log", "email", "--eml", "-", stdin: eml), status: 1,
      stderr: "crm: message <offer-1@muller.example> is already logged as 20261120-0815-email-jurgen-muller-k3x9\n")
    // Sent by me: outgoing, to the contacts among the recipients.
    let sent = "From: Maria <maria@me.example>\nTo: bob@acme.example\nSubject: Deck\nMessage-ID: <deck@me>\nDate: Sat, 21 Nov 2026 09:00:00 +0000\n\nAttached.\n"
    assertRun(try crm("log", "email", "--eml", "-", stdin: sent), status: 0, stdout: "20261121-0900-email-bob-roe-k3x9\n")
    XCTAssertTrue(try read("activities/2026/11/20261121-0900-email-bob-roe-k3x9.md").contains("contacts: [bob-roe]\ndirection: out\n"))
    // An unknown sender is refused unless --create-contact.
    let stranger = "From: \"Zoe O'Connor\" <zoe@new.example>\nTo: maria@me.example\nMessage-ID: <z1@new>\nDate: Sat, 21 Nov 2026 10:00:00 +0000\n\nHello!\n"
    assertRun(
      try crm("log", "email", "--eml", "-", stdin: stranger), status: 1,
      stderr: "crm: no contact has the address zoe@new.example (From)\nhint: add the contact first, or pass --create-contact\n")
    assertRun(try crm("log", "email", "--eml", "-", "--create-contact", stdin: stranger), status: 0, stdout: "20261121-1000-email-zoe-o-connor-k3x9\n")
    XCTAssertTrue(try read("contacts/zoe-o-connor.md").contains("name: Zoe O'Connor\nemails: [zoe@new.example]\n"))
    assertRun(try crm("log", "email", "--eml", "-", stdin: "hello\n"), status: 64, stderr: "crm: not an email message: no From, To or Message-ID header\n")
    assertRun(try crm("log", "email", "--eml", "/nonexistent.eml"), status: 66)
    assertRun(
      try crm("log", "email", "jane", "--eml", path), status: 64,
      stderr: "crm: an imported email brings its own contacts, notes, subject and date\nhint: drop WHO, -m, --message-file, --subject and --at\n")
    assertRun(try crm("log", "email", "--eml", path, "--mbox", path), status: 64, stderr: "crm: give --eml or --mbox, not both\n")
    assertRun(try crm("check"), status: 0)
  }

  func testMboxImportReportsCounts() throws {
    try write("offer.eml", eml)
    try crm("log", "email", "--eml", root.appendingPathComponent("offer.eml").path)
    func message(_ from: String, _ id: String, _ day: Int) -> String {
      "From \(from) Sat Nov \(day) 10:00:00 2026\nFrom: \(from)\nTo: maria@me.example\nMessage-ID: <\(id)>\nDate: \(day) Nov 2026 10:00:00 +0000\n\n>From the desk of \(from)\n\n"
    }
    let mbox =
      message("jane@acme.example", "m1@x", 10) + message("bob@acme.example", "m2@x", 11) + message("ghost@nowhere.example", "m3@x", 12)
      + "From juergen Sat Nov 20 07:15:00 2026\n" + eml.replacingOccurrences(of: "\r\n", with: "\n") + "\n"
    try write("mail.mbox", mbox)
    let path = root.appendingPathComponent("mail.mbox").path
    assertRun(
      try crm("log", "email", "--mbox", path), status: 1,
      stdout: "20261110-1000-email-jane-doe-k3x9\n20261111-1000-email-bob-roe-k3x9\n",
      stderr: "imported 2 emails, 1 already logged, 1 skipped: unknown sender ghost@nowhere.example\nhint: add those contacts first, or pass --create-contact\n")
    XCTAssertTrue(try read("activities/2026/11/20261110-1000-email-jane-doe-k3x9.md").hasSuffix("---\nFrom the desk of jane@acme.example\n"))
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "log email --mbox: 2 imported\n")
    // Importing the same mailbox again adds nothing.
    assertRun(
      try crm("log", "email", "--mbox", path, "--create-contact"), status: 0, stdout: "20261112-1000-email-ghost-k3x9\n",
      stderr: "imported 1 email, 3 already logged\n")
  }

  func testTimelineForContactCompanyAndDeal() throws {
    try crm("log", "call", "jane", "--at", "2026-11-01T10:00:00Z", "-m", "First call\nmore")
    try crm("log", "email", "bob", "--at", "2026-11-05T09:00:00Z", "--subject", "Pricing", "--direction", "out")
    try crm("log", "note", "jane", "--at", "2026-11-21T09:00:00Z", "-m", "Heard she is leaving")
    try crm("deal", "move", "acme-site", "proposal", "--at", "2026-11-10T12:00:00Z", "-m", "sent")
    try crm("task", "add", "Call Jane back", "--contact", "jane", "--due", "2026-11-25")
    try crm("log", "call", "juergen", "--at", "2026-11-02T10:00:00Z", "-m", "Unrelated")
    let now = ["CRM_NOW": "2026-11-22T14:30:00Z"]
    assertRun(
      try crm("timeline", "jane@acme.example", env: now), status: 0,
      stdout: """
        Jane Doe  (contact jane-doe)  last contacted 2026-11-01 (21 days ago)

        AT                    WHAT                    SUMMARY                          ID
        2026-11-22T14:30:00Z  deal added (lead)       Acme site                        acme-site
        2026-11-22T14:30:00Z  task added              Call Jane back (due 2026-11-25)  call-jane-back
        2026-11-21T09:00:00Z  note                    Heard she is leaving             20261121-0900-note-jane-doe-k3x9
        2026-11-10T12:00:00Z  stage lead -> proposal  Acme site: sent                  acme-site
        2026-11-01T10:00:00Z  call                    First call                       20261101-1000-call-jane-doe-k3x9

        """)
    assertRun(
      try crm("timeline", "Acme Corp", "--format", "tsv", env: now), status: 0,
      stdout: """
        2026-11-22T14:30:00Z\tdeal\tacme-site\tdeal added (lead)\tAcme site
        2026-11-22T14:30:00Z\ttask\tcall-jane-back\ttask added\tCall Jane back (due 2026-11-25)
        2026-11-21T09:00:00Z\tactivity\t20261121-0900-note-jane-doe-k3x9\tnote\tHeard she is leaving
        2026-11-10T12:00:00Z\tdeal\tacme-site\tstage lead -> proposal\tAcme site: sent
        2026-11-05T09:00:00Z\tactivity\t20261105-0900-email-bob-roe-k3x9\temail out\tPricing
        2026-11-01T10:00:00Z\tactivity\t20261101-1000-call-jane-doe-k3x9\tcall\tFirst call

        """)
    let company = try crm("timeline", "acme-corp", env: now)
    XCTAssertTrue(
      company.stdout.hasPrefix(
        "Acme Corp  (company acme-corp)  last contacted 2026-11-05 (17 days ago)\n  bob-roe   Bob Roe   last contacted 2026-11-05 (17 days ago)\n  jane-doe  Jane Doe  last contacted 2026-11-01 (21 days ago)\n"),
      company.stdout)
    assertRun(
      try crm("timeline", "acme-site", "--since", "2026-11-05", "--format", "ids", env: now), status: 0, stdout: "acme-site\nacme-site\n")
    assertRun(try crm("timeline", "nobody"), status: 66, stderr: "crm: no contact, company or deal 'nobody'\nhint: give an id, a unique id prefix, an email or the exact name\n")
    assertRun(
      try crm("timeline", "acme"), status: 1,
      stderr: "crm: 'acme' could be several records:\n  company acme-corp  Acme Corp\n  deal acme-site  Acme site\nhint: name one by its id\n")
  }

  func testDerivedLastContactedInFilters() throws {
    try crm("log", "call", "jane", "--at", "2026-06-01T10:00:00Z", "-m", "old")
    try crm("log", "email", "bob", "--at", "2026-11-20T10:00:00Z", "-m", "recent")
    try crm("log", "note", "bob", "--at", "2026-11-21T10:00:00Z", "-m", "notes do not count as contact")
    assertRun(try crm("contact", "list", "last_contacted<-90d", "--format", "ids"), status: 0, stdout: "jane-doe\n")
    assertRun(try crm("contact", "list", "-has:last_contacted", "--format", "ids"), status: 0, stdout: "jurgen-muller\n")
    assertRun(
      try crm("contact", "list", "activity_count>=1", "--fields", "id,last_contacted,activity_count", "--sort", "-last_contacted"),
      status: 0,
      stdout: "ID        LAST_CONTACTED        ACTIVITY_COUNT\nbob-roe   2026-11-20T10:00:00Z  2\njane-doe  2026-06-01T10:00:00Z  1\n")
    assertRun(
      try crm("contact", "edit", "jane", "--set", "last_contacted=today"), status: 64,
      stderr: "crm: --set cannot change 'last_contacted': crm works it out from the activities\n")
  }

  func testTwentyConcurrentLogsOfTheSameMinuteAllLand() throws {
    let processes = try (0..<20).map { try start(["log", "call", "jane", "-m", "call \($0)"]) }
    for process in processes { process.waitUntilExit() }
    XCTAssertEqual(processes.map(\.terminationStatus), Array(repeating: 0, count: 20))
    let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("activities/2026/11").path).sorted()
    XCTAssertEqual(files.count, 20)
    XCTAssertEqual(Set(files), Set(["20261122-1430-call-jane-doe-k3x9.md"] + (2...20).map { "20261122-1430-call-jane-doe-k3x9-\($0).md" }))
    var notes = Set<String>()
    for file in files { notes.insert(try read("activities/2026/11/" + file).components(separatedBy: "---\n").last ?? "") }
    XCTAssertEqual(notes, Set((0..<20).map { "call \($0)\n" }), "every note is kept")
    assertRun(try crm("contact", "list", "name:Jane Doe", "--fields", "activity_count", "--format", "tsv"), status: 0, stdout: "20\n")
  }

  func testActivityListShowEditRemove() throws {
    try crm("log", "call", "jane", "-m", "hi", "--outcome", "voicemail")
    assertRun(try crm("activity", "list", "outcome:voicemail", "--format", "ids"), status: 0, stdout: "20261122-1430-call-jane-doe-k3x9\n")
    assertRun(try crm("activity", "edit", "20261122-1430-call", "--set", "outcome=reached"), status: 0, stderr: "updated activities/2026/11/20261122-1430-call-jane-doe-k3x9.md\n")
    let show = try crm("activity", "show", "20261122-1430-call-jane-doe-k3x9")
    XCTAssertTrue(show.stdout.contains("  outcome   reached\n"), show.stdout)
    XCTAssertTrue(show.stdout.contains("  contacts  jane-doe (Jane Doe)\n"), show.stdout)
    assertRun(try crm("activity", "rm", "20261122-1430-call-jane-doe-k3x9", "--yes"), status: 0, stderr: "removed activities/2026/11/20261122-1430-call-jane-doe-k3x9.md\n")
    XCTAssertFalse(exists("activities/2026/11/20261122-1430-call-jane-doe-k3x9.md"))
  }

  /// A message of the mailbox: from Jane on day `day`, with a body of `lines` lines of 100 bytes.
  private func mboxMessage(day: Int, lines: Int) -> String {
    let body = (0..<lines).map { "line \($0) " + String(repeating: "x", count: 93 - String($0).count) + "\n" }.joined()
    return "From jane@acme.example Sat Nov \(day) 10:00:00 2026\nFrom: jane@acme.example\nTo: maria@me.example\n"
      + "Message-ID: <day\(day)@acme>\nDate: \(day) Nov 2026 10:00:00 +0000\n\n" + body + "end of day \(day)\n\n"
  }

  func testAnMboxPastOneMiBIsImportedWholeAndAMessageOverOneMiBIsReported() throws {
    // Three small messages, one over 1 MiB, then four after the 1 MiB mark of the file.
    let before = (1...3).map { mboxMessage(day: $0, lines: 200) }.joined()
    let big = mboxMessage(day: 4, lines: 10_700)
    let after = (5...8).map { mboxMessage(day: $0, lines: 1_000) }.joined()
    let mbox = before + big + after
    XCTAssertGreaterThan((before + big).utf8.count, 1 << 20)
    let bigLine = before.filter { $0 == "\n" }.count + 1
    try write("mail.mbox", mbox)
    let days = [1, 2, 3, 5, 6, 7, 8]
    assertRun(
      try crm("log", "email", "--mbox", "mail.mbox"), status: 65,
      stdout: days.map { "2026110\($0)-1000-email-jane-doe-k3x9\n" }.joined(),
      stderr: "crm: mail.mbox: message 4 (line \(bigLine)) is over 1 MiB; skipped\nimported 7 emails, 0 already logged, 1 skipped: over 1 MiB\n")
    for day in days {
      XCTAssertTrue(try read("activities/2026/11/2026110\(day)-1000-email-jane-doe-k3x9.md").hasSuffix("x\nend of day \(day)\n"), "day \(day) whole")
    }
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "log email --mbox: 7 imported\n")
  }

  func testAnEmlOrNotesOverOneMiBAreRefusedNeverCut() throws {
    let big = "From: jane@acme.example\nMessage-ID: <big@acme>\n\n" + String(repeating: "x", count: 1 << 20)
    try write("big.eml", big)
    assertRun(try crm("log", "email", "--eml", "big.eml"), status: 65, stdout: "", stderr: "crm: cannot read --eml 'big.eml': file is over 1 MiB\n")
    assertRun(try crm("log", "email", "--eml", "-", stdin: big), status: 65, stdout: "", stderr: "crm: stdin is over 1 MiB\n")
    assertRun(
      try crm("log", "note", "jane", "--message-file", "big.eml"), status: 65, stdout: "",
      stderr: "crm: cannot read --message-file 'big.eml': file is over 1 MiB\n")
    XCTAssertFalse(exists("activities/2026"), "nothing is logged")
  }

  func testConcurrentImportsOfOneMboxLogEachMessageOnce() throws {
    let mbox = (1...3).map { mboxMessage(day: $0, lines: 2) }.joined()
      + "From ann@new.example Sat Nov 9 10:00:00 2026\nFrom: Ann New <ann@new.example>\nMessage-ID: <ann@new>\nDate: 9 Nov 2026 10:00:00 +0000\n\nHi\n"
    try write("mail.mbox", mbox)
    let processes = try (0..<3).map { _ in try start(["log", "email", "--mbox", "mail.mbox", "--create-contact"]) }
    for process in processes { process.waitUntilExit() }
    XCTAssertEqual(processes.map(\.terminationStatus), [0, 0, 0])
    assertRun(
      try crm("activity", "list", "--format", "ids", "--sort", "id"), status: 0,
      stdout: "20261101-1000-email-jane-doe-k3x9\n20261102-1000-email-jane-doe-k3x9\n20261103-1000-email-jane-doe-k3x9\n20261109-1000-email-ann-new-k3x9\n")
    assertRun(try crm("contact", "list", "name:Ann New", "--format", "ids"), status: 0, stdout: "ann-new\n")
  }
}
