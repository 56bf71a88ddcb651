import XCTest

@testable import CRMKit

final class ModelTests: XCTestCase {
  func contact(_ front: String, path: String = "contacts/jane-doe.md") throws -> Record {
    try Record.parse(type: .contact, path: path, bytes: Array("---\n\(front)---\n".utf8))
  }

  func error(_ front: String, path: String = "contacts/jane-doe.md") -> String {
    do {
      _ = try contact(front, path: path)
      return "accepted"
    } catch {
      return (error as? CRMError)?.description ?? "\(error)"
    }
  }

  /// A parse that keeps some fields still types them all: a bad value or a missing required
  /// field is found whether or not it is kept, and what is kept equals the whole record's.
  /// Required fields are always kept.
  func testEveryRecordTypeIsItsRegisteredSpec() {
    let named: [(RecordType, String)] = [
      (.contact, "contact"), (.company, "company"), (.deal, "deal"), (.activity, "activity"), (.task, "task"),
      (.ticket, "ticket"), (.campaign, "campaign"),
    ]
    XCTAssertEqual(RecordType.allCases, named.map(\.0))
    for (type, name) in named {
      XCTAssertEqual(type.rawValue, name)
      XCTAssertEqual(RecordType(rawValue: name), type)
      XCTAssertEqual(type.fields.first?.key, "id", name)
      XCTAssertTrue(type.fields.contains { $0.key == type.titleKey && $0.required }, name)
      XCTAssertEqual(Set(type.fields.map(\.key)).count, type.fields.count, "\(name) declares a field twice")
      for column in type.spec.columns {
        XCTAssertTrue(type.fields.contains { $0.key == column } || Derived.keys(of: type).contains(column), "\(name) column \(column)")
      }
    }
    XCTAssertNil(RecordType(rawValue: "lead"))
    XCTAssertEqual(RecordType.deal.canonicalKey("contact"), "contacts")
    XCTAssertEqual(RecordType.task.canonicalKey("contact"), "contact")
    XCTAssertEqual(RecordType.company.canonicalKey("tag"), "tags")
  }

  func testAParseKeepingSomeFieldsChecksThemAll() throws {
    func keepingEmails(_ front: String) -> String {
      do {
        let r = try Record.parse(type: .contact, path: "contacts/jane-doe.md", bytes: Array("---\n\(front)---\nNotes\n".utf8), keeping: Record.Keeping(.contact) { $0 == "emails" || $0 == "zip" })
        return r.fields.map { "\($0.key)=\($0.value.text())@\($0.mark?.line ?? 0)" }.joined(separator: " ") + " body=\(r.body.debugDescription)"
      } catch {
        return error.description
      }
    }
    XCTAssertEqual(keepingEmails("name: J\nscore: 4\nemails: [a@b.c, d@e.f]\n"), "name=J@2 emails=a@b.c, d@e.f@4 body=\"\"")
    XCTAssertEqual(keepingEmails("name: J\n"), "name=J@2 body=\"\"")
    XCTAssertEqual(keepingEmails("zip: 01234\nname: J\nfax: 1\n"), "zip=01234@2 name=J@3 body=\"\"")
    XCTAssertEqual(keepingEmails("id: jane-doe\nname: J\nfax: {a: [1, {b: 2}]}\n"), "name=J@3 body=\"\"")
    // Which schema fields have a value, or were read, are bits of a UInt64; a schema key is
    // found through a table by its hash, and `id` is checked by its position.
    for type in RecordType.allCases {
      XCTAssertLessThan(type.fields.count, 64, type.rawValue)
      XCTAssertEqual(type.fields[RecordType.idPosition].key, "id", type.rawValue)
      for (i, spec) in type.fields.enumerated() {
        XCTAssertEqual(type.schemaIndex(of: spec.key), i)
        XCTAssertNil(type.schemaIndex(of: spec.key + "s"))
        XCTAssertNil(type.schemaIndex(of: String(spec.key.dropLast())))
      }
      for other in ["zip", "id ", "", "ID"] + RecordType.allCases.flatMap(\.fields).map(\.key) where !type.fields.contains(where: { $0.key == other }) {
        XCTAssertNil(type.schemaIndex(of: other), other)
      }
    }
    let bad = [
      "name: J\nscore: forty\n", "score: 4\n", "name:\n", "name: ''\n", "id: john\nname: J\n", "name: J\nname: K\n",
      "name: J\nzip: 1\nzip: 2\n", "name: J\n[a]: 1\n", "name: J\n'name': K\n",
      // Dropped fields of each kind are checked without their values being made.
      "name: J\nstatus: bogus\n", "name: J\ntags: {a: b}\n", "name: J\nphones: [[1]]\n", "name: J\ncompany: Not An Id\n",
      "name: J\nunsubscribed: maybe\n", "name: J\ncreated: yesterday\n",
      // A dropped id is still matched with the file name; dropped keys of one's own still follow the rules.
      "id: ~\nname: J\n", "id:\nname: J\n", "id: ''\nname: J\n", "id: [jane-doe]\nname: J\n", "id: jane-doe-2\nname: J\n",
      "name: J\nfax: {a: 1, a: 2}\n", "name: J\nfax: [x, {b: 1, b: 2}]\n", "name: J\nfax: {[a]: 1}\n",
    ]
    for bad in bad {
      XCTAssertEqual(keepingEmails(bad), error(bad), bad)
    }
  }

  func testEmailsAreLowercasedForLookups() throws {
    let r = try contact("name: J\nemails: [jane@x.example, Jane@X.Example, ÅSA@x.example, jörg@x.example]\n")
    XCTAssertEqual(r.emails, ["jane@x.example", "jane@x.example", "åsa@x.example", "jörg@x.example"])
  }

  func testAnAddressLivesOnOneContact() throws {
    let index = RecordIndex([
      record(.contact, "jane", "name: Jane\nemails: [jane@acme.example]\n"), record(.contact, "bob", "name: Bob\n"),
    ])
    XCTAssertNoThrow(try index.checkEmailsFree(["JANE@acme.example"], except: "jane"), "her own address, in any case")
    XCTAssertNoThrow(try index.checkEmailsFree(["bob@acme.example"], except: "bob"))
    XCTAssertThrowsError(try index.checkEmailsFree(["Jane@Acme.example"], except: "bob")) { error in
      XCTAssertEqual((error as? CRMError)?.kind, .failed)
      XCTAssertEqual((error as? CRMError)?.message, "email 'Jane@Acme.example' already belongs to jane (Jane)")
    }
    XCTAssertThrowsError(try index.checkEmailsFree(["not-an-address"], except: nil)) { error in
      XCTAssertEqual((error as? CRMError)?.message, "'not-an-address' is not an email address")
    }
  }

  func testNewRecordsStartWithTheirTypesDefaults() {
    XCTAssertEqual(RecordType.task.spec.defaults, [Field("status", .string("open"))])
    XCTAssertEqual(RecordType.ticket.spec.defaults, [Field("status", .string("open"))])
    XCTAssertEqual(RecordType.contact.spec.defaults, [])
  }

  func testValuesAreTypedByTheSchemaNeverByYAMLGuessing() throws {
    let r = try contact(
      """
      name: yes
      phones: [0123, +4420]
      country: NO
      title: 1:30
      score: 40
      unsubscribed: false
      created: 2026-11-22T14:30:00+01:00
      zip: 01234
      emails: jane@acme.example

      """)
    XCTAssertEqual(r["name"], .string("yes"))
    XCTAssertEqual(r["phones"], .list([.string("0123"), .string("+4420")]))
    XCTAssertEqual(r["country"], .string("NO"))
    XCTAssertEqual(r["title"], .string("1:30"))
    XCTAssertEqual(r["zip"], .string("01234"))
    XCTAssertEqual(r["score"], .integer(40))
    XCTAssertEqual(r["unsubscribed"], .bool(false))
    XCTAssertEqual(r["emails"], .list([.string("jane@acme.example")]))
    XCTAssertEqual(r["created"]?.text(), "2026-11-22T14:30:00+01:00")
  }

  func testStrictTypesAreRejectedWithTheirPosition() {
    XCTAssertEqual(error("name: J\nscore: forty\n"), "contacts/jane-doe.md:3:8: 'score' must be a whole number, not 'forty'")
    XCTAssertEqual(error("name: J\nunsubscribed: yes\n"), "contacts/jane-doe.md:3:15: 'unsubscribed' must be true or false, not 'yes'")
    XCTAssertEqual(
      error("name: J\ncreated: 2026-13-01T00:00:00Z\n"),
      "contacts/jane-doe.md:3:10: 'created' must be a timestamp like 2026-11-22T14:30:00Z, not '2026-13-01T00:00:00Z'")
    XCTAssertEqual(
      error("name: J\nstatus: vip\n"), "contacts/jane-doe.md:3:9: 'status' must be one of lead, prospect, customer, former, not 'vip'")
    XCTAssertEqual(error("name: J\nemails: [nope]\n"), "contacts/jane-doe.md:3:10: 'nope' is not an email address")
    XCTAssertEqual(error("name: J\ncompany: ../etc\n"), "contacts/jane-doe.md:3:10: 'company' must name a record id, not '../etc'")
    XCTAssertEqual(error("name: [a]\n"), "contacts/jane-doe.md:2:7: 'name' must be a single value, not a list or mapping")
    XCTAssertEqual(error("title: x\n"), "contacts/jane-doe.md:1:1: missing required field 'name'")
    XCTAssertEqual(
      error("title: x\nname: Null\n"),
      "contacts/jane-doe.md:3:7: required field 'name' is empty: YAML reads 'Null' as no value; quote it to mean the text")
    XCTAssertEqual(error("title: x\nname: ~\n"), "contacts/jane-doe.md:3:7: required field 'name' is empty: YAML reads '~' as no value; quote it to mean the text")
    XCTAssertEqual(error("name:\ntitle: x\n"), "contacts/jane-doe.md:2:1: required field 'name' is empty")
    XCTAssertEqual(error("name: ''\n"), "contacts/jane-doe.md:2:1: required field 'name' is empty")
    XCTAssertEqual(error("id: john\nname: J\n"), "contacts/jane-doe.md:2:5: id 'john' does not match the file name 'jane-doe'")
    XCTAssertEqual(
      error("name: J\nscore: 99999999999999999999\n"), "contacts/jane-doe.md:3:8: 'score' must be a whole number, not '99999999999999999999'")
    XCTAssertEqual(error("name: J\nscore: '-'\n"), "contacts/jane-doe.md:3:8: 'score' must be a whole number, not '-'")
    XCTAssertEqual(error("name: J\nemails: [a@b.c, x@@y.z]\n"), "contacts/jane-doe.md:3:17: 'x@@y.z' is not an email address")
    XCTAssertEqual(error("name: J\nemails: [\"a b@c.d\"]\n"), "contacts/jane-doe.md:3:10: 'a b@c.d' is not an email address")
    XCTAssertEqual(error("name: J\nemails:\n  - [a@b.c]\n"), "contacts/jane-doe.md:4:5: 'emails' must be a list of values")
    // A syntax error anywhere is reported before a typing error earlier in the file.
    XCTAssertEqual(
      error("name: [J]\ntitle: [x\n"), "contacts/jane-doe.md:4:1: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence")
    XCTAssertEqual(
      error("name: J\n", path: "contacts/Jane Doe.md"),
      "contacts/Jane Doe.md: file name 'Jane Doe' is not a valid id (lowercase letters, digits and single dashes)")
  }

  func testCompanyAddressMayBeTextOrAMapping() throws {
    let text = try Record.parse(type: .company, path: "companies/a.md", bytes: Array("---\nname: A\naddress: 1 Road, Town\n---\n".utf8))
    XCTAssertEqual(text["address"], .string("1 Road, Town"))
    let map = try Record.parse(type: .company, path: "companies/a.md", bytes: Array("---\nname: A\naddress:\n  city: Zürich\n---\n".utf8))
    XCTAssertEqual(map["address"]?.text(), "city=Zürich")
  }

  func testDealTypesAreExactDecimalsAndDates() throws {
    let d = try Record.parse(
      type: .deal, path: "deals/x.md",
      bytes: Array("---\ntitle: X\nvalue: 0.10\nprobability: 50\nexpected_close: 2026-12-31\n---\n".utf8))
    guard case .decimal(let v)? = d["value"] else { return XCTFail("value is not a decimal") }
    XCTAssertEqual(v + v + v, Scalars.decimal("0.30"))
    XCTAssertEqual(d["expected_close"], .date(CalendarDate(year: 2026, month: 12, day: 31)!))
    XCTAssertThrowsError(try Record.parse(type: .deal, path: "deals/x.md", bytes: Array("---\ntitle: X\nvalue: 1e3\n---\n".utf8)))
    XCTAssertThrowsError(try Record.parse(type: .deal, path: "deals/x.md", bytes: Array("---\ntitle: X\nprobability: 101\n---\n".utf8)))
  }

  func testEmitterQuotesExactlyWhatAReaderWouldMistype() {
    let quoted = [
      "", "yes", "No", "on", "OFF", "y", "~", "null", "true", "0123", "+4420", "1_000", "0x1F", "0o17", "1:30", "12:30:00",
      "1.5", ".5", "1e3", ".inf", "-.INF", ".nan", "2026-11-22", "2026-1-2", "2026-11-22 10:00", "<<", "=", "- x", "-",
      "? x", ": x", "a: b", "a #b", "#x", "[x]", "{x}", "&a", "*a", "!x", "|x", ">x", "'x", "\"x", "%x", "@x", "`x",
      " lead", "trail ", "x:", "line\nbreak", "tab\there", "---", "...x",
    ]
    for s in quoted { XCTAssertTrue(YAMLEmitter.needsQuotes(s), "'\(s)' should be quoted") }
    let plain = [
      "Jane Doe", "jane@acme.example", "+44 20 7946 0018", "https://x.example/a#b", "a:b", "C#", "1a", "v1.2.3",
      "2026-11-22 meeting", "Jürgen Müller", "50%", "-x", "?x", "yes please", "Null Island", "it's", "a-b",
    ]
    for s in plain { XCTAssertFalse(YAMLEmitter.needsQuotes(s), "'\(s)' should stay plain") }
    XCTAssertTrue(YAMLEmitter.needsQuotes("a,b", inFlow: true))
    XCTAssertFalse(YAMLEmitter.needsQuotes("a,b", inFlow: false))
  }

  /// Whatever the emitter writes, libyaml reads back as the same string.
  func testEmittedScalarsRoundTripThroughLibyaml() throws {
    var generator = SplitMix(seed: 7)
    let alphabet = Array("aZ09 :#-?,[]{}&*!|>'\"%@`\\\t\n.~_+éü✓")
    for _ in 0..<2000 {
      let s = String((0..<(generator.next() % 8)).map { _ in alphabet[generator.next() % alphabet.count] })
      for inFlow in [false, true] {
        let text = inFlow ? "k: [" + YAMLEmitter.scalar(s, inFlow: true) + "]\n" : "k: " + YAMLEmitter.scalar(s) + "\n"
        guard let node = try? YAMLParser.parse(Array(text.utf8)[...]) else {
          XCTFail("libyaml cannot read back \(text.debugDescription)")
          continue
        }
        let value = inFlow ? node["k"].flatMap { if case .sequence(let items, _, _, _) = $0 { return items.first?.scalar } else { return nil } } : node["k"]?.scalar
        XCTAssertEqual(value?.value, s, "emitted \(text)")
        if let value, !YAMLEmitter.needsQuotes(s, inFlow: inFlow) { XCTAssertEqual(value.style, .plain) }
      }
    }
  }

  func testNewDocumentsAreCanonical() {
    let text = YAMLEmitter.document(
      [Field("id", .string("jane-doe")), Field("name", .string("Jane")), Field("phones", .list([.string("0123")])),
       Field("history", .list([.map([Field("stage", .string("won")), Field("at", .string("2026-11-22"))])]))],
      body: "Notes")
    XCTAssertEqual(text, "---\nid: jane-doe\nname: Jane\nphones: [\"0123\"]\nhistory:\n  - stage: won\n    at: \"2026-11-22\"\n---\nNotes\n")
  }

  func testSlugs() {
    XCTAssertEqual(RecordID.slug("Jürgen Müller"), "jurgen-muller")
    XCTAssertEqual(RecordID.slug("Søren Kierkegaard"), "soren-kierkegaard")
    XCTAssertEqual(RecordID.slug("Straße & Œuvre"), "strasse-oeuvre")
    XCTAssertEqual(RecordID.slug("José\u{301}"), "jose")  // decomposed accent
    XCTAssertEqual(RecordID.slug("  ../../etc/passwd "), "etc-passwd")
    XCTAssertEqual(RecordID.slug("李伟"), "")
    XCTAssertLessThanOrEqual(RecordID.slug(String(repeating: "word ", count: 40)).count, 60)
    for good in ["jane-doe-2", "a", "0", "a-b-c", String(repeating: "a", count: 64)] {
      XCTAssertTrue(RecordID.isValid(good), good)
    }
    XCTAssertTrue(RecordID.isValid("x jane-doe".dropFirst(2)))
    for bad in ["", "-", "-a", "a-", "a--b", "A", "a/b", "..", "a.b", "é", String(repeating: "a", count: 65)] {
      XCTAssertFalse(RecordID.isValid(bad), bad)
    }
  }

  func testNullIsTheCoreSchemasPlainNullOnly() {
    for (text, null) in [("", true), ("~", true), ("null", true), ("Null", true), ("NULL", true), ("nULL", false), ("nul", false), ("none", false), ("call", false), ("Nope", false), ("nulls", false)] {
      XCTAssertEqual(YAMLScalar.isNull(Array(text.utf8), style: .plain), null, text)
      XCTAssertFalse(YAMLScalar.isNull(Array(text.utf8), style: .singleQuoted), text)
    }
  }

  func testSnakeCaseKeys() {
    for (key, snake) in [("name", true), ("preferred_language", true), ("a1_b2", true), ("", false), ("Name", false), ("1a", false), ("_a", false), ("a-b", false), ("näme", false), ("a b", false)] {
      XCTAssertEqual(Check.isSnakeCase(key), snake, key)
    }
  }

  func testAStemIsTheFileNameWithoutFolderAndExtension() {
    let stems = ["contacts/jane-doe.md": "jane-doe", "jane.md": "jane", "a/b/c": "c", "x.md/y": "y", "contacts/.md": "", "md": "md", ".md": ""]
    for (path, stem) in stems { XCTAssertEqual(Record.stem(of: path), stem, path) }
  }

  func testSameBytesComparesCountAndEveryByte() {
    func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
      a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { a.sameBytes(as: $0) } }
    }
    XCTAssertTrue(same([], []))
    XCTAssertTrue(same(Array("contacts".utf8), Array("contacts".utf8)))
    XCTAssertFalse(same(Array("contacts".utf8), Array("contact".utf8)))
    XCTAssertFalse(same(Array("contacts".utf8), Array("campaign".utf8)))
    XCTAssertFalse(same([], [0]))
    XCTAssertFalse(same(Array("ab".utf8), Array("ac".utf8)))
    for (text, bytes) in [("", ""), ("call", "call"), ("call", "cal"), ("preferred_language", "preferred_language"), ("ä", "a")] {
      XCTAssertEqual(Array(bytes.utf8).withUnsafeBufferPointer { text.sameBytes(as: $0) }, text == bytes, text)
    }
    for (text, suffix) in [("a.md", true), (".md", true), ("md", false), ("a.mdx", false), ("", false), ("a.MD", false)] {
      XCTAssertEqual(text.utf8.hasSuffix(".md"), suffix, text)
    }
  }

  func testDatesAndRelativeExpressions() {
    let clock = CRMClock(now: Timestamp("2026-11-22T14:30:00Z")!)  // a Sunday
    XCTAssertEqual(clock.today.weekday, 7)
    XCTAssertEqual(clock.date("today")?.description, "2026-11-22")
    XCTAssertEqual(clock.date("tomorrow")?.description, "2026-11-23")
    XCTAssertEqual(clock.date("+3d")?.description, "2026-11-25")
    XCTAssertEqual(clock.date("-2w")?.description, "2026-11-08")
    XCTAssertEqual(clock.date("+1m")?.description, "2026-12-22")
    XCTAssertEqual(clock.date("in 3 days")?.description, "2026-11-25")
    XCTAssertEqual(clock.date("2 weeks ago")?.description, "2026-11-08")
    XCTAssertEqual(clock.date("monday")?.description, "2026-11-23")
    XCTAssertEqual(clock.date("sunday")?.description, "2026-11-29")
    XCTAssertEqual(clock.date("2024-02-29")?.description, "2024-02-29")
    XCTAssertNil(clock.date("2025-02-29"))
    XCTAssertNil(clock.date("someday"))
    XCTAssertEqual(CalendarDate(year: 2026, month: 1, day: 31)?.adding(months: 1).description, "2026-02-28")
    XCTAssertEqual(Timestamp("2026-11-22T23:30:00-02:00")?.date.description, "2026-11-22")
    XCTAssertEqual(Timestamp("2026-11-22T23:30:00-02:00")?.at(offset: 0).description, "2026-11-23T01:30:00Z")
    XCTAssertEqual(Timestamp("2026-11-22T10:00:00.250Z")?.description, "2026-11-22T10:00:00.25Z")
    XCTAssertNil(Timestamp("2026-11-22T10:00:00"))  // no offset
  }

  func testNextAndSpelledOutRelativeDates() {
    let clock = CRMClock(now: Timestamp("2026-11-22T14:30:00Z")!)  // a Sunday
    let expected = [
      ("next week", "2026-11-29"), ("next month", "2026-12-22"), ("next year", "2027-11-22"), ("next day", "2026-11-23"),
      ("next friday", "2026-11-27"),  // the same day as "friday"
      ("Next Fri", "2026-11-27"), ("next sunday", "2026-11-29"),  // never today
      ("+3 days", "2026-11-25"), ("+1 day", "2026-11-23"), ("+2 weeks", "2026-12-06"), ("-1 month", "2026-10-22"),
      ("+3days", "2026-11-25"), ("+10d", "2026-12-02"), ("in 1 week", "2026-11-29"), ("in 2 months", "2027-01-22"),
    ]
    for (text, date) in expected { XCTAssertEqual(clock.date(text)?.description, date, text) }
    for bad in ["next", "next blah", "next 3 days", "+3", "+d", "+-3d", "+3 dayz", "in days", "last friday"] {
      XCTAssertNil(clock.date(bad), bad)
    }
  }

  func testLocalTimesTakeTheZonesOffsetThen() {
    // A zone at +01:00, and at +02:00 from 2026-03-29T02:00 to 2026-10-25T03:00 on its own clock.
    func wallClock(_ month: Int, _ day: Int, _ hour: Int) -> Int64 {
      Int64(CalendarDate(year: 2026, month: month, day: day)!.daysSinceEpoch) * 86400 + Int64(hour * 3600)
    }
    let summer = wallClock(3, 29, 2)..<wallClock(10, 25, 3)
    let clock = CRMClock(now: Timestamp("2026-11-22T14:30:00Z")!) { summer.contains($0) ? 7200 : 3600 }
    XCTAssertEqual(clock.timestamp("2026-11-18T10:00")?.description, "2026-11-18T10:00:00+01:00")
    XCTAssertEqual(clock.timestamp("2026-11-18 10:00")?.description, "2026-11-18T10:00:00+01:00")
    XCTAssertEqual(clock.timestamp("2026-07-01 10:00:30.5")?.description, "2026-07-01T10:00:30.5+02:00")
    XCTAssertEqual(clock.timestamp(" 2026-11-18t10:00 ")?.description, "2026-11-18T10:00:00+01:00")
    XCTAssertEqual(clock.timestamp("2026-07-01")?.description, "2026-07-01T00:00:00+02:00")  // a date is its local midnight
    XCTAssertEqual(clock.timestamp("2026-07-01T10:00-05:00")?.description, "2026-07-01T10:00:00-05:00")  // as written
    XCTAssertEqual(clock.timestamp("2026-07-01T10:00Z")?.description, "2026-07-01T10:00:00Z")
    XCTAssertEqual(clock.timestamp("now"), clock.now)
    XCTAssertEqual(clock.time("2026-11-18 10:00")?.at(offset: 0).description, "2026-11-18T09:00:00Z")
    for bad in ["2026-11-18 25:00", "2026-11-18 10", "2026-11-18 10:00+1", "2026-11-18 10:00:00.", "2026-11-18  10:00"] {
      XCTAssertNil(clock.timestamp(bad), bad)
    }
    let fixed = CRMClock(now: Timestamp("2026-11-22T14:30:00-05:00")!)  // no zone: now's offset
    XCTAssertEqual(fixed.timestamp("2026-07-01 10:00")?.description, "2026-07-01T10:00:00-05:00")
  }

  func testConfigTimeZoneMustBeAZoneName() throws {
    XCTAssertNil(try Config(bytes: Array("currency: EUR\n".utf8)).timeZone)
    XCTAssertEqual(try Config(bytes: Array("timezone: Europe/Berlin\n".utf8)).timeZone, "Europe/Berlin")
    XCTAssertEqual(try Config(bytes: Array("timezone: UTC\n".utf8)).timeZone, "UTC", "a link to Etc/UTC inside the database")
    for bad in ["Mars/Base", "Europe", "../zoneinfo/UTC", "/etc/passwd", "Europe//Berlin", "''"] {
      XCTAssertThrowsError(try Config(bytes: Array("timezone: \(bad)\n".utf8)), bad) { error in
        let text = (error as? CRMError)?.description ?? ""
        XCTAssertTrue(text.hasPrefix(".crm/config.yaml:1:11: 'timezone' must be a time zone name like Europe/Berlin"), text)
      }
    }
  }
}
