import Foundation
import XCTest

/// `crm ticket`: the plain record commands a type gets from its spec alone. Ticket ids are
/// timestamped like activities' (`20261122-1430-cannot-log-in-k3x9`), so two clones opening
/// tickets at once never make the same file.
final class TicketTests: CRMTestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initRepo(git: true)
    try crm("company", "add", "Acme Corp")
    try crm("contact", "add", "Jane Doe", "--email", "jane@acme.example", "--company", "acme")
  }

  func testOpenStartsTheClockAndCommitsIt() throws {
    assertRun(
      try crm("ticket", "open", "Cannot log in", "--contact", "jane@acme.example", "--priority", "high", "--channel", "phone", "-m", "Since Monday."),
      status: 0, stdout: "20261122-1430-cannot-log-in-k3x9\n", stderr: "")
    XCTAssertEqual(
      try read("tickets/20261122-1430-cannot-log-in-k3x9.md"),
      """
      ---
      id: 20261122-1430-cannot-log-in-k3x9
      title: Cannot log in
      contact: jane-doe
      company: acme-corp
      status: open
      priority: high
      channel: phone
      opened_at: 2026-11-22T14:30:00Z
      created: 2026-11-22T14:30:00Z
      updated: 2026-11-22T14:30:00Z
      history:
        - status: open
          at: 2026-11-22T14:30:00Z
      ---
      Since Monday.

      """)
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "ticket open 20261122-1430-cannot-log-in-k3x9: Cannot log in\n")
    // `add` is the same command; --at backdates the opening (and the id), -m - reads stdin.
    assertRun(
      try crm("ticket", "add", "Invoice is wrong", "--at", "2026-11-20T09:15:00Z", "-m", "-", stdin: "Twice the VAT.\n"), status: 0,
      stdout: "20261120-0915-invoice-is-wrong-k3x9\n")
    let invoice = try read("tickets/20261120-0915-invoice-is-wrong-k3x9.md")
    XCTAssertTrue(invoice.contains("\nstatus: open\npriority: normal\nopened_at: 2026-11-20T09:15:00Z\n"), invoice)
    XCTAssertTrue(invoice.hasSuffix("---\nTwice the VAT.\n"), invoice)
  }

  func testListFiltersAndColumns() throws {
    try crm("ticket", "open", "Cannot log in", "--contact", "jane-doe", "--priority", "high")
    try crm("ticket", "open", "Invoice is wrong")
    try crm("ticket", "pending", "Invoice is wrong")
    assertRun(
      try crm("ticket", "list"), status: 0,
      stdout: """
        ID                                   TITLE             STATUS   PRIORITY  CONTACT   RESPONSE_SLA     RESOLUTION_SLA
        20261122-1430-cannot-log-in-k3x9     Cannot log in     open     high      jane-doe  4h left          8h left
        20261122-1430-invoice-is-wrong-k3x9  Invoice is wrong  pending  normal              paused, 8h left  paused, 3d left

        """)
    assertRun(try crm("ticket", "list", "status:pending", "--format", "ids"), status: 0, stdout: "20261122-1430-invoice-is-wrong-k3x9\n")
    assertRun(try crm("ticket", "list", "priority:high or contact:jane-doe", "--format", "ids"), status: 0, stdout: "20261122-1430-cannot-log-in-k3x9\n")
    assertRun(try crm("ticket", "list", "--format", "ids", "--", "-has:contact"), status: 0, stdout: "20261122-1430-invoice-is-wrong-k3x9\n")
    assertRun(
      try crm("ticket", "list", "--fields", "id,satisfaction", "--format", "tsv", "title~invoice"), status: 0, stdout: "20261122-1430-invoice-is-wrong-k3x9\t\n")
    assertRun(
      try crm("ticket", "list", "stauts:open"), status: 64,
      stderr: "crm: unknown field 'stauts' in filter term 'stauts:open'\n"
        + "hint: ticket fields: channel, closed_at, company, contact, created, deal, first_response_at, history, id, message_id, notes, opened_at, owner, "
        + "priority, reopened, resolution_due, resolution_sla, resolved_at, response_due, response_sla, satisfaction, satisfaction_comment, sla, sla_due, status, tags, title, type, updated\n")
  }

  func testShowEditAndRemove() throws {
    try crm("ticket", "open", "Cannot log in", "--contact", "jane-doe", "--at", "2026-11-20T09:00:00Z")
    let id = "20261120-0900-cannot-log-in-k3x9"
    // Friday 09:00 to Sunday: the first day's 8 business hours count; 1d to answer is over.
    assertRun(
      try crm("ticket", "show", "20261120-0900-cannot"), status: 0,
      stdout: """
        Cannot log in  (ticket \(id))
          contact         jane-doe (Jane Doe)
          company         acme-corp (Acme Corp)
          status          open
          priority        normal
          opened_at       2026-11-20T09:00:00Z
          created         2026-11-22T14:30:00Z
          updated         2026-11-22T14:30:00Z
          sla             breached
          sla_due         2026-11-20T17:00:00Z
          response_due    2026-11-20T17:00:00Z
          response_sla    0m over
          resolution_due  2026-11-24T17:00:00Z
          resolution_sla  16h left

        History
          STATUS  AT
          open    2026-11-20T09:00:00Z

        """)
    // --status moves it as the verbs do, kept in the history, with the time it sets.
    assertRun(
      try crm("ticket", "edit", id, "--status", "resolved", "--set", "satisfaction=5"), status: 0,
      stderr: "moved \(id): open -> resolved\nupdated tickets/\(id).md\n")
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "ticket edit \(id): satisfaction, status\n")
    let text = try read("tickets/\(id).md")
    XCTAssertTrue(text.contains("\nsatisfaction: 5\nresolved_at: 2026-11-22T14:30:00Z\n"), text)
    XCTAssertTrue(text.hasSuffix("  - status: resolved\n    at: 2026-11-22T14:30:00Z\n    from: open\n---\n"), text)
    assertRun(try crm("ticket", "edit", id, "--set", "status=resolved"), status: 0, stderr: "\(id): nothing changed\n")
    assertRun(try crm("ticket", "edit", id, "--title", "Login fails"), status: 0)
    XCTAssertTrue(try read("tickets/\(id).md").contains("\ntitle: Login fails\n"))
    // The contact's card counts it among the past tickets; the timeline shows it.
    XCTAssertTrue(try crm("contact", "show", "jane-doe").stdout.contains("\nTickets (none open, 1 past)\n"))
    let timeline = try crm("timeline", "jane-doe", "--format", "tsv").stdout
    XCTAssertEqual(
      timeline,
      "2026-11-22T14:30:00Z\tticket\t\(id)\tticket resolved\tLogin fails\n"
        + "2026-11-20T09:00:00Z\tticket\t\(id)\tticket opened\tLogin fails\n")
    assertRun(try crm("ticket", "rm", "Login fails", "--yes"), status: 0, stderr: "removed tickets/\(id).md\n")
    XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("tickets/\(id).md").path))
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "ticket rm \(id): Login fails\n")
  }

  func testStatusMovesFollowTheLifecycleAndAreKeptInTheHistory() throws {
    let id = "20261122-1430-cannot-log-in-k3x9"
    try crm("ticket", "add", "Cannot log in", "--contact", "jane-doe")
    assertRun(
      try crm("ticket", "close", "Cannot log in"), status: 1, stdout: "",
      stderr: "crm: ticket '\(id)' is open: resolve it before closing it\nhint: pass --force to close it anyway\n")
    assertRun(
      try crm("ticket", "pending", "Cannot log in", "-m", "Asked for the browser"), status: 0, stdout: "",
      stderr: "pending \(id): open -> pending\n")
    assertRun(try crm("ticket", "pending", id), status: 1, stderr: "crm: ticket '\(id)' is already pending\n")
    assertRun(
      try crm("ticket", "resolve", id, "--at", "2026-11-22T13:00:00Z"), status: 64,
      stderr: "crm: --at 2026-11-22T13:00:00Z is before its last move (pending at 2026-11-22T14:30:00Z)\n"
        + "hint: a ticket's moves are kept in order; give a later time\n")
    assertRun(try crm("ticket", "resolve", id), status: 0, stderr: "resolved \(id): pending -> resolved\n")
    assertRun(
      try crm("ticket", "pending", id), status: 1,
      stderr: "crm: ticket '\(id)' is resolved: reopen it first\nhint: pass --force to set it pending anyway\n")
    assertRun(try crm("ticket", "close", id, "--comment", "Great"), status: 64, stderr: "crm: --comment needs --satisfaction\n")
    assertRun(
      try crm("ticket", "close", id, "--satisfaction", "6"), status: 64, stderr: "crm: 'satisfaction' must be between 1 and 5, not '6'\n")
    assertRun(
      try crm("ticket", "close", id, "--satisfaction", "5", "--comment", "Great"), status: 0, stderr: "closed \(id): resolved -> closed\n")
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "ticket close \(id): resolved -> closed\n")
    assertRun(try crm("ticket", "reopen", id), status: 0, stderr: "reopened \(id): closed -> open\n")
    XCTAssertEqual(
      try read("tickets/\(id).md"),
      """
      ---
      id: \(id)
      title: Cannot log in
      contact: jane-doe
      company: acme-corp
      status: open
      priority: normal
      opened_at: 2026-11-22T14:30:00Z
      created: 2026-11-22T14:30:00Z
      updated: 2026-11-22T14:30:00Z
      satisfaction: 5
      satisfaction_comment: Great
      reopened: 1
      history:
        - status: open
          at: 2026-11-22T14:30:00Z
        - status: pending
          at: 2026-11-22T14:30:00Z
          from: open
          note: Asked for the browser
        - status: resolved
          at: 2026-11-22T14:30:00Z
          from: pending
        - status: closed
          at: 2026-11-22T14:30:00Z
          from: resolved
        - status: open
          at: 2026-11-22T14:30:00Z
          from: closed
      ---

      """)
    // The timeline shows each move once, the opening once.
    let events = try crm("timeline", "jane-doe", "--format", "tsv").stdout.split(separator: "\n").map { $0.split(separator: "\t")[3] }
    XCTAssertEqual(events.sorted(), ["ticket closed", "ticket opened", "ticket pending", "ticket reopened", "ticket resolved"])
    // --force makes the move the lifecycle does not.
    assertRun(try crm("ticket", "close", id, "--force"), status: 0, stderr: "closed \(id): open -> closed\n")
    XCTAssertTrue(try read("tickets/\(id).md").contains("\nresolved_at: 2026-11-22T14:30:00Z\nclosed_at: 2026-11-22T14:30:00Z\n"))
    assertRun(try crm("ticket", "resolve", "nope"), status: 66)
  }

  func testAReplyIsAnActivityOnTheTicketAndTheFirstOneIsTheFirstResponse() throws {
    let id = "20261122-1430-cannot-log-in-k3x9"
    try crm("ticket", "add", "Cannot log in", "--contact", "jane-doe", "--company", "acme")
    assertRun(
      try crm("ticket", "reply", "Cannot log in", "-m", "Looking into it", "--internal", "--at", "2026-11-22T14:40:00Z"), status: 0,
      stdout: "20261122-1440-note-jane-doe-k3x9\n", stderr: "")
    XCTAssertFalse(try read("tickets/\(id).md").contains("first_response_at"), "a note for the team is no response")
    assertRun(
      try crm("ticket", "reply", id, "-m", "We reset your password.", "--at", "2026-11-22T15:00:00Z"), status: 0,
      stdout: "20261122-1500-email-jane-doe-k3x9\n")
    XCTAssertEqual(
      try read("activities/2026/11/20261122-1500-email-jane-doe-k3x9.md"),
      """
      ---
      id: 20261122-1500-email-jane-doe-k3x9
      kind: email
      at: 2026-11-22T15:00:00Z
      contacts: [jane-doe]
      company: acme-corp
      ticket: \(id)
      direction: out
      created: 2026-11-22T14:30:00Z
      updated: 2026-11-22T14:30:00Z
      ---
      We reset your password.

      """)
    XCTAssertTrue(try read("tickets/\(id).md").contains("\nfirst_response_at: 2026-11-22T15:00:00Z\n"))
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "ticket reply \(id): 20261122-1500-email-jane-doe-k3x9\n")
    try crm("ticket", "reply", id, "-m", "Anything else?", "--at", "2026-11-22T16:00:00Z")
    XCTAssertTrue(try read("tickets/\(id).md").contains("\nfirst_response_at: 2026-11-22T15:00:00Z\n"), "only the first reply counts")
    try crm("ticket", "pending", id, "-m", "Waiting on Jane")
    let card = try crm("ticket", "show", id).stdout
    XCTAssertTrue(
      card.hasSuffix(
        """
        History
          STATUS   AT                    FROM  NOTE
          open     2026-11-22T14:30:00Z
          pending  2026-11-22T14:30:00Z  open  Waiting on Jane

        Activities (3)
          20261122-1440-note-jane-doe-k3x9   note   2026-11-22T14:40:00Z
          20261122-1500-email-jane-doe-k3x9  email  2026-11-22T15:00:00Z
          20261122-1600-email-jane-doe-k3x9  email  2026-11-22T16:00:00Z

        """), card)
    assertRun(try crm("ticket", "reply", id, "-m", " "), status: 64, stderr: "crm: the reply is empty\n")
    assertRun(try crm("ticket", "reply", id), status: 64)
  }

  func testErrors() throws {
    try crm("ticket", "add", "Cannot log in")
    assertRun(try crm("ticket", "add", "  "), status: 64, stderr: "crm: the title is empty\n")
    assertRun(try crm("ticket", "open", "X", "--priority", "bogus"), status: 64, stderr: "crm: 'priority' must be one of urgent, high, normal, low, not 'bogus'\n")
    assertRun(try crm("ticket", "open", "X", "--status", "pending"), status: 64)
    assertRun(
      try crm("ticket", "open"), status: 64,
      stderr: "crm: give the ticket's TITLE, or --eml FILE\nhint: e.g. crm ticket open \"Cannot log in\" --contact jane-doe\n")
    assertRun(
      try crm("ticket", "edit", "20261122-1430-cannot-log-in-k3x9", "--status", "done"), status: 64,
      stderr: "crm: 'done' is not a ticket status\nhint: statuses: open, pending, resolved, closed\n")
    assertRun(
      try crm("ticket", "edit", "20261122-1430-cannot-log-in-k3x9", "--unset", "status"), status: 64,
      stderr: "crm: --unset cannot remove 'status'\nhint: move the ticket with --status instead\n")
    assertRun(
      try crm("ticket", "edit", "20261122-1430-cannot-log-in-k3x9", "--set", "history=x"), status: 64,
      stderr: "crm: --set/--unset cannot change 'history': crm keeps it\nhint: move the ticket with its verbs or --status\n")
    assertRun(
      try crm("ticket", "edit", "20261122-1430-cannot-log-in-k3x9", "--set", "type=contact"), status: 64,
      stderr: "crm: --set cannot change 'type': crm keeps it\n")
    assertRun(
      try crm("ticket", "edit", "20261122-1430-cannot-log-in-k3x9", "--set", "sla=met"), status: 64,
      stderr: "crm: --set cannot change 'sla': crm works it out each time it reads the ticket\n")
    assertRun(
      try crm("ticket", "list", "sla:bogus"), status: 64,
      stderr: "crm: bad filter term 'sla:bogus': 'bogus' is not one of breached, running, paused, met\n")
    assertRun(
      try crm("ticket", "list", "sla:due<soon"), status: 64,
      stderr: "crm: bad filter term 'sla:due<soon': write sla:due<4h, sla:due<=30m or sla:due>2d (m, h or d from now)\n")
    assertRun(
      try crm("ticket", "add", "X", "--contact", "nobody"), status: 66,
      stderr: "crm: no contact 'nobody'\nhint: give an id, a unique id prefix, an email, or the exact name; 'crm contact list' shows them\n")
    assertRun(try crm("ticket", "edit", "20261122-1430-cannot-log-in-k3x9", "--title", ""), status: 64, stderr: "crm: --title is empty\n")
    assertRun(
      try crm("ticket", "edit", "20261122-1430-cannot-log-in-k3x9", "--set", "satisfaction=9"), status: 64,
      stderr: "crm: 'satisfaction' must be between 1 and 5, not '9'\n")
    let missing = try crm("ticket", "show", "nope")
    XCTAssertEqual(missing.status, 66)
    XCTAssertTrue(missing.stderr.hasPrefix("crm: no ticket 'nope'\n"), missing.stderr)
    XCTAssertEqual(try crm("ticket", "edit", "20261122-1430-cannot-log-in-k3x9", "--name", "X").status, 64)
  }
}
