import XCTest

@testable import CRMKit

final class TicketLifecycleTests: XCTestCase {
  let at = Timestamp("2026-11-23T09:00:00Z") ?? Timestamp(seconds: 0)

  func ticket(_ fields: String) throws -> Record {
    try Record.parse(type: .ticket, path: "tickets/t.md", bytes: Array("---\ntitle: T\n\(fields)---\n".utf8))
  }

  func entry(_ status: String, from: String) -> Change {
    .add("history", .map([Field("status", .string(status)), Field("at", .timestamp(at)), Field("from", .string(from))]))
  }

  func message(_ body: () throws -> Void) -> String {
    do {
      try body()
      return "accepted"
    } catch {
      let e = error as? CRMError
      return (e?.description ?? "\(error)") + (e?.hint.map { " / hint: " + $0 } ?? "")
    }
  }

  func testANewTicketIsOpenSinceItsFirstEntry() {
    XCTAssertEqual(
      TicketLifecycle.opening(at: at),
      [
        Field("status", .string("open")), Field("opened_at", .timestamp(at)),
        Field("history", .list([.map([Field("status", .string("open")), Field("at", .timestamp(at))])])),
      ])
  }

  func testEachMoveIsTimestampedAndResolvingAndClosingStampTheirTimes() throws {
    XCTAssertEqual(
      try TicketLifecycle.move(try ticket("status: open\n"), to: "pending", at: at, force: false),
      [.set("status", .string("pending")), entry("pending", from: "open")])
    XCTAssertEqual(
      try TicketLifecycle.move(try ticket("status: pending\n"), to: "resolved", at: at, force: false),
      [.set("status", .string("resolved")), entry("resolved", from: "pending"), .set("resolved_at", .timestamp(at))])
    XCTAssertEqual(
      try TicketLifecycle.move(try ticket("status: resolved\nresolved_at: 2026-11-22T10:00:00Z\n"), to: "closed", at: at, force: false),
      [.set("status", .string("closed")), entry("closed", from: "resolved"), .set("closed_at", .timestamp(at))])
    XCTAssertEqual(
      try TicketLifecycle.move(try ticket("status: open\n"), to: "pending", at: at, note: "Asked for logs", force: false)[1],
      .add(
        "history",
        .map([Field("status", .string("pending")), Field("at", .timestamp(at)), Field("from", .string("open")), Field("note", .string("Asked for logs"))])))
    // A ticket with no status is open.
    XCTAssertEqual(
      try TicketLifecycle.move(try ticket(""), to: "pending", at: at, force: false),
      [.set("status", .string("pending")), entry("pending", from: "open")])
  }

  func testReopeningClearsTheTimesAndCountsTheReopen() throws {
    XCTAssertEqual(
      try TicketLifecycle.move(try ticket("status: resolved\nresolved_at: 2026-11-22T10:00:00Z\n"), to: "open", at: at, force: false),
      [.set("status", .string("open")), entry("open", from: "resolved"), .unset("resolved_at"), .set("reopened", .integer(1))])
    XCTAssertEqual(
      try TicketLifecycle.move(
        try ticket("status: closed\nresolved_at: 2026-11-22T10:00:00Z\nclosed_at: 2026-11-22T11:00:00Z\nreopened: 1\n"), to: "open", at: at,
        force: false),
      [.set("status", .string("open")), entry("open", from: "closed"), .unset("resolved_at"), .unset("closed_at"), .set("reopened", .integer(2))])
    // Back from pending is not a reopen.
    XCTAssertEqual(
      try TicketLifecycle.move(try ticket("status: pending\n"), to: "open", at: at, force: false),
      [.set("status", .string("open")), entry("open", from: "pending")])
  }

  func testMovesTheLifecycleDoesNotMakeNeedForce() throws {
    let open = try ticket("status: open\n")
    XCTAssertEqual(
      message { _ = try TicketLifecycle.move(open, to: "closed", at: self.at, force: false) },
      "ticket 't' is open: resolve it before closing it / hint: pass --force to close it anyway")
    XCTAssertEqual(
      try TicketLifecycle.move(open, to: "closed", at: at, force: true),
      [.set("status", .string("closed")), entry("closed", from: "open"), .set("resolved_at", .timestamp(at)), .set("closed_at", .timestamp(at))])
    XCTAssertEqual(
      message { _ = try TicketLifecycle.move(try self.ticket("status: closed\n"), to: "resolved", at: self.at, force: false) },
      "ticket 't' is closed: reopen it first / hint: pass --force to set it resolved anyway")
    XCTAssertEqual(
      message { _ = try TicketLifecycle.move(try self.ticket("status: resolved\n"), to: "pending", at: self.at, force: false) },
      "ticket 't' is resolved: reopen it first / hint: pass --force to set it pending anyway")
    XCTAssertEqual(
      message { _ = try TicketLifecycle.move(open, to: "open", at: self.at, force: true) }, "ticket 't' is already open")
    XCTAssertEqual(
      message { _ = try TicketLifecycle.move(open, to: "done", at: self.at, force: false) },
      "'done' is not a ticket status / hint: statuses: open, pending, resolved, closed")
  }

  func testOnlyTheFirstReplyTheCustomerSeesIsTheFirstResponse() throws {
    let fresh = try ticket("status: open\n")
    XCTAssertEqual(try TicketLifecycle.reply(to: fresh, at: at, internal: false), [.set("first_response_at", .timestamp(at))])
    XCTAssertEqual(try TicketLifecycle.reply(to: fresh, at: at, internal: true), [])
    XCTAssertEqual(try TicketLifecycle.reply(to: try ticket("first_response_at: 2026-11-22T10:00:00Z\n"), at: at, internal: false), [])
  }
}
