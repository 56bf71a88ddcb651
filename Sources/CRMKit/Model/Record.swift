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
    (self["emails"]?.items ?? []).compactMap { item in
      guard let email = item.string else { return nil }
      // Most addresses are lowercase ASCII already: shared, not copied.
      return email.utf8.allSatisfy({ $0 < 0x80 && !(0x41...0x5A).contains($0) }) ? email : email.lowercased()
    }
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
  /// carry `path` and file-relative marks. With `keeping`, every field is still read and
  /// typed (so a bad value is still found) but only the fields it keeps are stored, and no
  /// body: a projection's record, with nothing built that it drops.
  public static func parse(type: RecordType, path: String, bytes: [UInt8], keeping: ((String) -> Bool)? = nil) throws(CRMError)
    -> Record
  {
    let stem = Self.stem(of: path)
    guard RecordID.isValid(stem) else {
      throw CRMError(
        .data, "file name '\(stem)' is not a valid id (lowercase letters, digits and single dashes)",
        at: SourceLocation(path: path))
    }
    do throws(CRMError) {
      let layout = try FrontMatterFile.layout(of: bytes)
      let (fields, present) = try bytes.withUnsafeBufferPointer { (buffer) throws(CRMError) in
        var events = try YAMLEvents(UnsafeBufferPointer(rebasing: buffer[layout.frontMatter]), firstLine: FrontMatterFile.firstLine)
        return try readFields(type: type, stem: stem, keeping: keeping, &events)
      }
      let specs = type.fields
      if let missing = specs.indices.first(where: { specs[$0].required && present & 1 << $0 == 0 }) {
        throw CRMError(
          .data, "missing required field '\(specs[missing].key)'", at: SourceLocation(path: path, mark: SourceMark(line: 1, column: 1)))
      }
      let body = keeping == nil ? String(decoding: bytes[layout.bodyStart...], as: UTF8.self) : ""
      return Record(type: type, id: stem, path: path, fields: fields, body: body)
    } catch {
      throw error.located(in: path)
    }
  }

  /// Types an already split file (after an edit) the same way.
  public static func parse(type: RecordType, path: String, file: FrontMatterFile) throws(CRMError) -> Record {
    try parse(type: type, path: path, bytes: file.bytes)
  }

  /// Types every field of the front matter and returns those `keeping` keeps (all without
  /// it), with a bit set in `present` for each schema field that has a value (schemas have
  /// fewer than 64 fields).
  private static func readFields(type: RecordType, stem: String, keeping: ((String) -> Bool)?, _ events: inout YAMLEvents)
    throws(CRMError) -> (fields: [Field], present: UInt64)
  {
    let root = try events.root()
    switch root.kind {
    case .other:
      return ([], 0)  // an empty front matter
    case .mappingStart where !root.flow:
      break
    case .mappingStart:  // `{}` is an empty front matter; anything more is not key: value lines
      guard case .mappingEnd = try events.next().kind else { throw FrontMatterFile.notKeyValueLines }
      try events.finish()
      return ([], 0)
    default:
      throw FrontMatterFile.notKeyValueLines
    }
    let specs = type.fields
    var fields: [Field] = []
    var present: UInt64 = 0
    var keys = KeySet()
    if keeping == nil { fields.reserveCapacity(32) }  // a projection keeps a few
    while true {
      let keyEvent = try events.next()
      if case .mappingEnd = keyEvent.kind { break }
      let key = try events.key(keyEvent, unique: &keys)
      let valueEvent = try events.next()
      do throws(CRMError) {
        let spec = type.schemaIndex(of: key)
        let value = try Value.read(valueEvent, &events, as: spec.map { specs[$0].kind } ?? .any, field: key)
        if key == "id", value != .string(stem) {
          throw events.fail("id '\(value.text())' does not match the file name '\(stem)'", at: valueEvent.start)
        }
        if let spec, value.isPresent { present |= 1 << spec }
        if keeping?(key) ?? true { fields.append(Field(key, value, mark: valueEvent.start)) }
      } catch {
        try events.drain()
        throw error
      }
    }
    try events.finish()
    // An exact-size copy: records are kept for the whole command, and spare capacity in
    // 100k field arrays is tens of megabytes.
    return (fields.count == fields.capacity ? fields : fields.withUnsafeBufferPointer { Array($0) }, present)
  }

  /// The file name without folder and `.md`.
  public static func stem(of path: String) -> String {
    let utf8 = path.utf8
    let start = utf8.lastIndex(of: 0x2F).map { utf8.index(after: $0) } ?? utf8.startIndex
    let end = utf8.count >= 3 && utf8.reversed().starts(with: "dm.".utf8) ? utf8.index(utf8.endIndex, offsetBy: -3) : utf8.endIndex
    return String(path[start..<max(start, end)])
  }
}
