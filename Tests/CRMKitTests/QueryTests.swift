import XCTest

@testable import CRMKit

final class QueryTests: XCTestCase {
  let clock = CRMClock(now: Timestamp("2026-11-22T14:30:00Z")!)

  lazy var records: [Record] = [
    ("jane-doe", "name: Jane Doe\nemails: [jane@acme.example]\nphones: [\"1\"]\ncompany: acme\ntags: [vip, referral]\nstatus: customer\nscore: 72\nupdated: 2026-11-20T10:00:00Z\nday_rate: 650.00\n"),
    ("jurgen-muller", "name: Jürgen Müller\nemails: [j@m.example]\ntags: [vip]\nstatus: lead\nscore: 15\nupdated: 2025-01-01T10:00:00Z\n"),
    ("li-wei", "name: 李伟\nstatus: prospect\nscore: 40\ntags: [cold]\nday_rate: 90\n"),
  ].map { try! Record.parse(type: .contact, path: "contacts/\($0.0).md", bytes: Array("---\n\($0.1)---\nMet in Lisbon.\n".utf8)) }

  func ids(_ words: String) throws -> [String] {
    let query = try Query.parse(
      words.split(separator: " ").map(String.init), type: .contact, fields: Query.fields(of: .contact, in: records), clock: clock)
    return records.filter(query.matches).map(\.id)
  }

  func usage(_ words: String) -> String {
    do {
      _ = try ids(words)
      return "accepted"
    } catch {
      XCTAssertEqual((error as? CRMError)?.kind, .usage)
      return (error as? CRMError)?.message ?? ""
    }
  }

  func testTerms() throws {
    XCTAssertEqual(try ids("tag:vip"), ["jane-doe", "jurgen-muller"])
    XCTAssertEqual(try ids("status:lead,prospect"), ["jurgen-muller", "li-wei"])
    XCTAssertEqual(try ids("score>=40"), ["jane-doe", "li-wei"])
    XCTAssertEqual(try ids("score<40"), ["jurgen-muller"])
    XCTAssertEqual(try ids("name~jurgen"), ["jurgen-muller"])  // accents folded
    XCTAssertEqual(try ids("name~JANE"), ["jane-doe"])
    XCTAssertEqual(try ids("has:email"), ["jane-doe", "jurgen-muller"])
    XCTAssertEqual(try ids("-has:phone"), ["jurgen-muller", "li-wei"])
    XCTAssertEqual(try ids("not tag:vip"), ["li-wei"])
    XCTAssertEqual(try ids("updated>-30d"), ["jane-doe"])
    XCTAssertEqual(try ids("updated:2025"), ["jurgen-muller"])
    XCTAssertEqual(try ids("updated:2026-11"), ["jane-doe"])
    XCTAssertEqual(try ids("updated>=2026-11-20T10:00"), ["jane-doe"])  // a local time, at the clock's offset
    XCTAssertEqual(try ids("updated>2026-11-20T10:00"), [])
    XCTAssertEqual(try ids("company:ACME"), ["jane-doe"])
    XCTAssertEqual(try ids("status!=lead"), ["jane-doe", "li-wei"])
    XCTAssertEqual(try ids("notes~lisbon"), ["jane-doe", "jurgen-muller", "li-wei"])
    XCTAssertEqual(try ids("day_rate>100"), ["jane-doe"])  // custom field compared as a number
    XCTAssertEqual(try ids("id:li-wei"), ["li-wei"])
  }

  func testCombinators() throws {
    XCTAssertEqual(try ids("tag:cold or status:lead"), ["jurgen-muller", "li-wei"])
    XCTAssertEqual(try ids("(tag:cold or status:lead) score>20"), ["li-wei"])
    XCTAssertEqual(try ids("tag:vip and not (score<20)"), ["jane-doe"])
    XCTAssertEqual(try ids(""), ["jane-doe", "jurgen-muller", "li-wei"])
  }

  func testBadTermsAreUsageErrorsNamingTheTerm() {
    XCTAssertEqual(usage("foo:bar"), "unknown field 'foo' in filter term 'foo:bar'")
    XCTAssertEqual(usage("jane"), "bad filter term 'jane': no field and operator")
    XCTAssertEqual(usage("score>abc"), "bad filter term 'score>abc': 'abc' is not a number")
    XCTAssertEqual(usage("updated>someday"), "bad filter term 'updated>someday': 'someday' is not a date")
    XCTAssertEqual(usage("status:vip"), "bad filter term 'status:vip': 'vip' is not one of lead, prospect, customer, former")
    XCTAssertEqual(usage("tag:"), "bad filter term 'tag:': no value after ':'")
    XCTAssertEqual(usage("(tag:vip"), "a '(' in the filter is never closed")
    XCTAssertEqual(usage("tag:vip)"), "unexpected ')' in the filter")
    XCTAssertEqual(usage("tag:vip or"), "'or' needs a filter term after it")
    XCTAssertEqual(usage("has:nothing"), "unknown field 'nothing' in filter term 'has:nothing'")
  }

  func testResolveByIdEmailNameAndPrefix() throws {
    let index = RecordIndex(records)
    XCTAssertEqual(try index.resolve("jane-doe", as: .contact).id, "jane-doe")
    XCTAssertEqual(try index.resolve("JANE@acme.example", as: .contact).id, "jane-doe")
    XCTAssertEqual(try index.resolve("jürgen müller", as: .contact).id, "jurgen-muller")
    XCTAssertEqual(try index.resolve("li", as: .contact).id, "li-wei")
    XCTAssertThrowsError(try index.resolve("j", as: .contact)) { error in
      XCTAssertEqual((error as? CRMError)?.kind, .failed)
      XCTAssertEqual((error as? CRMError)?.message, "'j' could be several contacts:\n  jane-doe  Jane Doe\n  jurgen-muller  Jürgen Müller")
    }
    XCTAssertThrowsError(try index.resolve("nobody", as: .contact)) { error in
      XCTAssertEqual((error as? CRMError)?.kind, .notFound)
    }
    XCTAssertEqual(index.referrers(of: try Record.parse(type: .company, path: "companies/acme.md", bytes: Array("---\nname: Acme\n---\n".utf8))).map(\.id), ["jane-doe"])
  }

  func testLookupsAgreeWithTheTables() throws {
    func activity(_ month: String, _ id: String, _ yaml: String) throws -> Record {
      try Record.parse(
        type: .activity, path: "activities/2026/\(month)/\(id).md", bytes: Array("---\nkind: call\nat: 2026-\(month)-02T10:00:00Z\n\(yaml)---\n".utf8))
    }
    let acme = record(.company, "acme", "name: Acme\n")
    let deal = record(.deal, "acme-pilot", "title: Pilot\ncompany: acme\ncontacts: [jane-doe]\n")
    let all = records + [
      acme, deal,
      try activity("01", "call", "contacts: [jane-doe, li-wei, jane-doe]\ndeal: acme-pilot\n"),
      try activity("02", "call", "contacts: [li-wei]\n"),  // the same id in another month
      try activity("03", "other", "contacts: [nobody]\n"),
    ]
    let index = RecordIndex(all)
    // One pass over the records gives what the table gives, duplicates and order included.
    let targets = all + [all[0]]
    XCTAssertEqual(index.referrers(ofEach: targets), targets.map { index.referrers(of: $0) })
    XCTAssertEqual(index.referrers(ofEach: [all[0]])[0].map(\.path), ["deals/acme-pilot.md", "activities/2026/01/call.md", "activities/2026/01/call.md"])
    XCTAssertEqual(index.referrers(ofEach: []), [])
    // The binary search finds what the by-id table holds, and nothing for a missing id.
    for type in RecordType.allCases {
      for (id, record) in index.byID(type) { XCTAssertEqual(index.record(type, id: id), record) }
    }
    XCTAssertNil(index.record(.contact, id: "nobody"))
    XCTAssertNil(index.record(.contact, id: "zzz"))
    XCTAssertNil(index.record(.ticket, id: "acme"))
    // Two indexes of different types, put together, answer as one index of all their records.
    let activities = all.filter { $0.type == .activity }
    let merged = RecordIndex(RecordIndex(all.filter { $0.type != .activity }), adding: RecordIndex(activities))
    XCTAssertEqual(merged.records, index.records)
    XCTAssertEqual(merged.referrers(ofEach: targets), index.referrers(ofEach: targets))
    XCTAssertEqual(merged.record(.activity, id: "call"), index.record(.activity, id: "call"))
    let overlapping = RecordIndex(RecordIndex(Array(all.prefix(4))), adding: RecordIndex(Array(all.dropFirst(2))))
    XCTAssertEqual(overlapping[.activity].map(\.path), index[.activity].map(\.path))
    XCTAssertEqual(overlapping[.contact].map(\.id), (Array(all.prefix(4)) + Array(all.dropFirst(2))).filter { $0.type == .contact }.map(\.id).sorted())
  }
}
