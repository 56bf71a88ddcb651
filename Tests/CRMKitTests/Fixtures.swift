import Foundation

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
