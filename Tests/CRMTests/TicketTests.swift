import Foundation
import XCTest

/// `crm ticket`: the plain record commands a type gets from its spec alone.
final class TicketTests: CRMTestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initRepo(git: true)
    try crm("company", "add", "Acme Corp")
    try crm("contact", "add", "Jane Doe", "--email", "jane@acme.example", "--company", "acme")
  }

  func testAddWritesAnOpenTicketAndCommitsIt() throws {
    assertRun(
      try crm("ticket", "add", "Cannot log in", "--contact", "jane@acme.example", "--company", "acme", "--priority", "high", "-m", "Since Monday."),
      status: 0, stdout: "cannot-log-in\n", stderr: "")
    XCTAssertEqual(
      try read("tickets/cannot-log-in.md"),
      """
      ---
      id: cannot-log-in
      title: Cannot log in
      contact: jane-doe
      company: acme-corp
      status: open
      priority: high
      created: 2026-11-22T14:30:00Z
      updated: 2026-11-22T14:30:00Z
      ---
      Since Monday.

      """)
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "ticket add cannot-log-in: Cannot log in\n")
    // A second ticket of the same title gets its own id, and a note.
    assertRun(
      try crm("ticket", "add", "Cannot log in", "--status", "pending"), status: 0, stdout: "cannot-log-in-2\n",
      stderr: "note: a ticket named 'Cannot log in' exists: cannot-log-in\n")
    XCTAssertTrue(try read("tickets/cannot-log-in-2.md").contains("\nstatus: pending\n"))
  }

  func testListFiltersAndColumns() throws {
    try crm("ticket", "add", "Cannot log in", "--contact", "jane-doe", "--priority", "high")
    try crm("ticket", "add", "Invoice is wrong", "--status", "pending")
    assertRun(
      try crm("ticket", "list"), status: 0,
      stdout: """
        ID                TITLE             STATUS   PRIORITY  CONTACT
        cannot-log-in     Cannot log in     open     high      jane-doe
        invoice-is-wrong  Invoice is wrong  pending

        """)
    assertRun(try crm("ticket", "list", "status:pending", "--format", "ids"), status: 0, stdout: "invoice-is-wrong\n")
    assertRun(try crm("ticket", "list", "priority:high or contact:jane-doe", "--format", "ids"), status: 0, stdout: "cannot-log-in\n")
    assertRun(try crm("ticket", "list", "--format", "ids", "--", "-has:contact"), status: 0, stdout: "invoice-is-wrong\n")
    assertRun(
      try crm("ticket", "list", "--fields", "id,satisfaction", "--format", "tsv", "title~invoice"), status: 0, stdout: "invoice-is-wrong\t\n")
    assertRun(
      try crm("ticket", "list", "stauts:open"), status: 64,
      stderr: "crm: unknown field 'stauts' in filter term 'stauts:open'\n"
        + "hint: ticket fields: company, contact, created, first_response_at, id, notes, opened_at, priority, resolved_at, satisfaction, status, title, type, updated\n")
  }

  func testShowEditAndRemove() throws {
    try crm("ticket", "add", "Cannot log in", "--contact", "jane-doe")
    assertRun(
      try crm("ticket", "show", "cannot"), status: 0,
      stdout: """
        Cannot log in  (ticket cannot-log-in)
          contact  jane-doe (Jane Doe)
          status   open
          created  2026-11-22T14:30:00Z
          updated  2026-11-22T14:30:00Z

        """)
    assertRun(
      try crm("ticket", "edit", "cannot-log-in", "--status", "resolved", "--set", "resolved_at=2026-11-23T09:00:00Z", "--set", "satisfaction=5"),
      status: 0, stderr: "updated tickets/cannot-log-in.md\n")
    XCTAssertEqual(
      try read("tickets/cannot-log-in.md"),
      """
      ---
      id: cannot-log-in
      title: Cannot log in
      contact: jane-doe
      status: resolved
      created: 2026-11-22T14:30:00Z
      updated: 2026-11-22T14:30:00Z
      resolved_at: 2026-11-23T09:00:00Z
      satisfaction: 5
      ---

      """)
    assertRun(try crm("ticket", "edit", "cannot-log-in", "--title", "Login fails"), status: 0)
    XCTAssertTrue(try read("tickets/cannot-log-in.md").contains("\ntitle: Login fails\n"))
    // The contact's card and timeline show it.
    XCTAssertTrue(try crm("contact", "show", "jane-doe").stdout.contains("Tickets (1)\n  cannot-log-in  Login fails  resolved\n"))
    let timeline = try crm("timeline", "jane-doe", "--format", "tsv").stdout
    XCTAssertEqual(
      timeline,
      "2026-11-23T09:00:00Z\tticket\tcannot-log-in\tticket resolved\tLogin fails\n"
        + "2026-11-22T14:30:00Z\tticket\tcannot-log-in\tticket opened\tLogin fails\n")
    assertRun(try crm("ticket", "rm", "Login fails", "--yes"), status: 0, stderr: "removed tickets/cannot-log-in.md\n")
    XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("tickets/cannot-log-in.md").path))
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "ticket rm cannot-log-in: Login fails\n")
  }

  func testErrors() throws {
    try crm("ticket", "add", "Cannot log in")
    assertRun(try crm("ticket", "add", "  "), status: 64, stderr: "crm: the title is empty\n")
    assertRun(try crm("ticket", "add", "X", "--status", "bogus"), status: 64, stderr: "crm: 'status' must be one of open, pending, resolved, closed, not 'bogus'\n")
    assertRun(
      try crm("ticket", "add", "X", "--contact", "nobody"), status: 66,
      stderr: "crm: no contact 'nobody'\nhint: give an id, a unique id prefix, an email, or the exact name; 'crm contact list' shows them\n")
    assertRun(try crm("ticket", "edit", "cannot-log-in", "--title", ""), status: 64, stderr: "crm: --title is empty\n")
    assertRun(
      try crm("ticket", "edit", "cannot-log-in", "--set", "satisfaction=9"), status: 64,
      stderr: "crm: 'satisfaction' must be between 1 and 5, not '9'\n")
    let missing = try crm("ticket", "show", "nope")
    XCTAssertEqual(missing.status, 66)
    XCTAssertTrue(missing.stderr.hasPrefix("crm: no ticket 'nope'\n"), missing.stderr)
    XCTAssertEqual(try crm("ticket", "edit", "cannot-log-in", "--name", "X").status, 64)
  }
}
