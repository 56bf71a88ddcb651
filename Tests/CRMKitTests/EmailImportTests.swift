import XCTest

@testable import CRMKit

final class EmailImportTests: XCTestCase {
  let jane = record(.contact, "jane-doe", "name: Jane Doe\nemails: [jane@acme.example]\n")
  let bob = record(.contact, "bob-roe", "name: Bob Roe\nemails: [Bob@Acme.example]\n")
  let logged = record(.activity, "20261120-0815-email-jane-doe-k3x9", "kind: email\nat: 2026-11-20T08:15:00Z\nmessage_id: old@acme\n")

  func mail(createsContacts: Bool = false) -> EmailImport {
    EmailImport(index: RecordIndex([jane, bob, logged]), myEmails: ["maria@me.example"], createsContacts: createsContacts)
  }

  func message(_ headers: String...) throws -> MailMessage {
    try MailMessage.parse(Array((headers.joined(separator: "\n") + "\n\nHello\n").utf8))
  }

  func testFromAContactIsIncomingWithTheKnownRecipients() throws {
    let decision = mail().decide(try message("From: Jane <JANE@acme.example>", "To: maria@me.example, x@nowhere.example", "Cc: bob@acme.example"))
    XCTAssertEqual(decision, .log(direction: "in", contacts: [jane, bob], newSender: nil))
  }

  func testFromMeIsOutgoingToTheKnownRecipients() throws {
    let decision = mail().decide(try message("From: Maria <maria@me.example>", "To: x@nowhere.example, bob@acme.example"))
    XCTAssertEqual(decision, .log(direction: "out", contacts: [bob], newSender: nil))
    XCTAssertEqual(mail().decide(try message("From: maria@me.example", "To: x@nowhere.example")), .unknownSender("x@nowhere.example"))
    XCTAssertEqual(mail().decide(try message("From: maria@me.example", "Subject: draft")), .unknownSender("(no To)"))
  }

  func testAnUnknownSenderIsRefusedUnlessTheImportCreatesContacts() throws {
    let stranger = try message("From: \"Zoe O'Connor\" <zoe@new.example>", "To: maria@me.example", "Cc: jane@acme.example")
    XCTAssertEqual(mail().decide(stranger), .unknownSender("zoe@new.example"))
    XCTAssertEqual(mail().decide(try message("To: jane@acme.example")), .unknownSender("(no From)"))
    let sender = EmailImport.NewContact(name: "Zoe O'Connor", email: "zoe@new.example")
    XCTAssertEqual(mail(createsContacts: true).decide(stranger), .log(direction: "in", contacts: [jane], newSender: sender))
    XCTAssertEqual(sender.fields, [Field("name", .string("Zoe O'Connor")), Field("emails", .list([.string("zoe@new.example")]))])
    // Without a display name the contact is named after the address.
    let bare = mail(createsContacts: true).decide(try message("From: zoe@new.example"))
    XCTAssertEqual(bare, .log(direction: "in", contacts: [], newSender: EmailImport.NewContact(name: "zoe", email: "zoe@new.example")))
  }

  func testAContactTheImportCreatedIsKnownToTheMessagesAfter() throws {
    var importer = mail(createsContacts: true)
    let zoe = record(.contact, "zoe", "name: Zoe\nemails: [zoe@new.example]\n")
    importer.remember(zoe)
    XCTAssertEqual(importer.decide(try message("From: Zoe <zoe@new.example>")), .log(direction: "in", contacts: [zoe], newSender: nil))
  }

  func testAMessageIDAlreadyLoggedIsADuplicate() throws {
    var importer = mail()
    XCTAssertEqual(
      importer.decide(try message("From: jane@acme.example", "Message-ID: <old@acme>")),
      .duplicate(messageID: "old@acme", existing: "20261120-0815-email-jane-doe-k3x9"))
    let new = try message("From: jane@acme.example", "Message-ID: <new@acme>")
    XCTAssertEqual(importer.decide(new), .log(direction: "in", contacts: [jane], newSender: nil))
    // Once this import logs it, a second copy in the same mailbox is a duplicate too.
    importer.remember(record(.activity, "20261121-0900-email-jane-doe-k3x9", "kind: email\nat: 2026-11-21T09:00:00Z\nmessage_id: new@acme\n"))
    XCTAssertEqual(importer.decide(new), .duplicate(messageID: "new@acme", existing: "20261121-0900-email-jane-doe-k3x9"))
  }

  func testTheSubjectAndMessageIDBecomeFields() throws {
    XCTAssertEqual(
      EmailImport.fields(of: try message("From: jane@acme.example", "Subject: Deck", "Message-ID: <deck@me>")),
      [Field("subject", .string("Deck")), Field("message_id", .string("deck@me"))])
    XCTAssertEqual(EmailImport.fields(of: try message("From: jane@acme.example", "Subject: ")), [], "an empty subject is left out")
  }
}
