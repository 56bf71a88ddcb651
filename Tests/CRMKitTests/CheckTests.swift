import XCTest

@testable import CRMKit

final class CheckTests: XCTestCase {
  /// `check` reads records through its projection, and a warm run reads the projection's
  /// cache: both must find exactly what a check of whole records finds.
  func testTheProjectionFindsWhatWholeRecordsShow() throws {
    let root = NSTemporaryDirectory() + "crm-check-\(UInt32.random(in: 0...UInt32.max))"
    defer { try? FileManager.default.removeItem(atPath: root) }
    _ = try Repository.initialize(at: root, git: false)
    let files = [
      "contacts/jane.md": "---\nname: Jane\nemails: [Jane@X.example, jane@x.example]\ncompany: acme\n---\nNotes.\n",
      "contacts/dup.md": "---\nname: Dup\nemails: [jane@x.example]\ncompany: ghost\nBadKey: 1\n---\n",
      "contacts/broken.md": "---\nname: [broken\n---\n",
      "companies/acme.md": "---\nname: Acme\n---\n",
      "deals/d1.md": "---\ntitle: D1\nstage: nowhere\ncompany: acme\ncontacts: [jane, broken, nobody]\nhistory:\n  - stage: lead\n---\n",
      "activities/2026/11/call.md": "---\nkind: call\nat: 2026-11-01T10:00:00Z\ncontacts: [jane, gone]\ndeal: d1\n---\nHello\n",
      "tasks/t1.md": "---\ntitle: T\ncontact: dup\ndeal: missing\nExtra Key: x\n---\n",
    ]
    for (path, text) in files {
      try FileSystem.makeDirectories(root + "/" + (path as NSString).deletingLastPathComponent)
      try FileSystem.writeAtomically(Array(text.utf8), to: root + "/" + path, replacing: nil)
      // An hour old, so the cache keeps it (it leaves out files changed in the last two seconds).
      try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: root + "/" + path)
    }
    var repo = try Repository(root: root)
    repo.cacheEnabled = false
    let whole = Check.run(repo.load(Set(RecordType.allCases)))
    XCTAssertEqual(whole.records, 6)
    XCTAssertEqual(
      whole.problems.map(\.description),
      [
        "activities/2026/11/call.md:4:11: 'contacts' names a contact that does not exist: 'gone'",
        "contacts/broken.md:3:1: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence",
        "contacts/dup.md:4:10: 'company' names a company that does not exist: 'ghost'",
        "contacts/dup.md:5:9: key 'BadKey' is not lower_snake_case",
        "contacts/jane.md:3:9: email 'jane@x.example' is also on contacts/dup.md",
        "deals/d1.md:3:8: unknown stage 'nowhere'",
        "deals/d1.md:5:11: 'contacts' names a contact that does not exist: 'nobody'",
        "deals/d1.md:7:3: each 'history' entry needs 'stage' and an ISO 8601 'at'",
        "tasks/t1.md:4:7: 'deal' names a deal that does not exist: 'missing'",
        "tasks/t1.md:5:12: key 'Extra Key' is not lower_snake_case",
      ])
    repo.cacheEnabled = true
    for run in ["cold", "warm"] {
      let projected = Check.run(repo.load(Set(RecordType.allCases), derive: false, projection: Check.projection))
      XCTAssertEqual(projected.records, whole.records, run)
      XCTAssertEqual(projected.problems.map(\.description), whole.problems.map(\.description), run)
    }
    XCTAssertTrue(FileSystem.exists(root + "/.crm/cache/contact.check.bin"))
    XCTAssertFalse(FileSystem.exists(root + "/.crm/cache/contact.bin"), "a projection never writes the whole records' cache")
    // Projected records keep only what the checks read.
    let jane = repo.load([.contact], derive: false, projection: Check.projection).index.record(.contact, id: "jane")
    XCTAssertEqual(jane?.fields.map(\.key), ["emails", "company"])
    XCTAssertEqual(jane?.body, "")
  }
}
