import XCTest

@testable import CRMKit

final class ActivityLogTests: XCTestCase {
  let clock = CRMClock(now: Timestamp("2026-11-22T14:30:00Z")!)  // a Sunday
  let at = Timestamp("2026-11-20T15:00:00+01:00")!
  let index = RecordIndex([
    record(.contact, "jane-doe", "name: Jane Doe\nemails: [jane@acme.example]\n"),
    record(.contact, "bob-roe", "name: Bob Roe\nemails: [bob@acme.example]\n"),
    record(.company, "acme-corp", "name: Acme Corp\n"),
    record(.deal, "acme-site", "title: Acme site\n"),
  ])

  func log(_ kind: String = "call", contacts given: [Record] = [], _ set: (inout ActivityDetails) -> Void) throws(CRMError) -> ActivityLog {
    var details = ActivityDetails()
    set(&details)
    return try ActivityLog(kind: kind, at: at, details: details, contacts: given, clock: clock) { who, type throws(CRMError) in
      try index.resolve(who, as: type)
    }
  }

  /// The error making the log throws, or a failure when it makes one.
  func error(_ kind: String = "call", _ set: (inout ActivityDetails) -> Void) -> CRMError? {
    do {
      let made = try log(kind, set)
      XCTFail("expected an error, made \(made.fields)")
      return nil
    } catch {
      return error
    }
  }

  func testFieldsLinkTheResolvedRecordsInOrder() throws {
    let made = try log("meeting") {
      $0.contacts = ["jane", "bob@acme.example"]
      $0.company = "acme"
      $0.deal = "acme-site"
      $0.direction = "out"
      $0.duration = "1h30m"
      $0.outcome = "agreed on scope"
      $0.channel = "zoom"
    }
    XCTAssertEqual(
      made.fields,
      [
        Field("kind", .string("meeting")), Field("at", .timestamp(at)),
        Field("contacts", .list([.string("jane-doe"), .string("bob-roe")])), Field("company", .string("acme-corp")),
        Field("deal", .string("acme-site")), Field("duration", .string("1h30m")), Field("direction", .string("out")),
        Field("outcome", .string("agreed on scope")), Field("channel", .string("zoom")),
      ])
    XCTAssertEqual(made.about, "jane-doe")
    XCTAssertNil(made.followUp, "no --follow-up, no task")
    XCTAssertEqual(made.commitMessage(id: "x1"), "log meeting x1: Jane Doe, Bob Roe")
  }

  func testGivenContactsComeAfterTheTypedOnesEachOnce() throws {
    let jane = try index.resolve("jane-doe", as: .contact)
    let bob = try index.resolve("bob-roe", as: .contact)
    let made = try log("email", contacts: [jane, bob, jane]) { $0.contacts = ["bob"] }
    XCTAssertEqual(made.contacts.map(\.id), ["bob-roe", "jane-doe"])
    XCTAssertEqual(made.fields.first { $0.key == "contacts" }?.value, .list([.string("bob-roe"), .string("jane-doe")]))
  }

  func testWithoutContactsItIsNamedAfterTheCompanyOrDealAsTyped() throws {
    let company = try log("note") { $0.company = "acme" }
    XCTAssertEqual(company.about, "acme", "the words typed, not the id acme-corp")
    XCTAssertNil(company.fields.first { $0.key == "contacts" })
    XCTAssertEqual(company.commitMessage(id: "n1"), "log note n1")
    XCTAssertEqual(try log("note") { $0.deal = "acme-s" }.about, "acme-s")
  }

  func testSomeoneOrSomethingMustBeNamed() {
    XCTAssertEqual(
      error("sms") { $0.outcome = "sent" },
      CRMError(.usage, "say who the sms was with: one or more contacts, or --company or --deal"))
  }

  func testTheResolverErrorIsTheFirstTypedRecordsThatFails() {
    XCTAssertEqual(error { $0.contacts = ["nobody"]; $0.company = "nothing" }?.message, "no contact 'nobody'")
    XCTAssertEqual(error { $0.contacts = ["jane"]; $0.company = "nothing"; $0.deal = "none" }?.message, "no company 'nothing'")
    XCTAssertEqual(error { $0.deal = "none" }?.kind, .notFound)
  }

  func testDurations() {
    for good in ["30m", "1h", "1h30m", "90s", "1h2m3s", "2h15s", "45", "0"] {
      XCTAssertTrue(ActivityLog.isDuration(good), good)
    }
    for bad in ["", "soon", "30m1h", "1h1h", "h", "1h30", "-5", "1.5h", "1 h", "１h", "30M"] {
      XCTAssertFalse(ActivityLog.isDuration(bad), bad)
    }
    XCTAssertEqual(
      error { $0.contacts = ["jane"]; $0.duration = "soon" },
      CRMError(.usage, "--duration must look like 30m, 1h or 1h30m, not 'soon'"))
  }

  func testAChoiceFieldOutsideItsChoicesIsAUsageError() {
    XCTAssertEqual(
      error { $0.contacts = ["jane"]; $0.direction = "sideways" },
      CRMError(.usage, "'direction' must be one of in, out, not 'sideways'"))
  }

  func testAFollowUpIsAnOpenTaskForTheFirstContactAndTheDeal() throws {
    let made = try log {
      $0.contacts = ["jane", "bob"]
      $0.deal = "acme"
      $0.followUp = "friday"
    }
    let task = try XCTUnwrap(made.followUp)
    XCTAssertEqual(task, FollowUpTask(title: "Follow up with Jane Doe", due: CalendarDate("2026-11-27")!, contact: "jane-doe", deal: "acme-site"))
    XCTAssertEqual(
      task.fields,
      [
        Field("title", .string("Follow up with Jane Doe")), Field("due", .date(CalendarDate("2026-11-27")!)),
        Field("contact", .string("jane-doe")), Field("deal", .string("acme-site")), Field("status", .string("open")),
      ])
  }

  func testAFollowUpTitleAndItsDueDateAreTheOnesTyped() throws {
    let titled = try log {
      $0.contacts = ["bob"]
      $0.followUp = "+2d"
      $0.followUpTitle = "Send Bob the deck"
    }
    XCTAssertEqual(titled.followUp, FollowUpTask(title: "Send Bob the deck", due: CalendarDate("2026-11-24")!, contact: "bob-roe", deal: nil))
    // Without a contact the task is named after the company as typed, and links to no one.
    let company = try log("note") {
      $0.company = "acme"
      $0.followUp = "2026-12-01"
    }
    XCTAssertEqual(company.followUp, FollowUpTask(title: "Follow up with acme", due: CalendarDate("2026-12-01")!, contact: nil, deal: nil))
    XCTAssertEqual(company.followUp?.fields.map(\.key), ["title", "due", "status"])
  }

  func testAFollowUpThatIsNoDateIsAUsageErrorWithTheDateForms() {
    XCTAssertEqual(
      error { $0.contacts = ["jane"]; $0.followUp = "whenever" },
      CRMError(.usage, "--follow-up must be a date, not 'whenever'", hint: CRMClock.dateHint))
  }
}
