import Foundation
import XCTest

/// Support at work: SLA clocks in lists, filters and the agenda, tickets opened from a
/// customer's email, `report tickets`, and the contact's card as the whole customer.
final class SupportTests: CRMTestCase {
  /// Monday 30 November 2026, 10:00 UTC: business hours are counting.
  let monday = ["CRM_NOW": "2026-11-30T10:00:00Z"]

  override func setUpWithError() throws {
    try super.setUpWithError()
    try initRepo(git: true)
    try crm("company", "add", "Acme Corp")
    try crm("contact", "add", "Jane Doe", "--email", "jane@acme.example", "--company", "acme")
  }

  func testListOrdersBySLAAndFiltersBreachedAndDueTickets() throws {
    // Opened Friday 27th: the urgent one is long past its hour; the high one used 4 of its
    // 8 hours to resolve on Friday and is due at 13:00 today; the low one has days.
    try crm("ticket", "open", "Site down", "--priority", "urgent", "--at", "2026-11-27T16:00:00Z", env: monday)
    try crm("ticket", "open", "Slow reports", "--priority", "high", "--at", "2026-11-27T13:00:00Z", env: monday)
    try crm("ticket", "reply", "Slow reports", "-m", "Looking", "--at", "2026-11-27T14:00:00Z", env: monday)
    try crm("ticket", "open", "Typo on invoice", "--priority", "low", "--at", "2026-11-30T09:00:00Z", env: monday)
    try crm("ticket", "open", "Old question", "--at", "2026-11-02T09:00:00Z", env: monday)
    try crm("ticket", "resolve", "Old question", "--at", "2026-11-02T10:00:00Z", env: monday)
    assertRun(
      try crm("ticket", "list", "--fields", "id,sla,sla_due,response_sla,resolution_sla", "--format", "tsv", env: monday), status: 0,
      stdout: """
        20261127-1600-site-down-k3x9\tbreached\t2026-11-27T17:00:00Z\t65h over\t62h over
        20261127-1300-slow-reports-k3x9\trunning\t2026-11-30T13:00:00Z\tmet\t3h left
        20261130-0900-typo-on-invoice-k3x9\trunning\t2026-12-01T17:00:00Z\t15h left\t4d 7h left
        20261102-0900-old-question-k3x9\tmet\t\tmet\tmet

        """)
    assertRun(try crm("ticket", "list", "sla:breached", "--format", "ids", env: monday), status: 0, stdout: "20261127-1600-site-down-k3x9\n")
    assertRun(
      try crm("ticket", "list", "sla:due<4h", "--format", "ids", env: monday), status: 0,
      stdout: "20261127-1600-site-down-k3x9\n20261127-1300-slow-reports-k3x9\n")
    assertRun(try crm("ticket", "list", "sla:due>1d", "--format", "ids", env: monday), status: 0, stdout: "20261130-0900-typo-on-invoice-k3x9\n")
    assertRun(try crm("ticket", "list", "sla_due<2026-11-28", "--format", "ids", env: monday), status: 0, stdout: "20261127-1600-site-down-k3x9\n")
    assertRun(try crm("ticket", "list", "-sla:met", "status:resolved", "--format", "ids", env: monday), status: 0, stdout: "")
    // The agenda warns of the breached ticket and the one due today.
    assertRun(
      try crm("agenda", "--format", "tsv", env: monday), status: 0,
      stdout: """
        sla\tticket\t20261127-1600-site-down-k3x9\tSite down\t2026-11-27\t-3
        sla\tticket\t20261127-1300-slow-reports-k3x9\tSlow reports\t2026-11-30\t0

        """)
    let agenda = try crm("agenda", env: monday).stdout
    XCTAssertTrue(agenda.hasPrefix("Tickets breaching their SLA or due today (2)\n"), agenda)
    XCTAssertTrue(agenda.contains("  Site down     urgent  response 65h over  resolution 62h over\n"), agenda)
  }

  func testTheConfigsTargetsHoursAndZoneApplyAtOnce() throws {
    try crm("ticket", "open", "Site down", "--priority", "normal", "--at", "2026-11-30T08:00:00Z", env: monday)
    let before = try crm("ticket", "list", "--fields", "response_sla", "--format", "tsv", env: monday).stdout
    XCTAssertEqual(before, "7h left\n", "09:00–17:00 UTC by default: one hour of a working day counted")
    // Business hours in Tokyo (UTC+9): opened at 17:00 there, after Monday's hours, so the
    // two hours to answer run from Tuesday 09:00 Tokyo time.
    try write(".crm/config.yaml", """
      support:
        business_hours: {days: mon-fri, from: "09:00", to: "17:00", timezone: Asia/Tokyo}
        sla:
          normal: {first_response: 2h, resolution: 1d}

      """)
    assertRun(
      try crm("ticket", "list", "--fields", "response_due,response_sla", "--format", "tsv", env: monday), status: 0,
      stdout: "2026-12-01T11:00:00+09:00\t2h left\n")
    // A priority the config gives no targets has no SLA.
    try write(".crm/config.yaml", "support:\n  sla:\n    urgent: {first_response: 1h}\n")
    assertRun(try crm("ticket", "list", "--fields", "id,sla", "--format", "tsv", env: monday), status: 0, stdout: "20261130-0800-site-down-k3x9\t\n")
    assertRun(try crm("ticket", "list", "sla:breached", "--format", "ids", env: monday), status: 0, stdout: "")
  }

  func testATicketFileWithABadStatusIsNamedWithItsPlace() throws {
    try write("tickets/20261130-0900-broken.md", "---\ntitle: Broken\nstatus: waiting\n---\n")
    assertRun(
      try crm("ticket", "list"), status: 65,
      stderr: "crm: tickets/20261130-0900-broken.md:3:9: 'status' must be one of open, pending, resolved, closed, not 'waiting'\n")
    XCTAssertEqual(try crm("check").status, 65)
    try FileManager.default.removeItem(at: root.appendingPathComponent("tickets/20261130-0900-broken.md"))
    // History entries the clocks cannot read are named too, by list and by check.
    try write(
      "tickets/20261130-0900-odd.md",
      "---\ntitle: Odd\nhistory:\n  - status: open\n    at: 2026-11-30T09:00:00Z\n  - exploded\n  - status: waiting\n    at: 2026-11-30T10:00:00Z\n---\n")
    let problem = "each 'history' entry needs a 'status' (open, pending, resolved, closed) and an ISO 8601 'at'"
    assertRun(
      try crm("ticket", "list", "--format", "ids"), status: 65, stdout: "20261130-0900-odd\n",
      stderr: "crm: tickets/20261130-0900-odd.md:4:3: \(problem)\ncrm: tickets/20261130-0900-odd.md:7:13: \(problem)\n")
    let check = try crm("check")
    XCTAssertEqual(check.status, 65)
    XCTAssertTrue(check.stdout.contains("tickets/20261130-0900-odd.md:7:13: \(problem)"), check.stdout + check.stderr)
  }

  // MARK: - Opening a ticket from an email

  let multipart = """
    From: "Jane Doe" <Jane@Acme.example>
    To: support@consulting.example
    Subject: =?UTF-8?Q?Re:_Rechnung_f=C3=BCr_November?=
    Date: Mon, 30 Nov 2026 08:15:00 +0100
    Message-ID: <abc123@acme.example>
    MIME-Version: 1.0
    Content-Type: multipart/alternative; boundary="b1"

    --b1
    Content-Type: text/plain; charset=utf-8
    Content-Transfer-Encoding: quoted-printable

    Die Summe auf der Rechnung stimmt nicht.
    K=C3=B6nnen Sie das pr=C3=BCfen?

    On Fri, 27 Nov 2026, Maria wrote:
    > Here is your invoice.
    > Regards, Maria
    --b1
    Content-Type: text/html; charset=utf-8

    <p>Die Summe auf der Rechnung stimmt nicht.</p>
    --b1--

    """

  func testAnEmailOpensATicketOnceFromItsSender() throws {
    try write("mail/invoice.eml", multipart)
    assertRun(
      try crm("ticket", "open", "--eml", "mail/invoice.eml", "--priority", "high", env: monday), status: 0,
      stdout: "20261130-0715-rechnung-fur-november-k3x9\n", stderr: "")
    XCTAssertEqual(
      try read("tickets/20261130-0715-rechnung-fur-november-k3x9.md"),
      """
      ---
      id: 20261130-0715-rechnung-fur-november-k3x9
      title: Rechnung für November
      contact: jane-doe
      company: acme-corp
      status: open
      priority: high
      channel: email
      opened_at: 2026-11-30T08:15:00+01:00
      message_id: abc123@acme.example
      created: 2026-11-30T10:00:00Z
      updated: 2026-11-30T10:00:00Z
      history:
        - status: open
          at: 2026-11-30T08:15:00+01:00
      ---
      Die Summe auf der Rechnung stimmt nicht.
      Können Sie das prüfen?

      """)
    // The same message again opens nothing.
    assertRun(
      try crm("ticket", "open", "--eml", "mail/invoice.eml", env: monday), status: 1,
      stderr: "crm: message <abc123@acme.example> is already ticket 20261130-0715-rechnung-fur-november-k3x9\n"
        + "hint: see 'crm ticket show 20261130-0715-rechnung-fur-november-k3x9'\n")
    // From stdin too; an unknown sender is refused unless --create-contact.
    let stranger = "From: Bob <bob@globex.example>\nSubject: Help\nMessage-ID: <b1@globex.example>\n\nIt broke.\n"
    assertRun(
      try crm("ticket", "open", "--eml", "-", env: monday, stdin: stranger), status: 66,
      stderr: "crm: no contact has the address 'bob@globex.example'\n"
        + "hint: pass --create-contact to add one, or give the address to a contact with 'crm contact edit WHO --email bob@globex.example'\n")
    XCTAssertFalse(exists("contacts/bob.md"))
    assertRun(try crm("ticket", "open", "--eml", "-", "--create-contact", env: monday, stdin: stranger), status: 0, stdout: "20261130-1000-help-k3x9\n")
    XCTAssertTrue(try read("contacts/bob.md").contains("\nemails: [bob@globex.example]\n"))
    XCTAssertEqual(try git("show", "--name-only", "--format="), "contacts/bob.md\ntickets/20261130-1000-help-k3x9.md\n")
    XCTAssertTrue(try read("tickets/20261130-1000-help-k3x9.md").contains("\nopened_at: 2026-11-30T10:00:00Z\n"), "no Date: opened now")
  }

  func testAnEmailTicketRefusesWhatTheEmailBrings() throws {
    try write("mail/invoice.eml", multipart)
    assertRun(
      try crm("ticket", "open", "Title", "--eml", "mail/invoice.eml"), status: 64,
      stderr: "crm: an email brings its own title, contact, description and time\nhint: drop TITLE, --contact, -m and --at\n")
    assertRun(try crm("ticket", "open", "--eml", "mail/invoice.eml", "--contact", "jane-doe"), status: 64)
    assertRun(try crm("ticket", "open", "--eml", "mail/none.eml"), status: 66)
    try write("mail/junk.eml", "hello\n")
    assertRun(try crm("ticket", "open", "--eml", "mail/junk.eml"), status: 64, stderr: "crm: not an email message: no From, To or Message-ID header\n")
    try write("mail/nobody.eml", "To: support@consulting.example\nSubject: Hi\n\nText\n")
    assertRun(try crm("ticket", "open", "--eml", "mail/nobody.eml"), status: 64, stderr: "crm: the email has no From address: crm cannot tell who asked\n")
    // A failure after the sender is known adds no contact for them.
    let stranger = "From: New Person <newp@newco.example>\nSubject: Help\nMessage-ID: <n1@newco.example>\n\nHi\n"
    assertRun(try crm("ticket", "open", "--eml", "-", "--create-contact", "--company", "nobody", stdin: stranger), status: 66)
    assertRun(
      try crm("ticket", "open", "--eml", "-", "--create-contact", "--set", "status=closed", stdin: stranger), status: 64,
      stderr: "crm: --set cannot set 'status' on a new ticket: opening it sets that\n"
        + "hint: give the time it came in with --at; move it with 'crm ticket pending|resolve|close' after\n")
    XCTAssertFalse(exists("contacts/new-person.md"))
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("tickets").path).filter { $0.hasSuffix(".md") }, [])
    // Your own email opens no ticket from you.
    try write(".crm/config.yaml", "my_emails: [maria@consulting.example]\n")
    assertRun(
      try crm("ticket", "open", "--eml", "-", "--create-contact", stdin: "From: maria@consulting.example\nSubject: Note\n\nx\n"), status: 64,
      stderr: "crm: the email is from you ('maria@consulting.example' is in my_emails): a ticket starts with a customer's email\n"
        + "hint: open it by hand: crm ticket open TITLE --contact WHO\n")
    // A tab or an encoded line break in the subject is a space; an empty Message-ID names no message.
    let odd = "From: jane@acme.example\nSubject: =?UTF-8?Q?Login=09fails=0Aagain?=\nMessage-ID: <>\n\nx\n"
    assertRun(try crm("ticket", "open", "--eml", "-", stdin: odd), status: 0, stdout: "20261122-1430-login-fails-again-k3x9\n")
    assertRun(try crm("ticket", "open", "--eml", "-", stdin: odd), status: 0, stdout: "20261122-1430-login-fails-again-k3x9-2\n")
    XCTAssertFalse(try read("tickets/20261122-1430-login-fails-again-k3x9.md").contains("message_id"))
    // A reply or a move is never written before what it follows.
    assertRun(
      try crm("ticket", "reply", "20261122-1430-login-fails-again-k3x9", "-m", "Hi", "--at", "2026-11-01T00:00:00Z"), status: 64,
      stderr: "crm: --at 2026-11-01T00:00:00Z is before the ticket was opened (2026-11-22T14:30:00Z)\n"
        + "hint: a reply comes after the question; give a later time\n")
    XCTAssertEqual(FileManager.default.subpaths(atPath: root.appendingPathComponent("activities").path)?.filter { $0.hasSuffix(".md") }, [])
  }

  // MARK: - report tickets

  func testReportTickets() throws {
    // Two high tickets answered in 1h and 5h (one breach): A resolved after 6.5 counted
    // hours (a pending day and the hour it sat resolved before a reopen do not count), B
    // after 24; one normal ticket still open; ratings 5 and 2.
    let at = ["CRM_NOW": "2026-12-04T12:00:00Z"]
    try crm("ticket", "open", "A", "--priority", "high", "--at", "2026-11-30T09:00:00Z", env: at)
    try crm("ticket", "reply", "A", "-m", "On it", "--at", "2026-11-30T10:00:00Z", env: at)
    try crm("ticket", "pending", "A", "--at", "2026-11-30T12:00:00Z", env: at)
    try crm("ticket", "reopen", "A", "--at", "2026-12-01T12:00:00Z", env: at)
    try crm("ticket", "resolve", "A", "--at", "2026-12-01T15:00:00Z", env: at)
    try crm("ticket", "reopen", "A", "--at", "2026-12-01T16:00:00Z", env: at)
    try crm("ticket", "resolve", "A", "--at", "2026-12-01T16:30:00Z", env: at)
    try crm("ticket", "close", "A", "--satisfaction", "5", "--at", "2026-12-02T09:00:00Z", env: at)
    try crm("ticket", "open", "B", "--priority", "high", "--at", "2026-11-30T09:00:00Z", env: at)
    try crm("ticket", "reply", "B", "-m", "Sorry", "--at", "2026-11-30T14:00:00Z", env: at)
    try crm("ticket", "close", "B", "--force", "--satisfaction", "2", "--at", "2026-12-03T09:00:00Z", env: at)
    try crm("ticket", "open", "C", "--at", "2026-12-03T09:00:00Z", env: at)
    assertRun(
      try crm("report", "tickets", "--by", "priority", "--format", "tsv", env: at), status: 0,
      stdout: """
        high\t2\t2\t0\t3\t15.3\t50\t50\t50\t3.5\t50
        normal\t1\t0\t1\t\t\t0\t\t\t\t

        """)
    let csv = try crm("report", "tickets", "--format", "csv", env: at).stdout
    XCTAssertTrue(
      csv.hasPrefix(
        "group,opened,resolved,backlog,median_first_response_hours,median_resolution_hours,first_response_within_sla,"
          + "resolution_within_sla,reopen_rate,csat,csat_positive\r\nall,3,2,1,"), csv)
    // Since Wednesday: C opened (its day to answer is over, so that clock is decided, and
    // missed) and B resolved.
    assertRun(try crm("report", "tickets", "--since", "2026-12-02", "--format", "tsv", env: at), status: 0, stdout: "all\t1\t1\t1\t\t\t0\t\t\t\t\n")
    // --until a date counts that whole day.
    let monday = try crm("report", "tickets", "--since", "2026-11-30", "--until", "2026-11-30", "--format", "csv", env: at).stdout
    XCTAssertTrue(monday.hasSuffix("\r\nall,2,0,0,3,15.3,50,50,50,3.5,50\r\n"), monday)
    assertRun(
      try crm("report", "tickets", "--by", "mood"), status: 64,
      stderr: "crm: --by must be priority, owner, channel or company, not 'mood'\nhint: see 'crm report tickets --help'\n"
        + "usage: crm report tickets [<options>] [<filter> ...]\n")
  }

  // MARK: - The customer on one screen

  func testContactShowIsTheWholeCustomer() throws {
    try write("contacts/jane-doe.md", try read("contacts/jane-doe.md").replacingOccurrences(
      of: "company: acme-corp\n", with: "company: acme-corp\npreferences: {contact_by: email, language: de}\n"))
    try crm("deal", "add", "Website", "--contact", "jane-doe", "--value", "12500", "--stage", "won", env: ["CRM_NOW": "2026-06-01T10:00:00Z"])
    try crm("deal", "add", "Support", "--contact", "jane-doe", "--value", "3000", "--currency", "USD", "--stage", "won")
    try crm("deal", "add", "Hosting", "--contact", "jane-doe", "--value", "900", "--stage", "won")
    try crm("deal", "add", "Redesign", "--contact", "jane-doe", "--value", "20000", "--close", "2026-12-31")
    try crm("deal", "add", "Lost one", "--contact", "jane-doe", "--stage", "lost")
    for day in 1...6 { try crm("log", "call", "jane-doe", "-m", "Call \(day)", "--at", "2026-11-0\(day)T10:00:00Z") }
    try crm("task", "add", "Send the quote", "--contact", "jane-doe", "--due", "2026-11-25")
    try crm("task", "add", "Old task", "--contact", "jane-doe")
    try crm("task", "done", "Old task")
    try crm("ticket", "open", "Login fails", "--contact", "jane-doe", "--priority", "urgent", "--at", "2026-11-22T13:00:00Z")
    try crm("ticket", "open", "Earlier problem", "--contact", "jane-doe", "--at", "2026-10-01T09:00:00Z")
    try crm("ticket", "resolve", "Earlier problem")
    let card = try crm("contact", "show", "jane-doe")
    assertRun(card, status: 0, stderr: "")
    XCTAssertTrue(card.stdout.hasPrefix("Jane Doe  (contact jane-doe)\n  preferences     contact_by=email language=de\n"), card.stdout)
    XCTAssertTrue(
      card.stdout.hasSuffix(
        """
        Open tickets (1, 1 past)
          20261122-1300-login-fails-k3x9  Login fails  open  urgent  response 30m over, resolution 2h 30m left

        Purchases (3 won, lifetime 13,400.00 EUR + 3,000.00 USD)
          2026-11-22  hosting  Hosting  900.00 EUR
          2026-11-22  support  Support  3,000.00 USD
          2026-06-01  website  Website  12,500.00 EUR

        Open deals (1)
          redesign  Redesign  lead  20,000.00 EUR  closes 2026-12-31

        Activities (last 5 of 6)
          2026-11-06T10:00:00Z  call  Call 6
          2026-11-05T10:00:00Z  call  Call 5
          2026-11-04T10:00:00Z  call  Call 4
          2026-11-03T10:00:00Z  call  Call 3
          2026-11-02T10:00:00Z  call  Call 2

        Open tasks (1)
          2026-11-25  send-the-quote  Send the quote

        Deals (1)
          lost-one  Lost one  lost

        Tasks (1)
          old-task  Old task  done

        """), card.stdout)
    // The same story as nested objects.
    let json = try crm("contact", "show", "jane-doe", "--format", "json")
    let whole = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    XCTAssertEqual((whole["preferences"] as? [String: Any])?["language"] as? String, "de")
    let object = try XCTUnwrap(whole["customer"] as? [String: Any])
    XCTAssertEqual((object["open_tickets"] as? [[String: Any]])?.map { $0["id"] as? String }, ["20261122-1300-login-fails-k3x9"])
    XCTAssertEqual((object["open_tickets"] as? [[String: Any]])?.first?["sla"] as? String, "breached")
    XCTAssertEqual(object["past_tickets"] as? Int, 1)
    XCTAssertEqual((object["purchases"] as? [[String: Any]])?.map { $0["id"] as? String }, ["hosting", "support", "website"])
    XCTAssertEqual(
      (object["lifetime_value"] as? [[String: Any]])?.map { "\($0["currency"] ?? "") \($0["amount"] ?? "")" }, ["EUR 13400", "USD 3000"])
    XCTAssertEqual((object["open_deals"] as? [[String: Any]])?.map { $0["id"] as? String }, ["redesign"])
    XCTAssertEqual((object["recent_activities"] as? [[String: Any]])?.count, 5)
    XCTAssertEqual((object["open_tasks"] as? [[String: Any]])?.map { $0["id"] as? String }, ["send-the-quote"])
    // A ticket's card lists the customer's other tickets.
    let ticket = try crm("ticket", "show", "20261122-1300-login-fails-k3x9").stdout
    XCTAssertTrue(ticket.hasSuffix("\nTickets (1)\n  20261001-0900-earlier-problem-k3x9  Earlier problem  resolved\n"), ticket)
    // A company's card tells the same story of everything that names it.
    let company = try crm("company", "show", "acme").stdout
    XCTAssertTrue(company.contains("\nContacts (1)\n  jane-doe  Jane Doe  jane@acme.example\n"), company)
  }
}
