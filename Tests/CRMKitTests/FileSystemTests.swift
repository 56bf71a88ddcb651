import XCTest

@testable import CRMKit

final class FileSystemTests: XCTestCase {
  func testListGivesPrefixedNamesInByteOrderWithTheirKinds() throws {
    let root = temporaryFolder()
    try writeFiles(["b.md": "", "a.md": "", "B.md": "", ".hidden": "", "é.md": "", "sub/x.md": ""], in: root)
    try FileManager.default.createSymbolicLink(atPath: root + "/link.md", withDestinationPath: "a.md")
    let listed = FileSystem.list(root, prefix: "contacts/")
    XCTAssertEqual(listed.map(\.name), ["contacts/.hidden", "contacts/B.md", "contacts/a.md", "contacts/b.md", "contacts/link.md", "contacts/sub", "contacts/é.md"])
    XCTAssertEqual(listed.map(\.kind), [.file, .file, .file, .file, .link, .directory, .file])
    XCTAssertEqual(FileSystem.list(root + "/sub").map(\.name), ["x.md"])
    try FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: false)
    XCTAssertTrue(FileSystem.list(root + "/empty").isEmpty)
    XCTAssertTrue(FileSystem.list(root + "/missing").isEmpty)
  }

  /// Names are sorted by their first eight bytes, then by the rest: names that share those
  /// bytes, are shorter than eight, or are prefixes of one another still come in byte order.
  func testListSortsNamesThatShareTheirFirstBytes() throws {
    let root = temporaryFolder()
    var names = [
      "abcdefgh", "abcdefgh.md", "abcdefghi", "abcdefg", "abcdefgé", "abcdefg-", "abc", "ab", "a", "abcdefgha", "abcdefgg.md",
      "jennifer-hill.md", "jennifer-hill-2.md", "jennifer-hall.md", "jennifer.md", "zz", "é", "ée", "a{",
    ]
    let alphabet = Array("ab-.é{")
    for i in 0..<200 { names.append("a" + String((0..<(i % 12)).map { _ in alphabet.randomElement()! })) }
    let unique = Array(Set(names))
    try FileSystem.makeDirectories(root)
    for name in unique { try FileSystem.replace(root + "/" + name, with: []) }
    let byteOrder = unique.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    XCTAssertEqual(FileSystem.list(root).map(\.name), byteOrder)
  }

  func testOpenFoldersReadEachFileByItsNameInItsFolder() throws {
    let root = temporaryFolder()
    let text = "---\nname: A\n---\nbody\n"
    try writeFiles(["contacts/a.md": text, "contacts/empty.md": "", "activities/2024/01/x.md": "x"], in: root)
    let folders = FileSystem.OpenFolders(root: root, folders: [("contacts", 0), ("activities/2024/01", 2), ("gone", 3)])
    let buffer = FileSystem.ReadBuffer()
    let read = try folders.read(0, "contacts/a.md", into: buffer)
    XCTAssertEqual(Array(read.bytes), Array(text.utf8))
    XCTAssertEqual(read.stamp, FileSystem.stamp(of: root + "/contacts/a.md"))
    XCTAssertEqual(Array(try folders.read(1, "contacts/empty.md", into: buffer).bytes), [])
    XCTAssertEqual(Array(try folders.read(2, "activities/2024/01/x.md", into: buffer).bytes), Array("x".utf8))
    // A folder that could not be opened: the file is looked for by its whole path.
    try writeFiles(["gone/y.md": "y"], in: root)
    XCTAssertEqual(Array(try folders.read(3, "gone/y.md", into: buffer).bytes), Array("y".utf8))
  }

  /// One buffer reads files one after another, growing for one bigger than it.
  func testAReadBufferReadsFilesOfAnySizeInTurn() throws {
    let root = temporaryFolder()
    let big = String(repeating: "0123456789", count: 5000)
    try writeFiles(["a.md": "short", "big.md": big, "b.md": "after"], in: root)
    let buffer = FileSystem.ReadBuffer()
    for (name, text) in [("a.md", "short"), ("big.md", big), ("b.md", "after"), ("big.md", big)] {
      XCTAssertEqual(String(decoding: try buffer.read(name, in: root).bytes, as: UTF8.self), text, name)
    }
    XCTAssertThrowsError(try (root + "/big.md").withCString { try buffer.read(at: $0, from: AT_FDCWD, path: "big.md", limit: 10) }) {
      XCTAssertEqual(($0 as? CRMError)?.description, "big.md: file is over 10 bytes", "never a part read as the whole")
    }
  }

  func testOpenFoldersNameTheRelativePathInErrors() throws {
    let root = temporaryFolder()
    try writeFiles(["contacts/a.md": "a"], in: root)
    try FileManager.default.createSymbolicLink(atPath: root + "/contacts/link.md", withDestinationPath: "a.md")
    try FileManager.default.createDirectory(atPath: root + "/contacts/dir.md", withIntermediateDirectories: false)
    let folders = FileSystem.OpenFolders(root: root, folders: [("contacts", 0)])
    func failure(_ path: String) -> CRMError? {
      do {
        _ = try folders.read(0, path, into: FileSystem.ReadBuffer())
        return nil
      } catch {
        return error
      }
    }
    XCTAssertEqual(failure("contacts/missing.md")?.description, "contacts/missing.md: No such file or directory")
    XCTAssertEqual(failure("contacts/missing.md")?.kind, .notFound)
    XCTAssertEqual(failure("contacts/link.md")?.description, "contacts/link.md: is a symbolic link; crm does not follow links")
    XCTAssertEqual(failure("contacts/dir.md")?.description, "contacts/dir.md: is not a regular file")
    // Read by its whole path when its folder is not open: still named relative to the root.
    let closed = FileSystem.OpenFolders(root: root, folders: [])
    XCTAssertThrowsError(try closed.read(0, "contacts/missing.md", into: FileSystem.ReadBuffer())) {
      XCTAssertEqual(($0 as? CRMError)?.description, "contacts/missing.md: No such file or directory")
    }
  }

  func testAFileOverTheLimitIsAnErrorNeverCut() throws {
    let root = temporaryFolder()
    try writeFiles(["big.md": String(repeating: "x", count: 100)], in: root)
    XCTAssertThrowsError(try FileSystem.contents(of: root + "/big.md", limit: 99)) {
      XCTAssertEqual(($0 as? CRMError)?.description, root + "/big.md: file is over 99 bytes")
    }
    XCTAssertEqual(try FileSystem.contents(of: root + "/big.md", limit: 100).count, 100)
    XCTAssertEqual(FileSystem.sizeText(1 << 20), "1 MiB")
  }
}
