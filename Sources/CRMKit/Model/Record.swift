/// One record: a file's typed front matter and its Markdown body. A class, because the
/// index holds each record in several tables and copies of a class are one retain.
public final class Record: Sendable, Equatable {
  public let type: RecordType
  public let id: String
  /// The file's path relative to the repo root.
  public let path: String
  /// The front matter's keys in file order, typed by the schema (custom keys included).
  public let fields: [Field]
  /// The Markdown after the front matter, byte for byte.
  public let body: String
  /// Values crm works out rather than reads, such as a deal's probability from its stage:
  /// filters, sorting and output see them; files never store them.
  public let derived: [Field]

  public init(type: RecordType, id: String, path: String, fields: [Field], body: String, derived: [Field] = []) {
    self.type = type
    self.id = id
    self.path = path
    self.fields = fields
    self.body = body
    self.derived = derived
  }

  /// The same record with `derived` values.
  func with(derived: [Field]) -> Record { Record(type: type, id: id, path: path, fields: fields, body: body, derived: derived) }

  public static func == (a: Record, b: Record) -> Bool {
    a === b || (a.type == b.type && a.id == b.id && a.path == b.path && a.fields == b.fields && a.body == b.body && a.derived == b.derived)
  }

  /// The value of `key`, if the file has it; `id` and `type` are always there.
  public subscript(key: String) -> Value? {
    switch key {
    case "id": return .string(id)
    case "type": return .string(type.rawValue)
    default: return (fields.first { $0.key == key } ?? derived.first { $0.key == key })?.value
    }
  }

  /// The text that names the record for people: its name, title or subject, else its id.
  public var title: String {
    if case .string(let s)? = self[type.titleKey], !s.isEmpty { return s }
    return id
  }

  /// The contact's email addresses, lowercased, for lookups.
  public var emails: [String] {
    (self["emails"]?.items ?? []).compactMap { $0.string?.lowercased() }
  }

  /// Calls `body` with every id the record names in a reference field, and the type it points at.
  public func forEachReference(_ body: (Field, RecordType, String) -> Void) {
    let references = type.referenceFields
    for field in fields {
      for (key, target) in references where key == field.key {
        switch field.value {
        case .string(let id): body(field, target, id)
        case .list(let items): for case .string(let id) in items { body(field, target, id) }
        default: continue
        }
      }
    }
  }

  /// Whether a reference field names one of `ids`.
  public func names(_ ids: Set<String>) -> Bool {
    var found = false
    forEachReference { _, _, id in found = found || ids.contains(id) }
    return found
  }

  /// Parses a record file: its layout, then its front matter straight from libyaml's events
  /// into typed fields. The id comes from the file stem and must match any `id:` key. Errors
  /// carry `path` and file-relative marks.
  public static func parse(type: RecordType, path: String, bytes: [UInt8]) throws(CRMError) -> Record {
    let stem = Self.stem(of: path)
    guard RecordID.isValid(stem) else {
      throw CRMError(
        .data, "file name '\(stem)' is not a valid id (lowercase letters, digits and single dashes)",
        at: SourceLocation(path: path))
    }
    do throws(CRMError) {
      let layout = try FrontMatterFile.layout(of: bytes)
      let fields = try bytes.withUnsafeBufferPointer { (buffer) throws(CRMError) -> [Field] in
        var events = try YAMLEvents(UnsafeBufferPointer(rebasing: buffer[layout.frontMatter]), firstLine: FrontMatterFile.firstLine)
        return try readFields(type: type, stem: stem, &events)
      }
      for spec in type.fields where spec.required {
        guard let field = fields.first(where: { $0.key == spec.key }), field.value.isPresent else {
          throw CRMError(.data, "missing required field '\(spec.key)'", at: SourceLocation(path: path, mark: SourceMark(line: 1, column: 1)))
        }
      }
      return Record(type: type, id: stem, path: path, fields: fields, body: String(decoding: bytes[layout.bodyStart...], as: UTF8.self))
    } catch {
      throw error.located(in: path)
    }
  }

  /// Types an already split file (after an edit) the same way.
  public static func parse(type: RecordType, path: String, file: FrontMatterFile) throws(CRMError) -> Record {
    try parse(type: type, path: path, bytes: file.bytes)
  }

  private static func readFields(type: RecordType, stem: String, _ events: inout YAMLEvents) throws(CRMError) -> [Field] {
    let root = try events.root()
    var fields: [Field] = []
    switch root.kind {
    case .other:
      return fields  // an empty front matter
    case .mappingStart where !root.flow:
      break
    case .mappingStart:  // `{}` is an empty front matter; anything more is not key: value lines
      guard case .mappingEnd = try events.next().kind else { throw FrontMatterFile.notKeyValueLines }
      try events.finish()
      return fields
    default:
      throw FrontMatterFile.notKeyValueLines
    }
    var keys = KeySet()
    fields.reserveCapacity(32)
    while true {
      let keyEvent = try events.next()
      if case .mappingEnd = keyEvent.kind { break }
      let key = try events.key(keyEvent, unique: &keys)
      let valueEvent = try events.next()
      do throws(CRMError) {
        let value = try Value.read(valueEvent, &events, as: type.kind(of: key), field: key)
        if key == "id", value != .string(stem) {
          throw events.fail("id '\(value.text())' does not match the file name '\(stem)'", at: valueEvent.start)
        }
        fields.append(Field(key, value, mark: valueEvent.start))
      } catch {
        try events.drain()
        throw error
      }
    }
    try events.finish()
    // An exact-size copy: records are kept for the whole command, and spare capacity in
    // 100k field arrays is tens of megabytes.
    return fields.withUnsafeBufferPointer { Array($0) }
  }

  /// The file name without folder and `.md`.
  public static func stem(of path: String) -> String {
    let utf8 = path.utf8
    let start = utf8.lastIndex(of: 0x2F).map { utf8.index(after: $0) } ?? utf8.startIndex
    let end = utf8.count >= 3 && utf8.reversed().starts(with: "dm.".utf8) ? utf8.index(utf8.endIndex, offsetBy: -3) : utf8.endIndex
    return String(path[start..<max(start, end)])
  }
}
