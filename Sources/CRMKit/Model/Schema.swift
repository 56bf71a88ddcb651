/// How a field's text is read and written.
public enum FieldKind: Sendable, Equatable {
  case text
  /// One line of text that names a record (a name or title): a write refuses control
  /// characters in it, which could rewrite the terminal of whoever lists it. Files that
  /// already have them are read, and shown escaped.
  case line
  case integer(ClosedRange<Int>)
  case decimal
  case boolean
  case date
  case timestamp
  case choice([String])
  case reference(RecordType)
  /// A list of ids; a single id is read as a one-item list.
  case references(RecordType)
  /// A list of email addresses; a single address is read as a one-item list.
  case emails
  /// A list of strings; a single string is read as a one-item list.
  case strings
  /// A list of mappings, such as a deal's stage history.
  case entries
  /// A key the schema does not know: kept as written, scalars read as text.
  case any

  /// The kind as the cache's schema fingerprint spells it: written out, because describing
  /// an enum by reflection costs a tenth of a small command's run.
  var fingerprint: String {
    switch self {
    case .text: "text"
    case .line: "line"
    case .integer(let range): "integer(\(range.lowerBound)...\(range.upperBound))"
    case .decimal: "decimal"
    case .boolean: "boolean"
    case .date: "date"
    case .timestamp: "timestamp"
    case .choice(let allowed): "choice(\(allowed.map(\.debugDescription).joined(separator: ",")))"
    case .reference(let target): "reference(\(target.rawValue))"
    case .references(let target): "references(\(target.rawValue))"
    case .emails: "emails"
    case .strings: "strings"
    case .entries: "entries"
    case .any: "any"
    }
  }

  /// Whether values are lists.
  public var isList: Bool {
    switch self {
    case .references, .emails, .strings, .entries: return true
    default: return false
    }
  }

  /// The record type this field points at, if it holds ids.
  public var target: RecordType? {
    switch self {
    case .reference(let t), .references(let t): return t
    default: return nil
    }
  }
}

/// One field of a record type's schema.
public struct FieldSpec: Sendable {
  public let key: String
  public let kind: FieldKind
  public let required: Bool

  init(_ key: String, _ kind: FieldKind, required: Bool = false) {
    self.key = key
    self.kind = kind
    self.required = required
  }
}
