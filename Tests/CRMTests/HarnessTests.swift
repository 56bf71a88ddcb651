import Foundation
import XCTest

/// The harness itself: which crm the end-to-end tests run.
final class HarnessTests: CRMTestCase {
  func testCRMBinaryPicksTheCrmUnderTest() throws {
    let saved = ProcessInfo.processInfo.environment["CRM_BINARY"]
    defer {
      if let saved { setenv("CRM_BINARY", saved, 1) } else { unsetenv("CRM_BINARY") }
    }
    unsetenv("CRM_BINARY")
    let beside = CRMBinary.url
    XCTAssertEqual(beside.lastPathComponent, "crm")
    XCTAssertTrue(FileManager.default.isExecutableFile(atPath: beside.path), beside.path)
    setenv("CRM_BINARY", "/usr/local/bin/some-crm", 1)
    XCTAssertEqual(CRMBinary.url.path, "/usr/local/bin/some-crm")
    setenv("CRM_BINARY", ".build/release/crm", 1)
    XCTAssertEqual(CRMBinary.url.path, FileManager.default.currentDirectoryPath + "/.build/release/crm")
  }
}
