import XCTest

@testable import CRMKit

/// A record parsed from front matter text, as if read from `<folder>/<id>.md`.
func record(_ type: RecordType, _ id: String, _ yaml: String, body: String = "") -> Record {
  try! Record.parse(type: type, path: "\(type.folder)/\(id).md", bytes: Array("---\n\(yaml)---\n\(body)".utf8))
}

/// Writes `files` under `root`, an hour old, so the caches keep them (they leave out files
/// changed in the last two seconds).
func writeFiles(_ files: [String: String], in root: String) throws {
  for (path, text) in files {
    try FileSystem.makeDirectories(root + "/" + (path as NSString).deletingLastPathComponent)
    try FileSystem.replace(root + "/" + path, with: Array(text.utf8))
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: root + "/" + path)
  }
}

extension XCTestCase {
  /// A path for a temporary folder, removed when the test ends.
  func temporaryFolder() -> String {
    let root = NSTemporaryDirectory() + "crm-test-\(UInt32.random(in: 0...UInt32.max))"
    addTeardownBlock { try? FileManager.default.removeItem(atPath: root) }
    return root
  }

  /// A new repo in a temporary folder holding `files`, removed when the test ends. Its files
  /// and config are an hour old, as `writeFiles` leaves them.
  func temporaryRepo(_ files: [String: String]) throws -> String {
    let root = temporaryFolder()
    _ = try Repository.initialize(at: root, git: false)
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: root + "/" + Config.path)
    try writeFiles(files, in: root)
    return root
  }
}
