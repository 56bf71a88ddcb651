@testable import CRMKit

/// A record parsed from front matter text, as if read from `<folder>/<id>.md`.
func record(_ type: RecordType, _ id: String, _ yaml: String, body: String = "") -> Record {
  try! Record.parse(type: type, path: "\(type.folder)/\(id).md", bytes: Array("---\n\(yaml)---\n\(body)".utf8))
}
