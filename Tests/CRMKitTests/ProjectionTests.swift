import XCTest

@testable import CRMKit

/// Commands that read only some fields load through a projection: what they find must be
/// what whole records show.
final class ProjectionTests: XCTestCase {
  /// `check` reads records through its projection, and a warm run reads the projection's
  /// cache; with no cache, it checks each record as it is parsed and keeps none: all must
  /// find exactly what a check of whole records finds.
  func testCheckFindsWhatWholeRecordsShow() throws {
    let files = [
      "contacts/jane.md": "---\nname: Jane\nemails: [Jane@X.example, jane@x.example]\ncompany: acme\n---\nNotes.\n",
      "contacts/dup.md": "---\nname: Dup\nemails: [jane@x.example]\ncompany: ghost\nBadKey: 1\n---\n",
      "contacts/broken.md": "---\nname: [broken\n---\n",
      // `ann` comes before `ann-lee` by id, but after it by file name: the later id has the clash.
      "contacts/ann.md": "---\nname: Ann\nemails: [ann@x.example]\n---\n",
      "contacts/ann-lee.md": "---\nname: Ann Lee\nemails: [ann@x.example]\n---\n",
      // Bad values in fields the outline drops: still found.
      "contacts/odd.md": "---\nname: Odd\nstatus: bogus\n---\n",
      "companies/bad.md": "---\nname: Bad\ntags: {a: b}\n---\n",
      "deals/d2.md": "---\ntitle: D2\nvalue: 1.2.3\n---\n",
      "companies/acme.md": "---\nname: Acme\n---\n",
      "deals/d1.md": "---\ntitle: D1\nstage: nowhere\ncompany: acme\ncontacts: [jane, broken, nobody]\nhistory:\n  - stage: lead\n---\n",
      "activities/2026/11/call.md": "---\nkind: call\nat: 2026-11-01T10:00:00Z\ncontacts: [jane, gone]\ndeal: d1\n---\nHello\n",
      "tasks/t1.md": "---\ntitle: T\ncontact: dup\ndeal: missing\nExtra Key: x\n---\n",
      "deals/d3.md": "---\ntitle: D3\nstage: lead\nhistory:\n  - stage: lead\n    at: 2026-10-01T00:00:00Z\n---\n",
    ]
    let root = try temporaryRepo(files)
    var repo = try Repository(root: root)
    repo.cacheEnabled = false
    let whole = Check.run(repo.load(Set(RecordType.allCases)))
    XCTAssertEqual(whole.records, 9)
    XCTAssertEqual(
      whole.problems.map(\.description),
      [
        "activities/2026/11/call.md:4:11: 'contacts' names a contact that does not exist: 'gone'",
        "companies/bad.md:3:7: 'tags' must be a list of values",
        "contacts/ann-lee.md:3:9: email 'ann@x.example' is also on contacts/ann.md",
        "contacts/broken.md:3:1: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence",
        "contacts/dup.md:4:10: 'company' names a company that does not exist: 'ghost'",
        "contacts/dup.md:5:9: key 'BadKey' is not lower_snake_case",
        "contacts/jane.md:3:9: email 'jane@x.example' is also on contacts/dup.md",
        "contacts/odd.md:3:9: 'status' must be one of lead, prospect, customer, former, not 'bogus'",
        "deals/d1.md:3:8: unknown stage 'nowhere'",
        "deals/d1.md:5:11: 'contacts' names a contact that does not exist: 'nobody'",
        "deals/d1.md:7:3: each 'history' entry needs 'stage' and an ISO 8601 'at'",
        "deals/d2.md:3:8: 'value' must be a decimal number like 1250.00, not '1.2.3'",
        "tasks/t1.md:4:7: 'deal' names a deal that does not exist: 'missing'",
        "tasks/t1.md:5:12: key 'Extra Key' is not lower_snake_case",
      ])
    let scanned = Check.run(repo)
    XCTAssertEqual(scanned.records, whole.records)
    XCTAssertEqual(scanned.problems.map(\.description), whole.problems.map(\.description))
    XCTAssertFalse(FileSystem.exists(root + "/.crm/cache"), "a check without the cache writes none")
    repo.cacheEnabled = true
    for run in ["cold", "warm"] {
      let projected = Check.run(repo.load(Set(RecordType.allCases), projection: .outline))
      XCTAssertEqual(projected.records, whole.records, run)
      XCTAssertEqual(projected.problems.map(\.description), whole.problems.map(\.description), run)
    }
    XCTAssertTrue(FileSystem.exists(root + "/.crm/cache/contact.outline.bin"))
    XCTAssertFalse(FileSystem.exists(root + "/.crm/cache/contact.bin"), "a projection never writes the whole records' cache")
    // Projected records keep only what the checks read.
    let jane = repo.load([.contact], projection: .outline).index.record(.contact, id: "jane")
    XCTAssertEqual(jane?.fields.map(\.key), ["name", "emails", "company"])
    XCTAssertEqual(jane?.body, "")
    // A deal's history only when an entry is malformed, which is all that is reported of it.
    let deals = repo.load([.deal], projection: .outline).index
    XCTAssertEqual(deals.record(.deal, id: "d1")?.fields.map(\.key), ["title", "stage", "company", "contacts", "history"])
    XCTAssertEqual(deals.record(.deal, id: "d3")?.fields.map(\.key), ["title", "stage"])
  }

  func testTimelineAndShowFindWhatWholeRecordsShow() throws {
    let root = try temporaryRepo(
      [
        "companies/acme.md": "---\nname: Acme\n---\n",
        "contacts/jane.md": "---\nname: Jane\nemails: [jane@x.example]\ncompany: acme\n---\n",
        "contacts/bob.md": "---\nname: Bob\ncompany: acme\n---\n",
        "deals/site.md": "---\ntitle: Site\ncompany: acme\ncontacts: [bob]\nhistory:\n  - stage: lead\n    at: 2026-10-01T00:00:00Z\n---\n",
        "activities/2026/10/call.md": "---\nkind: call\nat: 2026-10-10T09:00:00Z\ncontacts: [jane]\n---\nFirst line\nsecond\n",
        "activities/2026/10/later-note.md": "---\nkind: note\nat: 2026-10-20T09:00:00Z\ncontacts: [jane, bob]\n---\nA note\n",
        "activities/2026/11/meeting.md": "---\nkind: meeting\nat: 2026-11-02T09:00:00Z\ncontacts: [bob]\ndeal: site\nsubject: Kick-off\n---\n",
        "tasks/chase.md": "---\ntitle: Chase\ncontact: jane\ncreated: 2026-10-05T00:00:00Z\n---\n",
        "tickets/login.md": "---\ntitle: Login\ncontact: bob\nopened_at: 2026-10-15T00:00:00Z\n---\n",
      ])
    let types: Set<RecordType> = [.contact, .company, .deal, .activity, .task, .ticket]
    var repo = try Repository(root: root)
    repo.cacheEnabled = false
    let full = repo.load(types).index
    repo.cacheEnabled = true
    for run in ["cold", "warm"] {
      let projected = repo.load(types, projection: .outline).index
      for (type, id) in [(RecordType.company, "acme"), (.contact, "jane"), (.contact, "bob"), (.deal, "site")] {
        let expected = Timeline.events(Timeline.related(to: full.record(type, id: id)!, in: full))
        let shown = repo.whole(Timeline.related(to: projected.record(type, id: id)!, in: projected))
        XCTAssertEqual(shown.problems, [], run)
        let events = Timeline.events(shown.records)
        XCTAssertEqual(events.map(\.at), expected.map(\.at), "\(run) \(id)")
        XCTAssertEqual(events.map(\.summary), expected.map(\.summary), "\(run) \(id)")
        // The shown records are whole: every field and the body (a whole load adds derived values).
        XCTAssertEqual(events.map(\.record.fields), expected.map(\.record.fields), "\(run) \(id)")
        XCTAssertEqual(events.map(\.record.body), expected.map(\.record.body), "\(run) \(id)")
      }
      // When each was last contacted, as the derived field of a whole load says (a note does not count).
      let people = ["jane", "bob"].map { projected.record(.contact, id: $0)! }
      XCTAssertEqual(
        Timeline.lastContacted(ofEach: people, in: projected).map { $0?.description },
        ["2026-10-10T09:00:00Z", "2026-11-02T09:00:00Z"], run)
      XCTAssertEqual(
        ["jane", "bob"].map { full.record(.contact, id: $0)!["last_contacted"]?.text() },
        ["2026-10-10T09:00:00Z", "2026-11-02T09:00:00Z"])
    }
    // show: a record read whole with what links to it has the derived values of a whole load.
    let projected = repo.load(types, projection: .outline).index
    for (type, id) in [(RecordType.contact, "jane"), (.contact, "bob"), (.deal, "site")] {
      let found = projected.record(type, id: id)!
      let shown = repo.whole([found] + projected.referrers(ofEach: [found])[0], derive: true).records[0]
      XCTAssertEqual(shown.derived, full.record(type, id: id)!.derived, id)
      XCTAssertFalse(shown.derived.isEmpty, id)
    }
    // A file that no longer reads when it is read whole is a problem, named by its path.
    try FileSystem.replace(root + "/activities/2026/10/call.md", with: Array("---\nkind: [call\n---\n".utf8))
    let shown = repo.whole(Timeline.related(to: projected.record(.contact, id: "jane")!, in: projected))
    XCTAssertEqual(shown.records.map(\.id), ["later-note", "chase"])
    XCTAssertEqual(shown.problems.map { $0.location?.path }, ["activities/2026/10/call.md"])
  }

  /// A load `naming` some ids keeps exactly the records whose references name one, cold or
  /// from the cache; a cache rewritten by such a load still holds the records it passed over.
  func testALoadNamingIdsKeepsTheRecordsThatNameOne() throws {
    let root = try temporaryRepo(
      [
        "activities/2026/11/a1.md": "---\nkind: call\nat: 2026-11-01T10:00:00Z\ncontacts: [jane, bob]\n---\nOne\n",
        "activities/2026/11/a2.md": "---\nkind: email\nat: 2026-11-02T10:00:00Z\ndeal: big-deal-with-a-long-id\n---\nTwo\n",
        "activities/2026/11/a3.md": "---\nkind: note\nat: 2026-11-03T10:00:00Z\ncontacts: [bob]\nsubject: jane\n---\nThree jane\n",
        "activities/2026/10/a4.md": "---\nkind: meeting\nat: 2026-10-04T10:00:00Z\ncompany: acme\nextra: {note: jane}\n---\n",
        "activities/2026/10/a5.md": "---\nkind: [broken\n---\n",
      ])
    var repo = try Repository(root: root)
    func ids(_ loaded: Repository.Loaded) -> [String] { loaded.index[.activity].map(\.id) }
    let cases: [(Set<String>, [String])] = [(["jane"], ["a1"]), (["big-deal-with-a-long-id", "acme"], ["a2", "a4"]), (["bob"], ["a1", "a3"]), ([], [])]
    for cached in [false, true] {
      repo.cacheEnabled = cached
      _ = repo.load([.activity], projection: .outline)  // writes the cache
      for (naming, expected) in cases {
        let loaded = repo.load([.activity], projection: .outline, naming: naming)
        XCTAssertEqual(ids(loaded), expected, "\(naming), cache \(cached)")
        XCTAssertEqual(loaded.problems.map { $0.location?.path }, ["activities/2026/10/a5.md"])
      }
    }
    // A changed file makes the load naming ids rewrite the cache: what it passed over is kept.
    try writeFiles(["activities/2026/11/a3.md": "---\nkind: note\nat: 2026-11-03T10:00:00Z\ncontacts: [bob, jane]\n---\n"], in: root)
    XCTAssertEqual(ids(repo.load([.activity], projection: .outline, naming: ["jane"])), ["a1", "a3"])
    let listed = repo.list([.activity]).records
    let rewritten = RecordCache.lookup(root, [.activity], files: listed, projection: .outline)
    XCTAssertEqual(rewritten.entries.map { $0?.record?.id }, ["a4", nil, "a1", "a2", "a3"])
    let warm = repo.load([.activity], projection: .outline)
    repo.cacheEnabled = false
    let cold = repo.load([.activity], projection: .outline)
    XCTAssertEqual(warm.index[.activity], cold.index[.activity])
    XCTAssertEqual(warm.index[.activity].map { $0.fields.map(\.key) }, [["kind", "at", "contacts"], ["kind", "at", "deal"], ["kind", "at", "contacts"], ["kind", "at", "company"]])
  }
}
