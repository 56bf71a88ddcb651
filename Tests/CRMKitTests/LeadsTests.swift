import XCTest

@testable import CRMKit

/// Leads: reading form submissions, mapping them to contacts, scoring and assignment.
final class LeadsTests: XCTestCase {
  let clock = CRMClock(now: Timestamp("2026-11-22T14:30:00Z")!)

  func submission(_ text: String) throws -> FormSubmission { try FormSubmission(bytes: Array(text.utf8)) }

  func refusal(_ text: String) -> String {
    do {
      _ = try CapturedLead(submission(text), form: nil, config: FormConfig(), leads: LeadsConfig(), map: [:])
      return "accepted"
    } catch {
      return (error as? CRMError)?.message ?? "\(error)"
    }
  }

  func testJSONAndFormDataReadTheSame() throws {
    let json = try submission(#"{"name": "Jane Doe", "email": "jane@acme.example", "seats": 20, "newsletter": true, "topics": ["a", "b"], "fax": null}"#)
    XCTAssertEqual(json.pairs.map { "\($0.key)=\($0.value)" }, ["email=jane@acme.example", "name=Jane Doe", "newsletter=true", "seats=20", "topics=a, b"])
    let form = try submission("name=Jane+Doe&email=jane%40acme.example&topics=a&topics=b&fax=&&\n")
    XCTAssertEqual(form.pairs.map { "\($0.key)=\($0.value)" }, ["name=Jane Doe", "email=jane@acme.example", "topics=a, b"])
    // The digest is the keys and values, whatever their order.
    XCTAssertEqual(try submission("b=2&a=1").digest, try submission(#"{"a": "1", "b": "2"}"#).digest)
    XCTAssertNotEqual(try submission("a=1&b=2").digest, try submission("a=1&b=3").digest)
    // A percent sign that starts no escape is kept, as browsers do.
    XCTAssertEqual(try submission("note=100%25+sure%zz").pairs.first?.value, "100% sure%zz")
  }

  func testMappingUsualKeysCustomKeysAndManagedOnes() throws {
    let lead = try CapturedLead(
      submission("First-Name=Jürgen&Last_Name=Müller&E-Mail=j%40m.example&Job+Title=CTO&Owner=me&Score=100&Lieblingsfarbe=Grün&9lives=yes"),
      form: "website", config: FormConfig(map: ["company": "firma"]), leads: LeadsConfig(), map: [:])
    XCTAssertEqual(lead["name"], .string("Jürgen Müller"))
    XCTAssertEqual(lead["emails"], .list([.string("j@m.example")]))
    XCTAssertEqual(lead["title"], .string("CTO"))
    XCTAssertEqual(lead.fields.map(\.key), ["name", "emails", "title", "form_owner", "form_score", "lieblingsfarbe", "form_9lives"])
    XCTAssertEqual(lead.defaultSource, "website")
    // --map wins over the form's map; a name falls back to the address.
    let mapped = try CapturedLead(
      submission("who=a%40b.example&firma=Acme&org=Other"), form: nil, config: FormConfig(map: ["company": "firma"]), leads: LeadsConfig(),
      map: ["company": "org", "email": "who"])
    XCTAssertEqual(mapped["company"], .string("Other"))
    XCTAssertEqual(mapped["name"], .string("a"))
    XCTAssertEqual(mapped.fields.map(\.key), ["name", "emails", "company", "firma"])
    XCTAssertThrowsError(try CapturedLead.checkMapTarget("status"))
    XCTAssertNoThrow(try CapturedLead.checkMapTarget("linkedin_url"))
  }

  func testRefusals() {
    XCTAssertEqual(refusal("name=Nobody"), "the submission has no email and no phone: crm cannot tell who sent it")
    XCTAssertEqual(refusal("email=x"), "the submission's email is not an address: 'x'")
    XCTAssertEqual(refusal("phone=12"), "the submission's phone is not a phone number: '12', and it has no email: crm cannot tell who sent it")
    // With an email to know the person by, a phone crm cannot read is kept as written.
    XCTAssertEqual(refusal("email=a%40b.example&phone=n%2Fa"), "accepted")
    XCTAssertEqual(refusal("email=a%40b.example&company=A%09B"), "the submission's 'company' must be one line, not 'A\\x09B'")
    XCTAssertEqual(refusal("=v&email=a%40b.example"), "the submission has a value with no key: 'v'")
    XCTAssertEqual(refusal(#"{"email": ["a@b.example", {"x": 1}]}"#), "the submission's 'email' is an object: crm takes a flat form, one value per key")
    XCTAssertEqual(refusal(#"{"email": "a@b.example", "x": "\u0085"}"#), "the submission's 'x' has control characters: '\\x85'")
    // A message may have line breaks and tabs.
    XCTAssertEqual(refusal("email=a%40b.example&message=Hi%0A%09there"), "accepted")
  }

  func testPhonesCompareByTheirDigits() {
    XCTAssertEqual(CapturedLead.normalisedPhone("+49 (30) 1234-5"), "493012345")
    XCTAssertEqual(CapturedLead.normalisedPhone("0049 30 12345"), "493012345")
    XCTAssertEqual(CapturedLead.normalisedPhone("030 12345"), "03012345")
    XCTAssertNil(CapturedLead.normalisedPhone("call me"))
    XCTAssertNil(CapturedLead.normalisedPhone("+1"))
  }

  func testScoringAddsRulesAndDecay() throws {
    let config = try Config(
      bytes: Array(
        """
        scoring:
          rules:
            - {if: "title~director", points: 15}
            - {if: "activities>=2", points: 10}
          decay: {after: 30d, per: 2w, points: -5}

        """.utf8))
    let scoring = try XCTUnwrap(try LeadScoring(config.scoring, clock: clock))
    let fresh = record(.contact, "a", "name: A\ntitle: Sales Director\ncreated: 2026-11-20T00:00:00Z\n")
    XCTAssertEqual(scoring.score(fresh), LeadScoring.Score(total: 15, reasons: [.init(rule: "title~director", points: 15)]))
    // Idle 50 days: once at 30, again at 44.
    let idle = record(.contact, "b", "name: B\ncreated: 2026-10-03T12:00:00Z\n")
    XCTAssertEqual(scoring.score(idle).total, -10)
    XCTAssertNil(try LeadScoring(ScoringConfig(), clock: clock))
  }

  func testRoundRobinGoesToTheOwnerWithFewestLeads() throws {
    var leads = LeadsConfig()
    leads.assign = .roundRobin
    leads.owners = ["maria", "tom", "maria"]
    let assignment = try LeadAssignment(leads, clock: clock)
    let contacts = [
      record(.contact, "a", "name: A\nstatus: lead\nowner: maria\n"), record(.contact, "b", "name: B\nstatus: customer\nowner: tom\n"),
      record(.contact, "c", "name: C\nstatus: lead\nowner: tom\n"), record(.contact, "d", "name: D\nstatus: lead\nowner: someone\n"),
    ]
    let new = record(.contact, "n", "name: N\nstatus: lead\n")
    XCTAssertEqual(assignment.owner(for: new, among: contacts), "maria")  // a tie: the first listed
    XCTAssertEqual(assignment.owner(for: new, among: Array(contacts.dropFirst())), "maria")
    XCTAssertEqual(assignment.owner(for: new, among: [contacts[0]]), "tom")
    // Re-assigning a lead does not count it against its own owner.
    XCTAssertEqual(assignment.owner(for: contacts[0], among: contacts), "maria")
    XCTAssertNil(try LeadAssignment(LeadsConfig(), clock: clock).owner(for: new, among: contacts))
  }

  func testLeadsReportCountsConversionsPerSourceAndMonth() {
    var all = [
      record(.contact, "a", "name: A\nstatus: prospect\nsource: ads\ncreated: 2026-10-01T00:00:00Z\nconverted_at: 2026-10-04T00:00:00Z\n"),
      record(.contact, "b", "name: B\nstatus: lead\nsource: ads\ncreated: 2026-10-20T00:00:00Z\n"),
      record(.contact, "c", "name: C\nstatus: customer\nsource: ads\ncreated: 2026-10-20T00:00:00Z\n"),
      record(.contact, "d", "name: D\nstatus: customer\ncreated: 2026-11-02T00:00:00Z\nconverted_at: 2026-11-12T00:00:00Z\nowner: tom\n"),
    ]
    Derived.fill(&all, pipeline: Pipeline(Config()), activitiesLoaded: false, sla: nil)
    let index = RecordIndex(all)
    let bySource = LeadReports.leads(index, ReportOptions(), by: .source)
    XCTAssertEqual(bySource.columns, ["source", "month", "leads", "converted", "conversion_rate", "median_days_to_convert"])
    XCTAssertEqual(bySource.rows.map { $0.map { $0.text() }.joined(separator: "|") }, ["(none)|2026-11|1|1|100|10", "ads|2026-10|2|1|50|3"])
    let byOwner = LeadReports.leads(index, ReportOptions(), by: .owner)
    XCTAssertEqual(byOwner.rows.map { $0.map { $0.text() }.joined(separator: "|") }, ["(none)|2|1|50|3", "tom|1|1|100|10"])
  }
}
