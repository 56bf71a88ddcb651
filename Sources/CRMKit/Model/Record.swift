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
  /// The plain values a ` #` on their line cut short (YAML reads the rest as a comment), by
  /// top-level key, with where each ends: `crm check` reports them.
  public let commentCuts: [Field]

  public init(
    type: RecordType, id: String, path: String, fields: [Field], body: String, derived: [Field] = [], commentCuts: [Field] = []
  ) {
    self.type = type
    self.id = id
    self.path = path
    self.fields = fields
    self.body = body
    self.derived = derived
    self.commentCuts = commentCuts
  }

  /// The same record with `derived` values.
  func with(derived: [Field]) -> Record {
    Record(type: type, id: id, path: path, fields: fields, body: body, derived: derived, commentCuts: commentCuts)
  }

  public static func == (a: Record, b: Record) -> Bool {
    a === b
      || (a.type == b.type && a.id == b.id && a.path == b.path && a.fields == b.fields && a.body == b.body && a.derived == b.derived
        && a.commentCuts == b.commentCuts)
  }

  /// The value of `key`, if the file has it; `id` and `type` are always there, and `notes`
  /// is the body without the blank lines around it (nil when there is none).
  public subscript(key: String) -> Value? {
    switch key {
    case "id": return .string(id)
    case "type": return .string(type.rawValue)
    case "notes":
      let notes = body.drop { $0.isNewline || $0 == " " }.reversed().drop { $0.isNewline || $0 == " " }.reversed()
      return notes.isEmpty ? nil : .string(String(notes))
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
    let items = self["emails"]?.items ?? []
    var emails: [String] = []
    emails.reserveCapacity(items.count)  // one allocation: this runs for every contact checked
    for case .string(var email) in items {
      // Most addresses are lowercase ASCII already: shared, not copied.
      let lower = email.withUTF8 { $0.allSatisfy { $0 < 0x80 && !(0x41...0x5A).contains($0) } }
      emails.append(lower ? email : email.lowercased())
    }
    return emails
  }

  /// Calls `body` with every id the record names in a reference field, and the type it points at.
  public func forEachReference(_ body: (Field, RecordType, String) -> Void) {
    for field in fields {
      // Looked up by the key's hash, not compared with each reference key: unequal strings
      // are the slow path of `==`, and this runs for every record checked or indexed.
      guard let target = type.target(of: field.key) else { continue }
      switch field.value {
      case .string(let id): body(field, target, id)
      case .list(let items): for case .string(let id) in items { body(field, target, id) }
      default: continue
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
  public static func parse(type: RecordType, path: String, bytes: [UInt8], keeping: Keeping? = nil) throws(CRMError)
    -> Record
  {
    try bytes.withUnsafeBufferPointer { (bytes) throws(CRMError) in try parse(type: type, path: path, bytes: bytes, keeping: keeping) }
  }

  /// `parse(type:path:bytes:keeping:)` of bytes in memory crm reuses, such as a `ReadBuffer`,
  /// with a YAML `parser` that a run of parses reuses too.
  static func parse(
    type: RecordType, path: String, bytes: UnsafeBufferPointer<UInt8>, keeping: Keeping? = nil, parser: YAMLEvents.Parser = .init()
  ) throws(CRMError) -> Record {
    let stem = Self.stem(of: path)
    guard RecordID.isValid(stem) else {
      throw CRMError(
        .data, "file name '\(stem.inOneLine)' is not a valid id (lowercase letters, digits and single dashes)",
        at: SourceLocation(path: path))
    }
    do throws(CRMError) {
      let layout = try FrontMatterFile.layout(of: bytes)
      var events = try YAMLEvents(UnsafeBufferPointer(rebasing: bytes[layout.frontMatter]), firstLine: FrontMatterFile.firstLine, parser: parser)
      let (fields, present, commentCuts) = try readFields(type: type, stem: stem, keeping: keeping, &events)
      let specs = type.fields
      if let missing = specs.indices.first(where: { specs[$0].required && present & 1 << $0 == 0 }) {
        throw CRMError(
          .data, "missing required field '\(specs[missing].key)'", at: SourceLocation(path: path, mark: SourceMark(line: 1, column: 1)))
      }
      let body = keeping == nil ? String(decoding: UnsafeBufferPointer(rebasing: bytes[layout.bodyStart...]), as: UTF8.self) : ""
      return Record(type: type, id: stem, path: path, fields: fields, body: body, commentCuts: commentCuts)
    } catch {
      throw error.located(in: path)
    }
  }

  /// Types an already split file (after an edit) the same way.
  public static func parse(type: RecordType, path: String, file: FrontMatterFile) throws(CRMError) -> Record {
    try parse(type: type, path: path, bytes: file.bytes)
  }

  /// Which fields of one type a parse keeps: the schema's, by position, decided once rather
  /// than for every field of every record; custom keys by asking. Required fields are always
  /// kept: whether one is there is told by its value, which a dropped field's is not.
  /// `only` keeps schema fields (by key) only when their value passes a test.
  public struct Keeping: Sendable {
    let schema: UInt64
    let custom: @Sendable (String) -> Bool
    /// Schema fields kept only when `tests` passes for their value, by position.
    let tested: UInt64
    let tests: [Int: @Sendable (Value) -> Bool]

    public init(_ type: RecordType, only: [String: @Sendable (Value) -> Bool] = [:], _ keeps: @escaping @Sendable (String) -> Bool) {
      let fields = type.fields
      schema = fields.indices.reduce(0) { mask, i in fields[i].required || keeps(fields[i].key) ? mask | 1 << i : mask }
      custom = keeps
      tests = Dictionary(uniqueKeysWithValues: only.compactMap { key, test in type.schemaIndex(of: key).map { ($0, test) } })
      tested = tests.keys.reduce(0) { $0 | 1 << $1 }
    }

    func keeps(_ spec: Int?, _ key: String) -> Bool { spec.map { schema & 1 << $0 != 0 } ?? custom(key) }

    func keeps(_ spec: Int?, _ value: Value) -> Bool {
      guard let spec, tested & 1 << spec != 0, let test = tests[spec] else { return true }
      return test(value)
    }
  }

  /// Types every field of the front matter and returns those `keeping` keeps (all without
  /// it), with a bit set in `present` for each schema field that has a value (schemas have
  /// fewer than 64 fields).
  private static func readFields(type: RecordType, stem: String, keeping: Keeping?, _ events: inout YAMLEvents)
    throws(CRMError) -> (fields: [Field], present: UInt64, commentCuts: [Field])
  {
    let root = try events.root()
    switch root.kind {
    case .other:
      return ([], 0, [])  // an empty front matter
    case .mappingStart where !root.flow:
      break
    case .mappingStart:  // `{}` is an empty front matter; anything more is not key: value lines
      guard case .mappingEnd = try events.next().kind else { throw FrontMatterFile.notKeyValueLines }
      try events.finish()
      return ([], 0, [])
    default:
      throw FrontMatterFile.notKeyValueLines
    }
    let specs = type.fields
    var fields: [Field] = []
    var present: UInt64 = 0
    // Schema keys already read are bits, like `present`; only custom keys need a set.
    var seen: UInt64 = 0
    var customKeys = KeySet()
    var commentCuts: [Field] = []  // the key of each value a comment cut, where it ends
    // Room for the fields a record has, or the most a projection keeps: an array grown as
    // fields come is copied at each doubling.
    fields.reserveCapacity(keeping?.schema.nonzeroBitCount ?? 32)
    while true {
      let keyEvent = try events.next()
      if case .mappingEnd = keyEvent.kind { break }
      let spec = keyEvent.kind == .scalar ? type.schemaIndex(of: events.bytes) : nil
      let key: String
      if let spec {
        key = specs[spec].key
        guard seen & 1 << spec == 0 else { throw events.duplicate(key, at: keyEvent.start) }
        seen |= 1 << spec
      } else {
        key = try events.key(keyEvent, unique: &customKeys)
      }
      let cuts = events.commentCuts.count
      let valueEvent = try events.next()
      let keeps = keeping?.keeps(spec, key) ?? true
      do throws(CRMError) {
        // A dropped field is still read through, for its errors.
        let value = try Value.read(valueEvent, &events, as: spec.map { specs[$0].kind } ?? .any, field: key, building: keeps)
        if events.commentCuts.count > cuts { commentCuts.append(Field(key, .null, mark: events.commentCuts[cuts])) }
        // The id must be the file's name. It is a single text value (or `read` threw), still
        // the current event: compared as bytes, whether or not it was made.
        if spec == RecordType.idPosition, events.isNull(valueEvent) || !stem.sameBytes(as: events.bytes) {
          let id = events.isNull(valueEvent) ? "" : events.text
          throw events.fail("id '\(id)' does not match the file name '\(stem.inOneLine)'", at: valueEvent.start)
        }
        if let spec, value.isPresent {
          present |= 1 << spec
        } else if let spec, specs[spec].required {
          throw emptyRequiredField(key, keyEvent, valueEvent, events)
        }
        if !keeps || keeping?.keeps(spec, value) == false { continue }
        fields.append(Field(key, value, mark: valueEvent.start))
      } catch {
        try events.drain()
        throw error
      }
    }
    try events.finish()
    // An exact-size copy when more than one field is spare: records are kept for the
    // whole command, and spare capacity in 100k field arrays is tens of megabytes.
    return (fields.capacity - fields.count <= 1 ? fields : fields.withUnsafeBufferPointer { Array($0) }, present, commentCuts)
  }

  /// A required field written with no value, at its key; or at its value, with a way out,
  /// when the value is a word YAML reads as null (someone may be called Null).
  private static func emptyRequiredField(_ key: String, _ keyEvent: YAMLEvents.Event, _ valueEvent: YAMLEvents.Event, _ events: borrowing YAMLEvents)
    -> CRMError
  {
    guard valueEvent.kind == .scalar, events.isNull(valueEvent), !events.bytes.isEmpty else {
      return events.fail("required field '\(key)' is empty", at: keyEvent.start)
    }
    return events.fail("required field '\(key)' is empty: YAML reads '\(events.text)' as no value; quote it to mean the text", at: valueEvent.start)
  }

  /// The file name without folder and `.md`.
  public static func stem(of path: String) -> String {
    var path = path
    return path.withUTF8 { bytes in  // bytes, not String indices: this runs for every file loaded
      let start = (bytes.lastIndex(of: 0x2F) ?? -1) + 1
      let end = bytes.hasSuffix(".md") ? bytes.count - 3 : bytes.count
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<max(start, end)]), as: UTF8.self)
    }
  }
}
