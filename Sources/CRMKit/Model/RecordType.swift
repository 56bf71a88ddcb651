/// A record type: a small value that names one of `RecordType.registered`'s specs, which says
/// everything about it. Compared and hashed as its position in that list, because per-type
/// work runs for every record loaded.
public struct RecordType: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The position in `registered` (and `allCases`): per-type tables are indexed by it.
  let ordinal: Int

  init(ordinal: Int) { self.ordinal = ordinal }

  /// The type named `rawValue` (`contact`), if crm has one.
  public init?(rawValue: String) {
    guard let ordinal = Self.registered.firstIndex(where: { $0.name == rawValue }) else { return nil }
    self.ordinal = ordinal
  }

  /// Every record type, in the order crm lists them.
  public static let allCases = registered.indices.map(RecordType.init(ordinal:))

  /// What the type is.
  public var spec: RecordSpec { Self.registered[ordinal] }

  /// The type's name: `contact`.
  public var rawValue: String { spec.name }

  public var description: String { rawValue }

  /// The folder its files live in, relative to the repo root.
  public var folder: String { spec.folder }

  /// Whether its files go in year and month folders (`activities/2026/11/`) rather than flat.
  public var isFiledByMonth: Bool { spec.filing == .byMonth }

  /// The field that names a record of this type for people.
  public var titleKey: String { spec.titleKey }

  /// The schema's fields in canonical order: new files are written in this order.
  public var fields: [FieldSpec] { spec.fields }

  /// Every schema's first field is `id`.
  static let idPosition = 0

  /// The fields that hold ids, with the type they point at.
  public var referenceFields: [(key: String, target: RecordType)] { spec.lookup.references }

  /// The type the field with this key points at, if it holds ids.
  func target(of key: String) -> RecordType? {
    schemaIndex(of: key).flatMap { spec.lookup.targets[$0] }
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
  public func kind(of key: String) -> FieldKind {
    schemaIndex(of: key).map { fields[$0].kind } ?? spec.derivation?.kinds[key] ?? .any
  }

  /// Where `key` is in `fields`, if the schema has it.
  func schemaIndex(of key: String) -> Int? {
    var key = key
    return key.withUTF8 { schemaIndex(of: $0) }
  }

  /// Where the key with these UTF-8 bytes is in `fields`. This runs for every field of every
  /// record loaded, so it looks in one slot of a table by the key's hash, and compares the
  /// one key found there.
  func schemaIndex(of key: UnsafeBufferPointer<UInt8>) -> Int? {
    let lookup = spec.lookup
    return lookup.slots.withUnsafeBufferPointer { slots in
      let i = Int(slots[Int(key.fnv1a & UInt64(slots.count - 1))])
      return i >= 0 && lookup.keys[i].withUnsafeBufferPointer { $0.sameBytes(as: key) } ? i : nil
    }
  }

  /// The key a filter or `--fields` shorthand stands for (`tag:` for `tags`), else `key`.
  public func canonicalKey(_ key: String) -> String { spec.aliases[key] ?? key }

  public static func < (a: RecordType, b: RecordType) -> Bool { a.ordinal < b.ordinal }
}
