import Foundation
import XCTest

/// `crm lead`: capturing web form submissions as leads, scoring, assigning, converting, and
/// the leads report.
final class LeadTests: CRMTestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initRepo(git: true)
  }

  /// Appends `text` to the config and commits it, as a user would.
  func configure(_ text: String) throws {
    let config = try read(".crm/config.yaml")
    try write(".crm/config.yaml", config + text)
    _ = try git("commit", "-qam", "config")
  }

  static let jane = #"{"name": "Jane Doe", "email": "Jane@Acme.example", "phone": "+49 30 1234", "company": "Acme", "message": "We need a quote\nfor 20 seats.", "utm_source": "google", "Budget (EUR)": "10k", "status": "customer", "submission_id": "sub-1"}"#

  func testCaptureMakesALeadWithItsCompanyAndAFormActivity() throws {
    assertRun(try crm("lead", "capture", "--form", "website", stdin: Self.jane), status: 0, stdout: "jane-doe\n", stderr: "")
    XCTAssertEqual(
      try read("contacts/jane-doe.md"),
      """
      ---
      id: jane-doe
      name: Jane Doe
      emails: [Jane@Acme.example]
      phones: [+49 30 1234]
      company: acme
      source: google
      status: lead
      created: 2026-11-22T14:30:00Z
      updated: 2026-11-22T14:30:00Z
      budget_eur: 10k
      form_status: customer
      ---

      """)
    XCTAssertEqual(try read("companies/acme.md"), "---\nid: acme\nname: Acme\ncreated: 2026-11-22T14:30:00Z\nupdated: 2026-11-22T14:30:00Z\n---\n")
    XCTAssertEqual(
      try read("activities/2026/11/20261122-1430-form-jane-doe-k3x9.md"),
      """
      ---
      id: 20261122-1430-form-jane-doe-k3x9
      kind: form
      at: 2026-11-22T14:30:00Z
      contacts: [jane-doe]
      company: acme
      direction: in
      form: website
      submission_id: sub-1
      submission_hash: \(try hash(of: "20261122-1430-form-jane-doe-k3x9"))
      created: 2026-11-22T14:30:00Z
      updated: 2026-11-22T14:30:00Z
      ---
      We need a quote
      for 20 seats.

      Submitted the website form:

      - Budget (EUR): 10k
      - company: Acme
      - email: Jane@Acme.example
      - message: (the text above)
      - name: Jane Doe
      - phone: +49 30 1234
      - status: customer
      - submission_id: sub-1
      - utm_source: google

      """)
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "lead capture jane-doe (website)\n")
    XCTAssertEqual(try git("status", "--porcelain"), "")
    // The timeline says what happened.
    let timeline = try crm("timeline", "jane-doe")
    XCTAssertTrue(timeline.stdout.contains("form in"), timeline.stdout)
  }

  /// Every record file in the repo.
  private func records() throws -> [String] {
    let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
    return files.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
  }

  private func hash(of activity: String) throws -> String {
    let text = try read("activities/2026/11/\(activity).md")
    let line = text.split(separator: "\n").first { $0.hasPrefix("submission_hash: ") } ?? ""
    XCTAssertEqual(line.count, "submission_hash: ".count + 16, text)
    return String(line.dropFirst("submission_hash: ".count))
  }

  func testTheSameSubmissionIsNotLoggedTwice() throws {
    try crm("lead", "capture", "--form", "website", stdin: Self.jane)
    // The same submission id: recognised, whatever else changed.
    assertRun(
      try crm("lead", "capture", "--form", "website", stdin: Self.jane.replacingOccurrences(of: "20 seats", with: "25 seats")), status: 0,
      stdout: "jane-doe\n", stderr: "note: this submission was captured already, as 20261122-1430-form-jane-doe-k3x9: not logged again\n")
    // No submission id: the same keys and values within a minute are a repeat…
    let plain = "name=Li+Wei&email=li%40wei.example&message=Hello"
    try crm("lead", "capture", stdin: plain)
    assertRun(
      try crm("lead", "capture", env: ["CRM_NOW": "2026-11-22T14:30:59Z"], stdin: plain), status: 0, stdout: "li-wei\n",
      stderr: "note: this submission was captured already, as 20261122-1430-form-li-wei-k3x9: not logged again\n")
    // …but not two minutes later: that is the person sending it again.
    assertRun(try crm("lead", "capture", env: ["CRM_NOW": "2026-11-22T14:32:30Z"], stdin: plain), status: 0, stdout: "li-wei\n", stderr: "")
    let activities = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("activities/2026/11").path).sorted()
    XCTAssertEqual(activities, ["20261122-1430-form-jane-doe-k3x9.md", "20261122-1430-form-li-wei-k3x9.md", "20261122-1432-form-li-wei-k3x9.md"])
  }

  func testAKnownContactIsFilledInNeverOverwritten() throws {
    try crm("contact", "add", "Jane Doe", "--email", "jane@acme.example", "--set", "status=customer", "--set", "title=CTO")
    // Matched by email in another case; a phone in another notation is the same phone.
    assertRun(
      try crm("lead", "capture", stdin: "name=J.+Doe&email=JANE%40acme.example&title=Head+of+IT&phone=0049+30+1234&city=Berlin"), status: 0,
      stdout: "jane-doe\n")
    let contact = try read("contacts/jane-doe.md")
    XCTAssertTrue(contact.contains("status: customer\n"), contact)
    XCTAssertTrue(contact.contains("title: CTO\n"), contact)
    XCTAssertTrue(contact.contains("phones: [0049 30 1234]\n"), contact)
    XCTAssertTrue(contact.contains("city: Berlin\n"), contact)
    XCTAssertFalse(contact.contains("source:"), contact)
    let activity = try read("activities/2026/11/20261122-1430-form-jane-doe-k3x9.md")
    XCTAssertTrue(
      activity.hasSuffix(
        """
        Kept on the contact, not the form's:

        - name 'J. Doe' (the contact has 'Jane Doe')
        - title 'Head of IT' (the contact has 'CTO')

        """), activity)
    // Then by phone alone, with the international prefix written another way.
    assertRun(try crm("lead", "capture", env: ["CRM_NOW": "2026-11-22T15:00:00Z"], stdin: #"{"phone": "+49 (30) 1234", "name": "Jane"}"#), status: 0, stdout: "jane-doe\n")
    XCTAssertFalse(exists("contacts/jane.md"))
  }

  func testHoneypotMapsAndCompanyFromDomain() throws {
    try configure(
      """
      leads:
        honeypot: website_url
        company_from_domain: true
        free_mail: [gmail.com]
      forms:
        contact-us:
          map: {name: full_name, message: enquiry_text}
          submission_id: entry

      """)
    assertRun(
      try crm("lead", "capture", stdin: #"{"email": "bot@spam.example", "website_url": "http://spam.example"}"#), status: 0, stdout: "",
      stderr: "note: the 'website_url' field is filled in, as only a bot does: the submission is dropped\n")
    XCTAssertEqual(try records(), [])
    assertRun(
      try crm("lead", "capture", "--form", "contact-us", "--map", "title=role_name", stdin: #"{"full_name": "Bob Roe", "email": "bob@roe.example", "role_name": "Buyer", "entry": "e-7", "enquiry_text": "Hi"}"#),
      status: 0, stdout: "bob-roe\n")
    let bob = try read("contacts/bob-roe.md")
    XCTAssertTrue(bob.contains("name: Bob Roe\nemails: [bob@roe.example]\ncompany: roe-example\ntitle: Buyer\nsource: contact-us\nstatus: lead\n"), bob)
    XCTAssertEqual(try read("companies/roe-example.md"), "---\nid: roe-example\nname: roe.example\ndomain: roe.example\ncreated: 2026-11-22T14:30:00Z\nupdated: 2026-11-22T14:30:00Z\n---\n")
    XCTAssertTrue(try read("activities/2026/11/20261122-1430-form-bob-roe-k3x9.md").contains("submission_id: e-7\n"))
    // A free-mail address makes no company; the next one at roe.example finds the first.
    try crm("lead", "capture", stdin: "email=cy%40gmail.com")
    XCTAssertFalse(try read("contacts/cy.md").contains("company:"))
    try crm("lead", "capture", stdin: "email=di%40ROE.example")
    XCTAssertTrue(try read("contacts/di.md").contains("company: roe-example\n"))
  }

  func testDryRunPrintsTheFilesAndWritesNothing() throws {
    let result = try crm("lead", "capture", "--dry-run", stdin: "name=Li+Wei&email=li%40wei.example")
    assertRun(
      result, status: 0,
      stdout: """
        would create contacts/li-wei.md:
        ---
        id: li-wei
        name: Li Wei
        emails: [li@wei.example]
        source: form
        status: lead
        created: 2026-11-22T14:30:00Z
        updated: 2026-11-22T14:30:00Z
        ---

        would create activities/2026/11/20261122-1430-form-li-wei-k3x9.md:
        ---
        id: 20261122-1430-form-li-wei-k3x9
        kind: form
        at: 2026-11-22T14:30:00Z
        contacts: [li-wei]
        direction: in
        submission_hash: \(try XCTUnwrap(result.stdout.split(separator: "\n").first { $0.hasPrefix("submission_hash:") }).dropFirst(17))
        created: 2026-11-22T14:30:00Z
        updated: 2026-11-22T14:30:00Z
        ---
        Submitted a form:

        - name: Li Wei
        - email: li@wei.example


        """, stderr: "")
    XCTAssertEqual(try records(), [])
  }

  func testBadSubmissionsAreRefusedAndNothingIsWritten() throws {
    let cases: [(String, String)] = [
      ("", "crm: the submission on stdin is empty\nhint: \(Self.shapeHint)\n"),
      ("not a form", "crm: the submission is neither JSON nor form data: 'not a form' is not key=value\nhint: \(Self.shapeHint)\n"),
      (#"{"email": "a@b.example", "name": "Bob"#, "crm: the submission is not valid JSON\nhint: \(Self.shapeHint)\n"),
      (#"{"email": "a@b.example", "address": {"city": "Berlin"}}"#, "crm: the submission's 'address' is an object: crm takes a flat form, one value per key\n"),
      (#"{"name": "Nobody"}"#, "crm: the submission has no email and no phone: crm cannot tell who sent it\nhint: say which of its keys holds them: --map email=KEY or --map phone=KEY\n"),
      ("email=not-an-address", "crm: the submission's email is not an address: 'not-an-address'\n"),
      ("phone=call+me", "crm: the submission's phone is not a phone number: 'call me', and it has no email: crm cannot tell who sent it\n"),
      ("email=a%40b.example&name=Bob%1B%5B2J", "crm: the submission's 'name' has control characters: 'Bob\\x1B[2J'\n"),
      ("email=a%40b.example&name=Bob%0AEve", "crm: the submission's 'name' must be one line, not 'Bob\\x0AEve'\n"),
      ("email=a%40b.example&name=%FF", "crm: the submission's form data is not UTF-8 text\n"),
      (String(repeating: "a", count: 70_000), "crm: the submission is over 64 KiB: a form sends fields, not files\n"),
    ]
    for (input, message) in cases {
      assertRun(try crm("lead", "capture", stdin: input), status: 65, stdout: "", stderr: message)
    }
    XCTAssertEqual(try records(), [])
    XCTAssertEqual(try git("log", "--format=%s"), "crm init\n")
  }

  static let shapeHint =
    #"send one JSON object like {"name": "Jane Doe", "email": "jane@example.com"}, or form data like name=Jane+Doe&email=jane%40example.com"#

  func testBadOptionsAreUsageErrors() throws {
    assertRun(
      try crm("lead", "capture", "--map", "name", stdin: "email=a%40b.example"), status: 64,
      stderr: "crm: --map needs FIELD=KEY, not 'name'\nhint: e.g. --map name=full_name\n")
    assertRun(
      try crm("lead", "capture", "--map", "status=stage", stdin: "email=a%40b.example"), status: 64,
      stderr: "crm: --map cannot fill 'status'\nhint: map to name, first_name, last_name, email, phone, company, title, message, source or a custom key\n")
    assertRun(
      try crm("lead", "capture", "--form", "Web Site", stdin: "email=a%40b.example"), status: 64,
      stderr: "crm: --form must be a name like website (lowercase letters, digits, dashes), not 'Web Site'\n")
    XCTAssertEqual(try records(), [])
  }

  func testRoundRobinAndRulesAssignNewLeads() throws {
    try configure(
      """
      leads:
        assign: rules
        owners: [maria, tom]
        rules:
          - {if: "source:partner", owner: pat}

      """)
    func capture(_ name: String, source: String = "web") throws -> String {
      let slug = name.lowercased()
      try crm("lead", "capture", stdin: "name=\(name)&email=\(slug)%40x.example&utm_source=\(source)")
      let text = try read("contacts/\(slug).md")
      return text.split(separator: "\n").first { $0.hasPrefix("owner: ") }.map { String($0.dropFirst(7)) } ?? ""
    }
    XCTAssertEqual(try capture("Ann"), "maria")
    XCTAssertEqual(try capture("Ben"), "tom")
    XCTAssertEqual(try capture("Cat", source: "partner"), "pat")
    XCTAssertEqual(try capture("Dan"), "maria")
    // A converted lead no longer counts: maria has one lead left, tom one; the tie goes to maria.
    try crm("lead", "convert", "ann")
    XCTAssertEqual(try capture("Eve"), "maria")
    // lead assign re-applies the rule, or gives the owner named.
    assertRun(try crm("lead", "assign", "cat", "ben", "--to", "sam"), status: 0, stdout: "cat: sam\nben: sam\n")
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "lead assign: cat: sam, ben: sam\n")
    assertRun(try crm("lead", "assign", "cat", "ben"), status: 0, stdout: "cat: pat\nben: tom\n")
    assertRun(try crm("lead", "assign", "ben"), status: 0, stdout: "ben: tom already\n")
    assertRun(try crm("lead", "assign", "nobody"), status: 66)
  }

  func testAssignWithoutSettingsOrOwner() throws {
    try crm("lead", "capture", stdin: "email=ann%40x.example")
    assertRun(
      try crm("lead", "assign", "ann"), status: 64,
      stderr: "crm: no owner to give: name one with --to, or set 'leads: assign:' in .crm/config.yaml\nhint: e.g. leads: {assign: round-robin, owners: [maria, tom]}\n")
    assertRun(try crm("lead", "assign", "ann", "--to", " "), status: 64, stderr: "crm: --to must name an owner, not ' '\n")
    XCTAssertFalse(try read("contacts/ann.md").contains("owner:"))
  }

  func testScoreRulesDecayExplainAndOnlyChangedLines() throws {
    try configure(
      """
      scoring:
        rules:
          - {if: "title~director or title~head", points: 15}
          - {if: "source:referral", points: 25}
          - {if: "activities>=2", points: 10}
        decay: {after: 30d, per: 30d, points: -5}

      """)
    // Captured leads get their score at once.
    try crm("lead", "capture", stdin: "name=Ann&email=ann%40x.example&title=Head+of+IT&utm_source=referral")
    XCTAssertTrue(try read("contacts/ann.md").contains("score: 40\n"))
    try crm("log", "call", "ann", "-m", "Intro")
    try crm("contact", "add", "Bob", "--set", "status=lead", "--set", "score=99")
    let before = try read("contacts/ann.md")
    assertRun(try crm("lead", "score"), status: 0, stdout: "ann: 40 -> 50\nbob: 99 -> 0\n", stderr: "scored 2 contacts, 2 changed\n")
    XCTAssertEqual(try read("contacts/ann.md"), before.replacingOccurrences(of: "score: 40\n", with: "score: 50\n"))
    XCTAssertEqual(try git("log", "-1", "--format=%B"), "lead score: 2 changed\n\nann: 40 -> 50\nbob: 99 -> 0\n\n")
    // Nothing changed: nothing written, no commit.
    assertRun(try crm("lead", "score"), status: 0, stdout: "", stderr: "scored 2 contacts, 0 changed\n")
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "lead score: 2 changed\n")
    // 75 days later: idle since the call, so two decays (at 30 days and at 60).
    assertRun(
      try crm("lead", "score", "--explain", "ann", env: ["CRM_NOW": "2027-02-05T14:30:00Z"]), status: 0,
      stdout: "ann: 40\n  +15  title~director or title~head\n  +25  source:referral\n  +10  activities>=2\n  -10  decay: 75 days without contact\n",
      stderr: "scored 1 contact, 1 changed\n")
    assertRun(try crm("contact", "list", "score>=40", "--sort", "-score", "--format", "ids"), status: 0, stdout: "ann\n")
  }

  func testRulesMayNameTheFormsOwnKeys() throws {
    try configure(
      """
      scoring:
        rules: [{if: "fleet_size>20", points: 30}]

      """)
    try crm("lead", "capture", stdin: #"{"email": "ann@x.example", "Fleet size": "40"}"#)
    let ann = try read("contacts/ann.md")
    XCTAssertTrue(ann.contains("status: lead\nscore: 30\n"), ann)
    XCTAssertTrue(ann.hasSuffix("fleet_size: \"40\"\n---\n"), ann)
    try crm("lead", "capture", stdin: #"{"email": "ben@x.example", "Fleet size": "5"}"#)
    XCTAssertTrue(try read("contacts/ben.md").contains("score: 0\n"))
  }

  func testAMalformedContactIsNamedAndTheLeadKept() throws {
    try write("contacts/ann.md", "---\nname: [Ann\n---\n")
    let result = try crm("lead", "capture", stdin: "email=ann%40x.example&name=Ann")
    assertRun(result, status: 0, stdout: "ann-2\n")
    XCTAssertTrue(result.stderr.hasPrefix("crm: warning: contacts/ann.md:"), result.stderr)
    XCTAssertTrue(result.stderr.hasSuffix(" (not checked for the same person)\n"), result.stderr)
    XCTAssertEqual(try read("contacts/ann.md"), "---\nname: [Ann\n---\n")
  }

  func testOddButValidSubmissionsAreKept() throws {
    try configure(
      """
      leads:
        honeypot: website_url
        assign: rules
        rules: [{if: "country:de", owner: hans}]
      forms:
        website: {map: {name: "Your Name"}, submission_id: entry_id}
      scoring:
        rules: [{if: "budget>=1000", points: 5}]

      """)
    // A rule may name a key no contact has yet; --map may fill a custom field.
    assertRun(
      try crm("lead", "capture", "--form", "website", "--map", "linkedin_url=li", stdin: "Your+Name=Bob+Roe&email=bob%40x.example&li=https%3A%2F%2Fl.example%2Fbob&entry_id=7"),
      status: 0, stdout: "bob-roe\n")
    let bob = try read("contacts/bob-roe.md")
    XCTAssertTrue(bob.contains("\nlinkedin_url: https://l.example/bob\n"), bob)
    XCTAssertTrue(bob.contains("\nscore: 0\n"), bob)
    // Another form's submission 7 is another submission.
    assertRun(try crm("lead", "capture", stdin: #"{"email": "i@x.example", "submission_id": "7", "country": "de"}"#), status: 0, stdout: "i\n", stderr: "")
    XCTAssertTrue(try read("contacts/i.md").contains("owner: hans\n"))
    // The same address twice, a BOM, a big number, CRLF line breaks, a phone crm cannot read.
    let odd = "\u{FEFF}{\"Email\": \"Ann@x.example\", \"email\": \"ann@X.example\", \"seats\": 12345678901234567890, \"phone\": \"n/a\", \"message\": \"Hi\\r\\nthere\"}"
    assertRun(try crm("lead", "capture", stdin: odd), status: 0, stdout: "ann\n")
    let ann = try read("contacts/ann.md")
    XCTAssertTrue(ann.contains("emails: [Ann@x.example]\nphones: [n/a]\n"), ann)
    XCTAssertTrue(ann.contains("seats: \"12345678901234567890\"\n"), ann)
    XCTAssertFalse(try read("activities/2026/11/20261122-1430-form-ann-k3x9.md").contains("\r"))
    // The honeypot whatever its case, before anything else is checked.
    assertRun(
      try crm("lead", "capture", stdin: "Website_URL=http%3A%2F%2Fspam&email=nope"), status: 0, stdout: "",
      stderr: "note: the 'Website_URL' field is filled in, as only a bot does: the submission is dropped\n")
  }

  func testAFailedCaptureLeavesNothingBehind() throws {
    // activities/2026 is a file: the activity cannot be written after the company and contact were.
    try write("activities/2026", "in the way\n")
    _ = try git("add", "-A")
    _ = try git("commit", "-qm", "blocker")
    let result = try crm("lead", "capture", stdin: "email=z%40x.example&name=Zed&company=Zed+Inc")
    XCTAssertEqual(result.status, 73, result.stderr)
    XCTAssertEqual(try git("status", "--porcelain"), "")
    XCTAssertEqual(try records(), [])
  }

  func testSubmissionShapesAndConfigLimits() throws {
    assertRun(
      try crm("lead", "capture", stdin: "[{\"email\": \"a@b.example\"}]"), status: 65,
      stderr: "crm: the submission is a JSON list: crm takes one submission, one object of keys and values\nhint: \(Self.shapeHint)\n")
    assertRun(
      try crm("lead", "capture", stdin: "{\"email\": \"a@b.example\", \"message\": \"raw\nbreak\"}"), status: 65,
      stderr: "crm: the submission is not valid JSON\nhint: \(Self.shapeHint)\n")
    assertRun(
      try crm("lead", "capture", stdin: #"{"email": "a@b.example", "a\nb": "x"}"#), status: 65,
      stderr: "crm: the submission has a key that is not one line: 'a\\x0Ab'\n")
    let line = try read(".crm/config.yaml").split(separator: "\n", omittingEmptySubsequences: false).count
    try configure("scoring:\n  rules: [{if: \"tag:x\", points: 9223372036854775807}]\n")
    assertRun(
      try crm("lead", "capture", stdin: "email=a%40b.example"), status: 65,
      stderr: "crm: .crm/config.yaml:\(line + 1):33: each scoring rule needs 'points:' a whole number of at most a million, like points: 10\n")
  }

  func testScoringErrorsNameTheConfigLine() throws {
    try crm("lead", "capture", stdin: "email=ann%40x.example")
    assertRun(
      try crm("lead", "score"), status: 64,
      stderr: "crm: there are no scoring rules in .crm/config.yaml\n"
        + "hint: add some, e.g. scoring: {rules: [{if: \"source:referral\", points: 25}], decay: {after: 30d, per: 30d, points: -5}}\n")
    let config = try read(".crm/config.yaml")
    let line = config.split(separator: "\n", omittingEmptySubsequences: false).count
    try write(".crm/config.yaml", config + "scoring:\n  rules:\n    - {if: \"title~\", points: 5}\n")
    assertRun(
      try crm("lead", "score"), status: 65,
      stderr: "crm: .crm/config.yaml:\(line + 2):12: filter 'title~': bad filter term 'title~': no value after '~'\n")
    try write(".crm/config.yaml", config + "scoring:\n  rules:\n    - {if: \"score>5\", points: 5}\n")
    assertRun(
      try crm("lead", "score"), status: 65,
      stderr: "crm: .crm/config.yaml:\(line + 2):12: a scoring rule cannot ask for the score it makes: 'score>5'\n")
    try write(".crm/config.yaml", config + "scoring:\n  rules:\n    - {if: \"tag:x\", points: lots}\n")
    assertRun(
      try crm("lead", "score"), status: 65,
      stderr: "crm: .crm/config.yaml:\(line + 2):29: each scoring rule needs 'points:' a whole number of at most a million, like points: 10\n")
    try write(".crm/config.yaml", config + "scoring:\n  decay: {after: soon, per: 30d, points: -5}\n")
    assertRun(
      try crm("lead", "score"), status: 65,
      stderr: "crm: .crm/config.yaml:\(line + 1):18: 'scoring.decay.after' must be a number of days like 30d or 4w\n")
    try write(".crm/config.yaml", config + "leads:\n  assign: round-robin\n")
    assertRun(
      try crm("lead", "list"), status: 65,
      stderr: "crm: .crm/config.yaml:\(line + 1):3: 'leads.assign: round-robin' needs 'leads.owners', like owners: [maria, tom]\n")
    try write(".crm/config.yaml", config + "leads:\n  assign: sometimes\n")
    assertRun(
      try crm("lead", "list"), status: 65,
      stderr: "crm: .crm/config.yaml:\(line + 1):11: 'leads.assign' must be round-robin, rules or none, not 'sometimes'\n")
  }

  func testConvertMakesAProspectAndADeal() throws {
    try crm("company", "add", "Acme")
    try crm("lead", "capture", stdin: "name=Ann&email=ann%40x.example&company=ACME")
    assertRun(
      try crm("lead", "convert", "ann", "--deal", "Website relaunch", "--value", "12000", "--stage", "qualified"), status: 0,
      stdout: "website-relaunch\n", stderr: "converted ann: lead -> prospect\n")
    let ann = try read("contacts/ann.md")
    XCTAssertTrue(ann.contains("status: prospect\n"), ann)
    XCTAssertTrue(ann.contains("converted_at: 2026-11-22T14:30:00Z\n"), ann)
    let deal = try read("deals/website-relaunch.md")
    XCTAssertTrue(deal.contains("title: Website relaunch\n"), deal)
    XCTAssertTrue(deal.contains("stage: qualified\n"), deal)
    XCTAssertTrue(deal.contains("contacts: [ann]\n"), deal)
    XCTAssertTrue(deal.contains("company: acme\n"), deal)
    XCTAssertTrue(deal.contains("value: 12000\n"), deal)
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "lead convert ann: prospect, deal website-relaunch\n")
    assertRun(
      try crm("lead", "convert", "ann"), status: 1,
      stderr: "crm: ann is not a lead (status: prospect)\nhint: only leads are converted; 'crm contact edit ann --set status=…' changes any contact's status\n")
    assertRun(try crm("lead", "convert", "ann", "--status", "former"), status: 64, stderr: "crm: --status must be prospect or customer, not 'former'\n")
    assertRun(try crm("lead", "convert", "ann", "--value", "5"), status: 64, stderr: "crm: --value and --stage are the deal's: give --deal TITLE too\n")
    assertRun(try crm("lead", "convert", "ann", "--deal", "X", "--stage", "nowhere"), status: 64)
  }

  func testListIsNewestLeadsFirstWithScoreAndOwner() throws {
    try crm("lead", "capture", env: ["CRM_NOW": "2026-11-20T10:00:00Z"], stdin: "name=Ann&email=ann%40x.example")
    try crm("lead", "capture", stdin: "name=Ben&email=ben%40x.example&utm_source=referral")
    try crm("contact", "add", "Cus Tomer", "--set", "status=customer")
    try crm("lead", "assign", "ben", "--to", "maria")
    assertRun(
      try crm("lead", "list"), status: 0,
      stdout: """
        ID   NAME  EMAILS         COMPANY  SCORE  OWNER  SOURCE    CREATED
        ben  Ben   ben@x.example                  maria  referral  2026-11-22T14:30:00Z
        ann  Ann   ann@x.example                         form      2026-11-20T10:00:00Z

        """)
    assertRun(try crm("lead", "list", "owner:maria or source:form", "--format", "ids"), status: 0, stdout: "ben\nann\n")
    assertRun(try crm("lead", "list", "--format", "ids", "--", "-owner:maria"), status: 0, stdout: "ann\n")
    assertRun(try crm("lead", "list", "--sort", "name", "--format", "ids"), status: 0, stdout: "ann\nben\n")
  }

  func testReportLeadsBySourceMonthAndOwner() throws {
    try crm("lead", "capture", env: ["CRM_NOW": "2026-10-05T10:00:00Z"], stdin: "name=Ann&email=ann%40x.example&utm_source=ads")
    try crm("lead", "capture", env: ["CRM_NOW": "2026-10-06T10:00:00Z"], stdin: "name=Ben&email=ben%40x.example&utm_source=ads")
    try crm("lead", "capture", stdin: "name=Cat&email=cat%40x.example&utm_source=ads")
    try crm("lead", "assign", "ann", "ben", "--to", "maria")
    try crm("lead", "convert", "ann", env: ["CRM_NOW": "2026-10-15T10:00:00Z"])
    try crm("lead", "convert", "ben", env: ["CRM_NOW": "2026-10-10T10:00:00Z"])
    try crm("contact", "add", "Cus Tomer", "--set", "status=customer", "--set", "source=ads")
    assertRun(
      try crm("report", "leads", "--format", "csv"), status: 0,
      stdout: "source,month,leads,converted,conversion_rate,median_days_to_convert\r\nads,2026-10,2,2,100,7\r\nads,2026-11,1,0,0,\r\n")
    assertRun(
      try crm("report", "leads", "--by", "owner", "--format", "tsv"), status: 0,
      stdout: "(none)\t1\t0\t0\t\nmaria\t2\t2\t100\t7\n")
    assertRun(try crm("report", "leads", "--since", "2026-11-01", "--format", "tsv"), status: 0,
      stdout: "ads\t2026-11\t1\t0\t0\t\n")
    let table = try crm("report", "leads", "--chart")
    XCTAssertTrue(table.stdout.contains("ads 2026-10"), table.stdout)
    let wrongBy = try crm("report", "leads", "--by", "month")
    XCTAssertEqual(wrongBy.status, 64)
    XCTAssertTrue(wrongBy.stderr.hasPrefix("crm: --by must be source or owner, not 'month'\n"), wrongBy.stderr)
  }

  func testCaptureFromCronHasNoTerminalAndNoHome() throws {
    // What a form-to-CRM script does: no TTY, no HOME, a fixed clock.
    let result = try run("/usr/bin/env", ["-u", "HOME", CRMBinary.url.path, "lead", "capture", "--form", "website"], in: root, stdin: "email=ann%40x.example")
    assertRun(result, status: 0, stdout: "ann\n", stderr: "")
  }
}
