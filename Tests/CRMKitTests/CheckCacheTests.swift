import XCTest

@testable import CRMKit

/// `check` keeps its last result with the stamps of everything it read: it may serve it
/// only when nothing it depends on changed.
final class CheckCacheTests: XCTestCase {
  var root = ""

  override func setUpWithError() throws {
    root = try temporaryRepo(
      [
        "contacts/jane.md": "---\nname: Jane\nemails: [jane@x.example]\ncompany: ghost\n---\n",
        "contacts/broken.md": "---\nname: [broken\n---\n",
        "deals/d1.md": "---\ntitle: D1\nstage: nowhere\n---\n",
      ])
  }

  var repo: Repository { get throws { try Repository(root: root) } }

  func fullCheck() throws -> [String] {
    var repo = try repo
    repo.cacheEnabled = false
    return Check.run(repo).problems.map(\.description)
  }

  func testAnUnchangedRepoIsServedWithoutReadingARecord() throws {
    let expected = try fullCheck()
    XCTAssertEqual(expected.count, 3)
    XCTAssertFalse(FileSystem.exists(CheckCache.path(root)), "no cache when it is turned off")
    var loads = 0
    XCTAssertEqual(Check.run(try repo, keep: { if $0 is Repository.Loaded { loads += 1 } }).problems.map(\.description), expected)
    XCTAssertTrue(FileSystem.exists(CheckCache.path(root)))
    let served = Check.run(try repo, keep: { if $0 is Repository.Loaded { loads += 1 } })
    XCTAssertEqual(served.problems.map(\.description), expected)
    XCTAssertEqual(served.records, 2)
    XCTAssertEqual(loads, 1, "the second check loaded no records")
    // Another program (a rebuilt crm may word problems otherwise) has another key.
    let repo = try repo
    let survey = repo.survey(Set(RecordType.allCases))
    let key = try XCTUnwrap(CheckCache.key(root, survey))
    XCTAssertNotNil(CheckCache.lookup(root, key: key))
    let other = FileStamp(size: 1, modified: 2, inode: 3)
    XCTAssertNil(CheckCache.lookup(root, key: try XCTUnwrap(CheckCache.key(root, survey, program: other))))
  }

  func testAnyChangedInputIsCheckedAgain() throws {
    _ = Check.run(try repo)
    let changes: [(String, () throws -> Void)] = [
      ("edited file", { try writeFiles(["contacts/jane.md": "---\nname: Jane\nemails: [jane@x.example]\ncompany: ghost2\n---\n"], in: self.root) }),
      ("new file", { try writeFiles(["contacts/bob.md": "---\nname: Bob\nemails: [jane@x.example]\n---\n"], in: self.root) }),
      ("fixed file", { try writeFiles(["contacts/broken.md": "---\nname: Fixed\n---\n"], in: self.root) }),
      ("renamed file", { try FileManager.default.moveItem(atPath: self.root + "/contacts/bob.md", toPath: self.root + "/contacts/bobby.md") }),  // same place in the listing
      ("deleted file", { try FileManager.default.removeItem(atPath: self.root + "/contacts/bobby.md") }),
      ("config", { try writeFiles([Config.path: "pipeline:\n  - stage: nowhere\n    probability: 5\n"], in: self.root) }),
      ("leftover", { try writeFiles(["contacts/.jane.md" + FileSystem.temporaryMarker + "1": "x"], in: self.root) }),
    ]
    for (name, change) in changes {
      try change()
      XCTAssertEqual(Check.run(try repo).problems.map(\.description), try fullCheck(), name)
    }
  }

  func testAFileChangedInTheLastTwoSecondsIsNotTrusted() throws {
    try FileSystem.replace(root + "/contacts/jane.md", with: Array("---\nname: Jane\n---\n".utf8))
    let repo = try repo
    let survey = repo.survey(Set(RecordType.allCases))
    XCTAssertNil(CheckCache.key(root, survey), "an edit in the same mtime tick could look unchanged")
    XCTAssertEqual(Check.run(repo).problems.map(\.description), try fullCheck())
    XCTAssertFalse(FileSystem.exists(CheckCache.path(root)), "nothing saved while a file is unsettled")
  }

  func testAResultIsSavedWhole() throws {
    let problems = [
      CRMError(.data, "bad", at: SourceLocation(path: "contacts/a.md", mark: SourceMark(line: 3, column: 7)), hint: "fix it"),
      CRMError(.data, "leftover", at: SourceLocation(path: "contacts/.b.md")),
      CRMError(.failed, "no place"),
    ]
    CheckCache.write(root, key: [1, 2, 3], (problems, 42))
    let saved = try XCTUnwrap(CheckCache.lookup(root, key: [1, 2, 3]))
    XCTAssertEqual(saved.problems, problems)
    XCTAssertEqual(saved.records, 42)
    XCTAssertNil(CheckCache.lookup(root, key: [1, 2, 4]))
    XCTAssertNil(CheckCache.lookup(root, key: [1, 2]))
    // Damage anywhere reads as no saved result.
    let good = try XCTUnwrap(FileManager.default.contents(atPath: CheckCache.path(root)))
    for place in good.indices {
      var bad = good
      bad[place] ^= 0x01
      try bad.write(to: URL(fileURLWithPath: CheckCache.path(root)))
      if let read = CheckCache.lookup(root, key: [1, 2, 3]) { XCTFail("byte \(place) flipped, read \(read)") }
    }
    for cut in good.indices {
      try good.prefix(cut).write(to: URL(fileURLWithPath: CheckCache.path(root)))
      XCTAssertNil(CheckCache.lookup(root, key: [1, 2, 3]), "cut at \(cut)")
    }
  }
}
