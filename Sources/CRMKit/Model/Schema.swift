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

/// The record types of SPEC §4, each with its folder and schema.
public enum RecordType: String, Sendable, CaseIterable, Hashable, Comparable {
  case contact, company, deal, activity, task, ticket, campaign

  /// The folder its files live in, relative to the repo root.
  public var folder: String {
    switch self {
    case .company: return "companies"
    case .activity: return "activities"
    default: return rawValue + "s"
    }
  }

  /// Activities are filed by month (`activities/2026/11/`); every other type is flat.
  public var isFiledByMonth: Bool { self == .activity }

  /// The field that names a record of this type for people.
  public var titleKey: String {
    switch self {
    case .contact, .company: return "name"
    case .campaign: return "subject"
    case .activity: return "kind"
    default: return "title"
    }
  }

  /// The schema's fields in canonical order: new files are written in this order.
  public var fields: [FieldSpec] { Self.schemas[ordinal].fields }

  /// Every schema's first field is `id`.
  static let idPosition = 0

  /// The fields that hold ids, with the type they point at.
  public var referenceFields: [(key: String, target: RecordType)] { Self.schemas[ordinal].references }

  /// The position in `allCases`: per-type tables are indexed by it, because hashing the
  /// type for every field of every record loaded shows in profiles.
  var ordinal: Int {
    switch self {
    case .contact: 0
    case .company: 1
    case .deal: 2
    case .activity: 3
    case .task: 4
    case .ticket: 5
    case .campaign: 6
    }
  }

  private static let schemas:
    [(fields: [FieldSpec], references: [(key: String, target: RecordType)], targets: [RecordType?], keys: [[UInt8]], slots: [Int8])] =
      allCases.map { type in
        let fields = type.schema
        let keys = fields.map { Array($0.key.utf8) }
        return (fields, fields.compactMap { spec in spec.kind.target.map { (spec.key, $0) } }, fields.map(\.kind.target), keys, slots(keys))
      }

  /// The type the field with this key points at, if it holds ids.
  func target(of key: String) -> RecordType? {
    schemaIndex(of: key).flatMap { Self.schemas[ordinal].targets[$0] }
  }

  /// A table from a key's hash to its position: the smallest power of two in which no two
  /// of `keys` land in one slot (-1 marks an empty one), so a lookup is one probe.
  private static func slots(_ keys: [[UInt8]]) -> [Int8] {
    var size = 32
    while true {
      var slots = [Int8](repeating: -1, count: size)
      var shared = false
      for (i, key) in keys.enumerated() {
        let slot = Int(key.fnv1a & UInt64(size - 1))
        shared = shared || slots[slot] >= 0
        slots[slot] = Int8(i)
      }
      if !shared { return slots }
      size *= 2
    }
  }

  private var schema: [FieldSpec] {
    let stamps = [FieldSpec("created", .timestamp), FieldSpec("updated", .timestamp)]
    switch self {
    case .contact:
      return [
        FieldSpec("id", .text), FieldSpec("name", .line, required: true), FieldSpec("emails", .emails),
        FieldSpec("phones", .strings), FieldSpec("company", .reference(.company)), FieldSpec("title", .text),
        FieldSpec("tags", .strings), FieldSpec("source", .text),
        FieldSpec("status", .choice(["lead", "prospect", "customer", "former"])), FieldSpec("owner", .text),
        FieldSpec("score", .integer(-1_000_000...1_000_000)), FieldSpec("unsubscribed", .boolean),
        // Derived from activities, never stored (see Derived); typed here so filters compare them.
        FieldSpec("last_contacted", .timestamp), FieldSpec("activity_count", .integer(0...Int.max)),
      ] + stamps
    case .company:
      return [
        FieldSpec("id", .text), FieldSpec("name", .line, required: true), FieldSpec("domain", .text),
        FieldSpec("industry", .text), FieldSpec("size", .text), FieldSpec("tags", .strings),
        // A one-line string or a mapping (street, city, …): both are common, so it is kept as written.
        FieldSpec("address", .any), FieldSpec("owner", .text),
      ] + stamps
    case .deal:
      return [
        FieldSpec("id", .text), FieldSpec("title", .line, required: true), FieldSpec("company", .reference(.company)),
        FieldSpec("contacts", .references(.contact)), FieldSpec("stage", .text), FieldSpec("value", .decimal),
        FieldSpec("currency", .text), FieldSpec("probability", .integer(0...100)), FieldSpec("expected_close", .date),
        FieldSpec("closed_at", .timestamp), FieldSpec("lost_reason", .text), FieldSpec("source", .text),
        FieldSpec("owner", .text), FieldSpec("tags", .strings),
      ] + stamps + [FieldSpec("history", .entries)]
    case .activity:
      return [
        FieldSpec("id", .text),
        FieldSpec("kind", .choice(["call", "email", "meeting", "note", "chat", "sms", "social"]), required: true),
        FieldSpec("at", .timestamp, required: true), FieldSpec("contacts", .references(.contact)),
        FieldSpec("company", .reference(.company)), FieldSpec("deal", .reference(.deal)),
        FieldSpec("direction", .choice(["in", "out"])), FieldSpec("duration", .text), FieldSpec("outcome", .text),
        FieldSpec("channel", .text), FieldSpec("subject", .text), FieldSpec("message_id", .text),
      ] + stamps
    case .task:
      return [
        FieldSpec("id", .text), FieldSpec("title", .line, required: true), FieldSpec("due", .date),
        FieldSpec("contact", .reference(.contact)), FieldSpec("deal", .reference(.deal)),
        FieldSpec("status", .choice(["open", "done"])), FieldSpec("done_at", .timestamp),
        FieldSpec("priority", .choice(["high", "normal", "low"])),
      ] + stamps
    case .ticket:
      return [
        FieldSpec("id", .text), FieldSpec("title", .line, required: true), FieldSpec("contact", .reference(.contact)),
        FieldSpec("company", .reference(.company)),
        FieldSpec("status", .choice(["open", "pending", "resolved", "closed"])),
        FieldSpec("priority", .choice(["high", "normal", "low"])), FieldSpec("opened_at", .timestamp),
        FieldSpec("first_response_at", .timestamp), FieldSpec("resolved_at", .timestamp),
        FieldSpec("satisfaction", .integer(1...5)),
      ] + stamps
    case .campaign:
      return [
        FieldSpec("id", .text), FieldSpec("subject", .text, required: true), FieldSpec("segment", .text),
        FieldSpec("from", .text), FieldSpec("sent", .entries),
      ] + stamps
    }
  }

  /// Fields in the order new files are written: the schema's fields, then custom ones as
  /// given, then growing logs (a deal's history) last. A later value for the same key wins.
  public func canonicalOrder(_ fields: [Field]) -> [Field] {
    var latest: [String: Field] = [:]
    var order: [String] = []
    for field in fields {
      if latest[field.key] == nil { order.append(field.key) }
      latest[field.key] = field
    }
    let schema = self.fields.filter { $0.kind != .entries }.map(\.key)
    let logs = self.fields.filter { $0.kind == .entries }.map(\.key)
    let custom = order.filter { !schema.contains($0) && !logs.contains($0) }
    return (schema.filter { latest[$0] != nil } + custom + logs.filter { latest[$0] != nil }).compactMap { latest[$0] }
  }

  /// The kind of `key` in this type; keys outside the schema are `.any`.
  public func kind(of key: String) -> FieldKind { schemaIndex(of: key).map { fields[$0].kind } ?? .any }

  /// Where `key` is in `fields`, if the schema has it.
  func schemaIndex(of key: String) -> Int? {
    var key = key
    return key.withUTF8 { schemaIndex(of: $0) }
  }

  /// Where the key with these UTF-8 bytes is in `fields`. This runs for every field of every
  /// record loaded, so it looks in one slot of a table by the key's hash, and compares the
  /// one key found there.
  func schemaIndex(of key: UnsafeBufferPointer<UInt8>) -> Int? {
    Self.schemas[ordinal].slots.withUnsafeBufferPointer { slots in
      let i = Int(slots[Int(key.fnv1a & UInt64(slots.count - 1))])
      return i >= 0 && Self.schemas[ordinal].keys[i].withUnsafeBufferPointer { $0.sameBytes(as: key) } ? i : nil
    }
  }

  /// Filter shorthands: `email:` for `emails`, `tag:` for `tags`, `close:` for `expected_close`.
  public func canonicalKey(_ key: String) -> String {
    switch key {
    case "email": return "emails"
    case "phone": return "phones"
    case "tag": return "tags"
    case "contact" where self == .deal || self == .activity: return "contacts"
    case "close": return "expected_close"
    default: return key
    }
  }

  public static func < (a: RecordType, b: RecordType) -> Bool {
    (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
  }
}
