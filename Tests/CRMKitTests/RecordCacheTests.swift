import XCTest

@testable import CRMKit

final class RecordCacheTests: XCTestCase {
  func testEveryValueKindRoundTripsAndRecentFilesAreLeftOut() throws {
    let root = temporaryFolder()
    let text = """
      ---
      title: Ünïcode 李伟 "deal"
      value: -12.50
      probability: 40
      expected_close: 1969-12-31
      closed_at: 2026-11-22T14:30:00.125+05:30
      tags: [a, b]
      flag: true
      empty:
      history:
        - stage: lead
          at: 2026-11-01T00:00:00Z
      ---
      Body with
      two lines.

      """
    let record = try Record.parse(type: .deal, path: "deals/x.md", bytes: Array(text.utf8))
    let old = FileStamp(size: 10, modified: 1_000_000_000, inode: 42)
    let recent = FileStamp(size: 10, modified: Int64(Date().timeIntervalSince1970) * 1_000_000_000, inode: 43)
    let other = try Record.parse(type: .deal, path: "deals/y.md", bytes: Array("---\ntitle: Y\n---\n".utf8))
    RecordCache.write(root, .deal, [RecordCache.Entry(stamp: old, record: record), RecordCache.Entry(stamp: recent, record: other)])
    let read = RecordCache.lookup(root, [.deal, .contact], files: [(.deal, "deals/x.md"), (.deal, "deals/y.md"), (.contact, "contacts/x.md")])
    XCTAssertEqual(read.counts, [.deal: 1], "a file changed in the last two seconds is not cached; no contact cache")
    XCTAssertEqual(read.entries[0]?.record, record)
    XCTAssertEqual(read.entries[0]?.stamp, old)
    XCTAssertNil(read.entries[1])
    XCTAssertNil(read.entries[2])
  }

  func testManyChunksRoundTrip() throws {
    let root = temporaryFolder()
    let count = RecordCache.chunkSize * 2 + 7
    let entries = try (0..<count).map { i in
      RecordCache.Entry(
        stamp: FileStamp(size: Int64(i), modified: 1_000_000_000, inode: UInt64(i)),
        record: try Record.parse(type: .contact, path: "contacts/c\(i).md", bytes: Array("---\nname: C \(i)\n---\n".utf8)))
    }
    RecordCache.write(root, .contact, entries)
    let listed = entries.map { (type: RecordType.contact, path: $0.path) }
    let read = RecordCache.lookup(root, [.contact], files: listed)
    XCTAssertEqual(read.counts[.contact], count)
    XCTAssertEqual(read.entries.map { $0?.record }, entries.map(\.record))
    XCTAssertEqual(read.entries.map { $0?.stamp }, entries.map(\.stamp))
    // A file added before the others moves every position: entries are found by path.
    let shifted = RecordCache.lookup(root, [.contact], files: [(.contact, "contacts/a.md")] + listed.reversed())
    XCTAssertNil(shifted.entries[0])
    XCTAssertEqual(shifted.entries.dropFirst().map { $0?.record }, entries.reversed().map(\.record))
  }

  /// A sync tool or a backup restore may cut a cache file short and write it again in place
  /// while crm reads it: each lookup gets the whole cache or none, and never crashes.
  func testACacheRewrittenInPlaceUnderALookupIsWholeOrEmpty() throws {
    let root = temporaryFolder()
    let entries = try (0..<1000).map { i in
      RecordCache.Entry(
        stamp: FileStamp(size: Int64(i), modified: 1_000_000_000, inode: UInt64(i)),
        record: try Record.parse(type: .contact, path: "contacts/c\(i).md", bytes: Array("---\nname: C \(i)\n---\nSome notes.\n".utf8)))
    }
    RecordCache.write(root, .contact, entries)
    let path = RecordCache.path(root, .contact)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    let stop = LockedFlag()
    let rewriter = Thread {
      while !stop.isSet {
        let fd = open(path, O_WRONLY)
        ftruncate(fd, 0)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
      }
    }
    rewriter.start()
    defer { stop.set() }
    let listed = entries.map { (type: RecordType.contact, path: $0.path) }
    var whole = 0
    for _ in 0..<500 {
      let read = RecordCache.lookup(root, [.contact], files: listed)
      guard read.counts[.contact] != nil else { continue }
      XCTAssertEqual(read.entries.map { $0?.record }, entries.map(\.record))
      whole += 1
    }
    XCTAssertGreaterThan(whole, 0, "the cache was never read whole")
  }

  func testADamagedChunkOrTableEmptiesThatTypeOnly() throws {
    let root = temporaryFolder()
    let stamp = FileStamp(size: 1, modified: 1_000_000_000, inode: 1)
    let contacts = try (0..<(RecordCache.chunkSize + 1)).map { i in
      RecordCache.Entry(stamp: stamp, record: try Record.parse(type: .contact, path: "contacts/c\(i).md", bytes: Array("---\nname: C\n---\n".utf8)))
    }
    let deal = RecordCache.Entry(stamp: stamp, record: try Record.parse(type: .deal, path: "deals/d.md", bytes: Array("---\ntitle: D\n---\n".utf8)))
    RecordCache.write(root, .contact, contacts)
    RecordCache.write(root, .deal, [deal])
    let files = contacts.map { (type: RecordType.contact, path: $0.path) } + [(.deal, "deals/d.md")]
    XCTAssertEqual(RecordCache.lookup(root, [.contact, .deal], files: files).counts, [.contact: contacts.count, .deal: 1])
    let path = RecordCache.path(root, .contact)
    let good = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
    for offset in [RecordCache.header(nil).count + 2, good.count - 3] {  // in the table; in the last chunk
      var bad = good
      bad[offset] ^= 0x55
      try Data(bad).write(to: URL(fileURLWithPath: path))
      let read = RecordCache.lookup(root, [.contact, .deal], files: files)
      XCTAssertEqual(read.counts, [.deal: 1], "damage at \(offset)")
      XCTAssertTrue(read.entries.dropLast().allSatisfy { $0 == nil })
      XCTAssertEqual(read.entries.last??.record, deal.record)
    }
  }

  /// A cached value nests no deeper than a file's can (the front matter counting as one
  /// level): a deeper one was not written by a parse, and reading it could overflow the stack,
  /// so the cache reads as damaged, whether records are built or passed over.
  func testACacheNestedDeeperThanAFileCanBeIsDamaged() throws {
    func entry(listsDeep depth: Int) -> RecordCache.Entry {
      let value = (1..<depth).reduce(Value.list([.string("x")])) { inner, _ in .list([inner]) }
      let record = Record(type: .contact, id: "c", path: "contacts/c.md", fields: [Field("name", .string("C")), Field("meta", value)], body: "")
      return RecordCache.Entry(stamp: FileStamp(size: 1, modified: 1_000_000_000, inode: 1), record: record)
    }
    let root = temporaryFolder()
    let files = [(type: RecordType.contact, path: "contacts/c.md")]
    let deepest = entry(listsDeep: YAMLEvents.maximumDepth - 1)
    RecordCache.write(root, .contact, [deepest])
    XCTAssertEqual(RecordCache.lookup(root, [.contact], files: files).entries.map { $0?.record }, [deepest.record])
    XCTAssertEqual(RecordCache.lookup(root, [.contact], files: files, naming: ["x"]).counts, [.contact: 1])
    RecordCache.write(root, .contact, [entry(listsDeep: YAMLEvents.maximumDepth)])
    XCTAssertEqual(RecordCache.lookup(root, [.contact], files: files).counts, [:])
    XCTAssertEqual(RecordCache.lookup(root, [.contact], files: files, naming: ["x"]).counts, [:])
  }

  /// A projection's cache is its own, and one written when the projection kept other fields
  /// (a later version changed it under the same name) is not used.
  func testAProjectionsCacheIsApartAndFingerprintedWithWhatItKeeps() throws {
    let root = temporaryFolder()
    let stamp = FileStamp(size: 1, modified: 1_000_000_000, inode: 1)
    let entry = RecordCache.Entry(stamp: stamp, record: try Record.parse(type: .contact, path: "contacts/c.md", bytes: Array("---\nname: C\n---\n".utf8)))
    let names = Repository.Projection(name: "p") { _, key in key == "name" }
    let emails = Repository.Projection(name: "p") { _, key in key == "emails" }
    RecordCache.write(root, .contact, [entry], projection: names)
    let files = [(type: RecordType.contact, path: "contacts/c.md")]
    XCTAssertTrue(FileSystem.exists(root + "/.crm/cache/contact.p.bin"))
    XCTAssertEqual(RecordCache.lookup(root, [.contact], files: files).counts, [:], "whole records have their own cache")
    XCTAssertEqual(RecordCache.lookup(root, [.contact], files: files, projection: names).entries.map { $0?.record }, [entry.record])
    XCTAssertEqual(RecordCache.lookup(root, [.contact], files: files, projection: emails).counts, [:], "kept other fields")
  }

  /// The cache's schema fingerprint spells each kind out: two kinds read the same only when
  /// they are the same, so a changed kind invalidates cached records.
  /// Any one byte changed, in a lane's block or in the tail after the blocks, changes the checksum.
  func testTheChecksumSeesAnyOneByteChanged() {
    for count in [0, 1, 7, 8, 9, 31, 32, 33, 40, 64, 100] {
      var bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
      let sum = bytes.withUnsafeBufferPointer { RecordCache.checksum($0, $0.indices) }
      for i in 0..<count {
        for flip: UInt8 in [1, 0x80] {
          bytes[i] ^= flip
          XCTAssertNotEqual(bytes.withUnsafeBufferPointer { RecordCache.checksum($0, $0.indices) }, sum, "\(count) bytes, byte \(i)")
          bytes[i] ^= flip
        }
      }
      // A range is hashed on its own: the same bytes elsewhere give the same sum.
      let framed = [0xAA] + bytes + [0xBB]
      XCTAssertEqual(framed.withUnsafeBufferPointer { RecordCache.checksum($0, 1..<count + 1) }, sum)
    }
  }

  func testEveryKindHasItsOwnFingerprint() {
    let kinds = RecordType.allCases.flatMap { $0.fields.map(\.kind) } + [.integer(0...1), .integer(0...2), .choice(["a,b"]), .choice(["a", "b"])]
    for a in kinds {
      for b in kinds { XCTAssertEqual(a == b, a.fingerprint == b.fingerprint, "\(a) \(b)") }
    }
  }

  func testALoadFromASurveyIsTheLoadItWouldHaveDone() throws {
    let root = try temporaryRepo([
      "contacts/jane.md": "---\nname: Jane\n---\n",
      "activities/2026/01/call-a.md": "---\nkind: call\nat: 2026-01-05T10:00:00Z\ncontacts: [jane]\n---\n",
      "activities/2026/02/call-b.md": "---\nkind: call\nat: 2026-02-05T10:00:00Z\ncontacts: [bob]\n---\n",
      "activities/2026/02/broken.md": "---\nkind: [\n---\n",
    ])
    let repo = try Repository(root: root)
    func ids(_ loaded: Repository.Loaded) -> [String] { loaded.index[.activity].map(\.path) }
    let cold = repo.load([.activity], projection: .outline, naming: ["jane"])  // and writes the cache
    let survey = repo.survey([.activity])
    XCTAssertEqual(survey.listing.records.map(\.path), ["activities/2026/01/call-a.md", "activities/2026/02/broken.md", "activities/2026/02/call-b.md"])
    XCTAssertEqual(survey.stamps, survey.listing.records.map { FileSystem.stamp(of: root + "/" + $0.path) })
    let warm = repo.load([.activity], projection: .outline, naming: ["jane"], surveyed: survey)
    XCTAssertEqual(ids(warm), ["activities/2026/01/call-a.md"])
    XCTAssertEqual(ids(warm), ids(cold))
    XCTAssertEqual(warm.problems, cold.problems)
    // A file changed since: a new survey sees it, as a plain load does.
    try writeFiles(["activities/2026/02/call-b.md": "---\nkind: call\nat: 2026-02-05T10:00:00Z\ncontacts: [jane]\n---\n"], in: root)
    let again = repo.load([.activity], projection: .outline, naming: ["jane"], surveyed: repo.survey([.activity]))
    XCTAssertEqual(ids(again), ["activities/2026/01/call-a.md", "activities/2026/02/call-b.md"])
    XCTAssertEqual(ids(again), ids(repo.load([.activity], projection: .outline, naming: ["jane"])))
  }

  func testABackgroundValueIsWaitedFor() {
    let value = Background { () -> Int in
      usleep(20_000)
      return 42
    }
    XCTAssertEqual(value.value, 42)
    XCTAssertEqual(value.value, 42, "read twice")
  }
}

/// A flag one thread sets and another polls.
final class LockedFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false
  var isSet: Bool { lock.withLock { value } }
  func set() { lock.withLock { value = true } }
}
