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
}
