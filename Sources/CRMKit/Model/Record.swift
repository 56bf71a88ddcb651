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

  /// Parses a record file. Errors carry `path` and file-relative marks.
  public static func parse(type: RecordType, path: String, bytes: [UInt8]) throws(CRMError) -> Record {
    do {
      return try parse(type: type, path: path, file: FrontMatterFile(bytes: bytes))
    } catch {
      throw error.located(in: path)
    }
  }

  /// Types an already split file: the id comes from the file stem and must match any `id:` key.
  public static func parse(type: RecordType, path: String, file: FrontMatterFile) throws(CRMError) -> Record {
    let stem = Self.stem(of: path)
    guard RecordID.isValid(stem) else {
      throw CRMError(
        .data, "file name '\(stem)' is not a valid id (lowercase letters, digits and single dashes)",
        at: SourceLocation(path: path))
    }
    var fields: [Field] = []
    fields.reserveCapacity(file.entries.count)
    for entry in file.entries {
      let key = entry.key.value
      let value: Value
      do {
        value = try Value.typed(entry.value, as: type.kind(of: key), field: key)
      } catch {
        throw error.located(in: path)
      }
      if key == "id", value != .string(stem) {
        throw CRMError(
          .data, "id '\(value.text())' does not match the file name '\(stem)'",
          at: SourceLocation(path: path, mark: entry.value.start))
      }
      fields.append(Field(key, value, mark: entry.value.start))
    }
    for spec in type.fields where spec.required {
      guard let field = fields.first(where: { $0.key == spec.key }), field.value.isPresent else {
        throw CRMError(.data, "missing required field '\(spec.key)'", at: SourceLocation(path: path, mark: SourceMark(line: 1, column: 1)))
      }
    }
    return Record(type: type, id: stem, path: path, fields: fields, body: file.body)
  }

  /// The file name without folder and `.md`.
  public static func stem(of path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
  }
}
