import XCTest

@testable import CRMKit

/// How a customer's email becomes a ticket, and how tickets line up.
final class TicketIntakeTests: XCTestCase {
  func testAReplysQuotedMessageIsLeftOut() {
    XCTAssertEqual(
      TicketIntake.withoutQuotedMessage("It still fails.\n\nOn Fri, 27 Nov 2026, Maria wrote:\n> Try again\n> M.\n\n"), "It still fails.\n")
    XCTAssertEqual(
      TicketIntake.withoutQuotedMessage("Hi\r\n\r\n-----Original Message-----\r\nFrom: Maria\r\nTry again\r\n"), "Hi\n",
      "an Outlook reply: everything from the original on")
    let inline = "> Did you restart it?\nYes, twice.\n> And?\nSame error.\n"
    XCTAssertEqual(TicketIntake.withoutQuotedMessage(inline), inline, "answers between the quotes are what the customer wrote")
  }

  func testTheSubjectLosesItsReplyPrefixes() {
    XCTAssertEqual(TicketIntake.withoutReplyPrefixes("Re: Fwd: AW: Login fails"), "Login fails")
    XCTAssertEqual(TicketIntake.withoutReplyPrefixes("Ticket: Login fails"), "Ticket: Login fails")
  }

  func testAMessageGivesTheSenderTitleTimeAndID() throws {
    let message = try MailMessage.parse(
      Array("From: Jane <JANE@acme.example>\nSubject: Re:\nDate: Mon, 30 Nov 2026 08:15:00 +0100\nMessage-ID: <a@b>\n\nHelp\n".utf8))
    let intake = try TicketIntake(message)
    XCTAssertEqual(intake.sender.email, "jane@acme.example")
    XCTAssertEqual(intake.title, "(no subject)")
    XCTAssertEqual(intake.description, "Help\n")
    XCTAssertEqual(intake.openedAt?.description, "2026-11-30T08:15:00+01:00")
    XCTAssertEqual(intake.messageID, "a@b")
    let index = RecordIndex([record(.ticket, "t1", "title: X\nmessage_id: a@b\n")])
    XCTAssertEqual(TicketIntake.ticket(openedFrom: "a@b", in: index)?.id, "t1")
    XCTAssertNil(TicketIntake.ticket(openedFrom: nil, in: index))
  }

  func testUnfinishedTicketsComeFirstByWhenTheyAreDue() {
    let tickets = [
      record(.ticket, "a", "title: A\nstatus: closed\n"),
      record(.ticket, "b", "title: B\npriority: low\n"),
      record(.ticket, "c", "title: C\npriority: urgent\n"),
    ].map { $0 }
    let due = record(.ticket, "d", "title: D\n").with(derived: [Field("sla_due", .timestamp(Timestamp("2026-11-30T10:00:00Z")!))])
    XCTAssertEqual((tickets + [due]).sorted(by: TicketLifecycle.dueFirst).map(\.id), ["d", "c", "b", "a"])
  }

  func testAnEditsStatusBecomesAMove() throws {
    let (rest, target) = try TicketLifecycle.statusEdit([.set("status", .string("closed")), .set("priority", .string("high"))], status: "pending")
    XCTAssertEqual(rest, [.set("priority", .string("high"))])
    XCTAssertEqual(target, "closed", "--set status=… comes after --status and wins")
    XCTAssertThrowsError(try TicketLifecycle.statusEdit([], status: "waiting")) { error in
      XCTAssertEqual((error as? CRMError)?.message, "'waiting' is not a ticket status")
    }
  }

  func testACustomersStoryIsSortedForTheCall() {
    let pipeline = Pipeline(Config())
    let linked = [
      record(.deal, "won-old", "title: W1\nstage: won\nvalue: 100\nclosed_at: 2026-01-01T00:00:00Z\n"),
      record(.deal, "won-new", "title: W2\nstage: won\nvalue: 50\ncurrency: USD\nclosed_at: 2026-06-01T00:00:00Z\n"),
      record(.deal, "won-eur", "title: W3\nstage: won\nvalue: 20.5\nclosed_at: 2026-03-01T00:00:00Z\n"),
      record(.deal, "open", "title: O\nstage: proposal\n"), record(.deal, "lost", "title: L\nstage: lost\n"),
      record(.ticket, "t-open", "title: T\nstatus: pending\n"), record(.ticket, "t-done", "title: T2\nstatus: closed\n"),
      record(.task, "todo", "title: Do\nstatus: open\n"), record(.task, "done", "title: Did\nstatus: done\n"),
    ]
    let view = CustomerView(linked: linked, pipeline: pipeline)
    XCTAssertEqual(view.purchases.map(\.id), ["won-new", "won-eur", "won-old"])
    XCTAssertEqual(view.lifetimeValue.map(\.currency), ["EUR", "USD"])
    XCTAssertEqual(view.lifetimeValue.map(\.amount), [Decimal(string: "120.5"), 50])
    XCTAssertEqual(view.openDeals.map(\.id), ["open"])
    XCTAssertEqual(view.openTickets.map(\.id), ["t-open"])
    XCTAssertEqual(view.pastTickets, 1)
    XCTAssertEqual(view.openTasks.map(\.id), ["todo"])
    XCTAssertEqual(view.others.map(\.id), ["lost", "done"])
  }
}
