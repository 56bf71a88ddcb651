import XCTest

@testable import CRMKit

final class RecordCacheTests: XCTestCase {
  func testEveryValueKindRoundTripsAndRecentFilesAreLeftOut() throws {
    let root = NSTemporaryDirectory() + "crm-cache-\(UInt32.random(in: 0...UInt32.max))"
    defer { try? FileManager.default.removeItem(atPath: root) }
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
    let read = RecordCache.read(root, .deal)
    XCTAssertEqual(Array(read.keys), ["deals/x.md"], "a file changed in the last two seconds is not cached")
    XCTAssertEqual(read["deals/x.md"]?.record, record)
    XCTAssertEqual(read["deals/x.md"]?.stamp, old)
    XCTAssertEqual(RecordCache.read(root, .contact).count, 0)
  }

  func testManyChunksRoundTrip() throws {
    let root = NSTemporaryDirectory() + "crm-cache-\(UInt32.random(in: 0...UInt32.max))"
    defer { try? FileManager.default.removeItem(atPath: root) }
    let count = RecordCache.chunkSize * 2 + 7
    let entries = try (0..<count).map { i in
      RecordCache.Entry(
        stamp: FileStamp(size: Int64(i), modified: 1_000_000_000, inode: UInt64(i)),
        record: try Record.parse(type: .contact, path: "contacts/c\(i).md", bytes: Array("---\nname: C \(i)\n---\n".utf8)))
    }
    RecordCache.write(root, .contact, entries)
    let read = RecordCache.read(root, .contact)
    XCTAssertEqual(read.count, count)
    XCTAssertEqual(read["contacts/c4100.md"]?.record, entries[4100].record)
    XCTAssertEqual(read["contacts/c4100.md"]?.stamp, entries[4100].stamp)
  }
}
