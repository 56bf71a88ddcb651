import XCTest

@testable import CRMKit

final class MailTests: XCTestCase {
  func message(_ lines: [String]) throws -> MailMessage {
    try MailMessage.parse(Array(lines.joined(separator: "\r\n").utf8))
  }

  func testEncodedHeadersAndAddresses() throws {
    let m = try message([
      "From: =?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?= <Juergen@Example.DE>",
      "To: \"Doe, Jane\" <jane@acme.example>, bob@acme.example (Bob Roe), team: ann@x.example, li@y.example;",
      "Cc: =?ISO-8859-1?Q?Fran=E7ois?= <f@z.example>",
      "Subject: =?UTF-8?Q?Angebot_f=C3=BCr?= =?UTF-8?Q?_Sie?= and more",
      "Message-ID: <abc@host>",
      "Date: Fri, 20 Nov 2026 08:15:00 +0100",
      "", "Hi",
    ])
    XCTAssertEqual(m.from, [MailAddress(name: "Jürgen Müller", email: "juergen@example.de")])
    XCTAssertEqual(
      m.to,
      [
        MailAddress(name: "Doe, Jane", email: "jane@acme.example"), MailAddress(name: "Bob Roe", email: "bob@acme.example"),
        MailAddress(name: nil, email: "ann@x.example"), MailAddress(name: nil, email: "li@y.example"),
      ])
    XCTAssertEqual(m.cc, [MailAddress(name: "François", email: "f@z.example")])
    XCTAssertEqual(m.subject, "Angebot für Sie and more", "the space between two encoded words goes")
    XCTAssertEqual(m.messageID, "abc@host")
    XCTAssertEqual(m.date, Timestamp("2026-11-20T08:15:00+01:00"))
    XCTAssertEqual(m.text, "Hi")
  }

  func testFoldedHeadersAndDates() throws {
    let m = try message(["Subject: a long", "\tsubject", "From: a@b.example", "Date: 3 Jan 26 23:59 EST", "", ""])
    XCTAssertEqual(m.subject, "a long subject")
    XCTAssertEqual(m.date, Timestamp("2026-01-03T23:59:00-05:00"))
    XCTAssertNil(MailDate.parse("yesterday"))
    XCTAssertEqual(MailDate.parse("Mon, 28 Dec 2026 10:00:05 GMT"), Timestamp("2026-12-28T10:00:05Z"))
  }

  func testMultipartPrefersPlainTextAndDecodesIt() throws {
    let m = try message([
      "From: a@b.example", "Content-Type: multipart/mixed; boundary=\"outer\"", "",
      "--outer", "Content-Type: multipart/alternative; boundary=inner", "",
      "--inner", "Content-Type: text/html; charset=utf-8", "", "<p>Hello &amp; bye</p>",
      "--inner", "Content-Type: text/plain; charset=\"iso-8859-1\"", "Content-Transfer-Encoding: quoted-printable", "",
      "Gr=FC=DFe, a long line that is =", "soft broken",
      "--inner--",
      "--outer", "Content-Type: application/pdf", "Content-Transfer-Encoding: base64", "", "JVBERi0=",
      "--outer--",
    ])
    XCTAssertEqual(m.text, "Grüße, a long line that is soft broken\n")
    let html = try message(["From: a@b.example", "Content-Type: text/html", "", "<p>Hello &amp; bye</p>"])
    XCTAssertEqual(html.text, "Hello & bye")
    let base64 = try message(["From: a@b.example", "Content-Transfer-Encoding: base64", "", "SMOpbGxv", "IHRoZXJl"])
    XCTAssertEqual(base64.text, "Héllo there")
  }

  func testNotAMessage() {
    XCTAssertThrowsError(try MailMessage.parse(Array("just some text\n\nmore\n".utf8))) { error in
      XCTAssertEqual((error as? CRMError)?.message, "not an email message: no From, To or Message-ID header")
    }
  }

  func testMboxSplitsAndUnquotesFromLines() {
    let mbox = "From a@b Sat Nov 21 10:00:00 2026\nFrom: a@b\n\nline\n>From the start\n>>From deeper\n\nFrom c@d Sat Nov 21 11:00:00 2026\nFrom: c@d\n\nsecond\n"
    let parts = Mbox.messages(Array(mbox.utf8)).map { String(decoding: $0.bytes ?? [], as: UTF8.self) }
    XCTAssertEqual(parts, ["From: a@b\n\nline\nFrom the start\n>From deeper\n\n", "From: c@d\n\nsecond\n\n"])
    // Fed a byte at a time, the messages are the same.
    var splitter = Mbox()
    let fed = Array(mbox.utf8).flatMap { splitter.feed([$0]) } + splitter.finish()
    XCTAssertEqual(fed, Mbox.messages(Array(mbox.utf8)))
  }

  func testAnMboxMessageOverTheLimitIsNotedNotCut() {
    let mbox = "From a\nFrom: a@b\n\nshort\n\nFrom b\nFrom: b@c\n\n" + String(repeating: "x", count: 50) + "\n\nFrom c\nFrom: c@d\n\nend\n"
    let messages = Mbox.messages(Array(mbox.utf8), limit: 40)
    XCTAssertEqual(messages.map(\.number), [1, 2, 3])
    XCTAssertEqual(messages.map(\.line), [1, 6, 11])
    XCTAssertEqual(messages.map { $0.bytes.map { String(decoding: $0, as: UTF8.self) } }, ["From: a@b\n\nshort\n\n", nil, "From: c@d\n\nend\n\n"])
  }
}
