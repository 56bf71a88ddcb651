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

  func testOpenFoldersReadEachFileByItsNameInItsFolder() throws {
    let root = temporaryFolder()
    let text = "---\nname: A\n---\nbody\n"
    try writeFiles(["contacts/a.md": text, "contacts/empty.md": "", "activities/2024/01/x.md": "x"], in: root)
    let folders = FileSystem.OpenFolders(root: root, folders: [("contacts", 0), ("activities/2024/01", 2), ("gone", 3)])
    let read = try folders.contentsWithStamp(0, "contacts/a.md")
    XCTAssertEqual(read.bytes, Array(text.utf8))
    XCTAssertEqual(read.stamp, FileSystem.stamp(of: root + "/contacts/a.md"))
    XCTAssertEqual(try folders.contentsWithStamp(1, "contacts/empty.md").bytes, [])
    XCTAssertEqual(try folders.contentsWithStamp(2, "activities/2024/01/x.md").bytes, Array("x".utf8))
    // A folder that could not be opened: the file is looked for by its whole path.
    try writeFiles(["gone/y.md": "y"], in: root)
    XCTAssertEqual(try folders.contentsWithStamp(3, "gone/y.md").bytes, Array("y".utf8))
  }

  func testOpenFoldersNameTheRelativePathInErrors() throws {
    let root = temporaryFolder()
    try writeFiles(["contacts/a.md": "a"], in: root)
    try FileManager.default.createSymbolicLink(atPath: root + "/contacts/link.md", withDestinationPath: "a.md")
    try FileManager.default.createDirectory(atPath: root + "/contacts/dir.md", withIntermediateDirectories: false)
    let folders = FileSystem.OpenFolders(root: root, folders: [("contacts", 0)])
    func failure(_ path: String) -> CRMError? {
      do {
        _ = try folders.contentsWithStamp(0, path)
        return nil
      } catch {
        return error
      }
    }
    XCTAssertEqual(failure("contacts/missing.md")?.description, "contacts/missing.md: No such file or directory")
    XCTAssertEqual(failure("contacts/missing.md")?.kind, .notFound)
    XCTAssertEqual(failure("contacts/link.md")?.description, "contacts/link.md: is a symbolic link; crm does not follow links")
    XCTAssertEqual(failure("contacts/dir.md")?.description, "contacts/dir.md: is not a regular file")
  }

  func testAReadStopsOneByteAfterTheLimit() throws {
    let root = temporaryFolder()
    try writeFiles(["big.md": String(repeating: "x", count: 100)], in: root)
    XCTAssertEqual(try FileSystem.contents(of: root + "/big.md", limit: 10).count, 11)
    XCTAssertEqual(try FileSystem.contents(of: root + "/big.md", limit: 100).count, 100)
  }
}
