#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A field's value after typing by its schema.
public enum Value: Sendable, Equatable {
  case null
  case string(String)
  case integer(Int)
  /// An exact decimal (money, probabilities); never a binary float.
  case decimal(Decimal)
  case bool(Bool)
  case date(CalendarDate)
  case timestamp(Timestamp)
  case list([Value])
  case map([Field])

  /// Present and not empty: what `has:field` asks.
  public var isPresent: Bool {
    switch self {
    case .null: return false
    case .string(let s): return !s.isEmpty
    case .list(let items): return !items.isEmpty
    case .map(let fields): return !fields.isEmpty
    default: return true
    }
  }

  /// The value as one line of text, lists joined by `separator`.
  public func text(separator: String = ", ") -> String {
    switch self {
    case .null: return ""
    case .string(let s): return s
    case .integer(let n): return String(n)
    case .decimal(let d): return d.description
    case .bool(let b): return b ? "true" : "false"
    case .date(let d): return d.description
    case .timestamp(let t): return t.description
    case .list(let items): return items.map { $0.text(separator: separator) }.joined(separator: separator)
    case .map(let fields): return fields.map { "\($0.key)=\($0.value.text(separator: separator))" }.joined(separator: " ")
    }
  }

  /// The scalar items: a list's items, or the value itself.
  public var items: [Value] {
    switch self {
    case .null: return []
    case .list(let items): return items
    default: return [self]
    }
  }

  public var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }
}

/// A key and its value, in file order; `mark` is where the value starts in the file.
public struct Field: Sendable, Equatable {
  public var key: String
  public var value: Value
  public var mark: SourceMark?

  public init(_ key: String, _ value: Value, mark: SourceMark? = nil) {
    self.key = key
    self.value = value
    self.mark = mark
  }
}

/// Strict readers for typed scalars; they never guess.
public enum Scalars {
  public static func integer(_ text: String) -> Int? { withUTF8(text, integer) }

  /// Optional sign, then digits only; nil past Int's range.
  static func integer(_ u: UnsafeBufferPointer<UInt8>) -> Int? {
    let negative = u.first == 0x2D
    let digits = u.first == 0x2D || u.first == 0x2B ? u.dropFirst() : u[...]
    guard !digits.isEmpty else { return nil }
    var n = 0
    for b in digits {
      guard (0x30...0x39).contains(b) else { return nil }
      let (times10, o1) = n.multipliedReportingOverflow(by: 10)
      let (next, o2) = negative ? times10.subtractingReportingOverflow(Int(b - 0x30)) : times10.addingReportingOverflow(Int(b - 0x30))
      guard !o1, !o2 else { return nil }
      n = next
    }
    return n
  }

  /// `-12`, `12.50`: digits with at most one point, no exponent, no grouping.
  public static func decimal(_ text: String) -> Decimal? {
    guard withUTF8(text, isDecimal) else { return nil }
    return Decimal(string: text.first == "+" ? String(text.dropFirst()) : text)
  }

  /// Whether `decimal(_:)` reads these bytes: an optional sign, then at most 38 digits and
  /// points, with one point at most and digits on both sides of it.
  static func isDecimal(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
    let body = u.first == 0x2D || u.first == 0x2B ? u.dropFirst() : u[...]
    guard let first = body.first, let last = body.last, first != 0x2E, last != 0x2E, body.count <= 38 else { return false }
    var points = 0
    for b in body {
      if b == 0x2E { points += 1 } else if !(0x30...0x39).contains(b) { return false }
    }
    return points <= 1
  }

  public static func bool(_ text: String) -> Bool? {
    switch text {
    case "true", "True", "TRUE": return true
    case "false", "False", "FALSE": return false
    default: return nil
    }
  }

  /// A plausible address: one `@`, something on both sides, a dot inside the domain, no
  /// spaces or angle brackets. (Byte by byte: every contact's addresses are checked on load.)
  public static func isEmail(_ text: String) -> Bool { withUTF8(text, isEmail) }
  public static func hasControlCharacters(_ text: String) -> Bool { withUTF8(text, hasControlCharacters) }

  static func isEmail(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let at = u.firstIndex(of: 0x40), at > 0 else { return false }
    let domain = u[(at + 1)...]
    return domain.first != 0x2E && domain.last != 0x2E && domain.contains(0x2E) && !domain.contains(0x40)
      && !u.contains(where: isForbiddenInAddress) && !hasControlCharacters(u)
  }

  /// Space, `<>` and the characters that separate or quote addresses in a mail header
  /// (`,;[]()"\`): an address that has one would be misread there.
  private static func isForbiddenInAddress(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x20, 0x3C, 0x3E, 0x2C, 0x3B, 0x5B, 0x5D, 0x28, 0x29, 0x22, 0x5C: return true
    default: return false
    }
  }

  /// C0 controls (tab, line breaks, ESC…), DEL, and the C1 range (U+0080–U+009F, UTF-8 C2 80–9F).
  static func hasControlCharacters(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
    for (i, byte) in u.enumerated() {
      if byte < 0x20 || byte == 0x7F { return true }
      if byte == 0xC2, i + 1 < u.count, (0x80...0x9F).contains(u[i + 1]) { return true }
    }
    return false
  }
}

extension Value {
  /// Reads the value that starts with `event` as the given field kind, straight from the
  /// events (no tree in between: this runs for every field of every record loaded). Errors
  /// carry the mark of the offending node. Without `building`, the value is checked just as
  /// much but its text and lists are not made, and it comes back `.null`: for a field a
  /// projection drops.
  static func read(
    _ event: YAMLEvents.Event, _ events: inout YAMLEvents, as kind: FieldKind, field: String, building: Bool = true
  ) throws(CRMError) -> Value {
    if case .scalar = event.kind, events.isNull(event) { return .null }
    switch kind {
    case .any:
      return try generic(event, &events, building: building)
    case .entries:
      guard case .sequenceStart = event.kind else {
        throw events.fail("'\(field)' must be a list of entries", at: event.start)
      }
      return try generic(event, &events, building: building)
    case .strings, .emails, .references:
      guard case .sequenceStart = event.kind else {
        guard case .scalar = event.kind else { throw events.fail("'\(field)' must be a list of values", at: event.start) }
        let value = try scalar(event, events, as: kind, field: field, building: building)
        return building ? .list([value]) : .null
      }
      var values: [Value] = []
      while true {
        let item = try events.next()
        switch item.kind {
        case .sequenceEnd: return building ? .list(values) : .null
        case .scalar where events.isNull(item): continue
        case .scalar:
          let value = try scalar(item, events, as: kind, field: field, building: building)
          guard building else { continue }
          if values.isEmpty { values.reserveCapacity(4) }  // one allocation for most lists, not three
          values.append(value)
        default: throw events.fail("'\(field)' must be a list of values", at: item.start)
        }
      }
    default:
      guard case .scalar = event.kind else {
        throw events.fail("'\(field)' must be a single value, not a list or mapping", at: event.start)
      }
      return try scalar(event, events, as: kind, field: field, building: building)
    }
  }

  /// Types the current scalar, with its mark on any error.
  private static func scalar(
    _ event: YAMLEvents.Event, _ events: borrowing YAMLEvents, as kind: FieldKind, field: String, building: Bool
  ) throws(CRMError) -> Value {
    do {
      return try typed(events.bytes, as: kind, field: field, building: building)
    } catch {
      throw events.fail(error.message, at: event.start)
    }
  }

  /// Types one scalar's text (not null) by the field's kind: the one place a file's or a
  /// command line's text becomes a typed value. Dates and numbers are read from the bytes.
  /// Without `building`, text is checked but not made, and the value is `.null`.
  static func typed(_ u: UnsafeBufferPointer<UInt8>, as kind: FieldKind, field: String, building: Bool = true) throws(CRMError)
    -> Value
  {
    func fail(_ message: String) -> CRMError { CRMError(.data, message) }
    var text: String { String(decoding: u, as: UTF8.self) }
    switch kind {
    case .text, .strings, .any, .entries:
      return building ? .string(text) : .null
    case .line:
      return building ? .string(text) : .null
    case .integer(let range):
      guard let n = Scalars.integer(u) else { throw fail("'\(field)' must be a whole number, not '\(text)'") }
      guard range.contains(n) else {
        throw fail("'\(field)' must be between \(range.lowerBound) and \(range.upperBound), not '\(text)'")
      }
      return .integer(n)
    case .decimal:
      let d = building ? Scalars.decimal(text) : nil
      guard d != nil || (!building && Scalars.isDecimal(u)) else {
        throw fail("'\(field)' must be a decimal number like 1250.00, not '\(text)'")
      }
      return d.map(Value.decimal) ?? .null
    case .boolean:
      guard let b = Scalars.bool(text) else { throw fail("'\(field)' must be true or false, not '\(text)'") }
      return .bool(b)
    case .date:
      guard let d = CalendarDate(utf8: u) else { throw fail("'\(field)' must be a date YYYY-MM-DD, not '\(text)'") }
      return .date(d)
    case .timestamp:
      guard let t = Timestamp(utf8: u) else { throw fail("'\(field)' must be a timestamp like 2026-11-22T14:30:00Z, not '\(text)'") }
      return .timestamp(t)
    case .choice(let allowed):
      // The schema's own string: shared, not made again.
      guard let choice = allowed.first(where: { $0.sameBytes(as: u) }) else {
        throw fail("'\(field)' must be one of \(allowed.joined(separator: ", ")), not '\(text)'")
      }
      return building ? .string(choice) : .null
    case .emails:
      guard Scalars.isEmail(u) else { throw fail("'\(text)' is not an email address") }
      return building ? .string(text) : .null
    case .reference, .references:
      guard RecordID.isValid(bytes: u) else { throw fail("'\(field)' must name a record id, not '\(text)'") }
      return building ? .string(text) : .null
    }
  }

  /// A value of a field with no schema (a user's own key): scalars stay text. Nested keys
  /// follow the same rules as top-level ones: plain scalars, no duplicates. Without
  /// `building`, those rules are checked but nothing is made, and the value is `.null`.
  static func generic(_ event: YAMLEvents.Event, _ events: inout YAMLEvents, building: Bool = true) throws(CRMError) -> Value {
    switch event.kind {
    case .scalar:
      return !building || events.isNull(event) ? .null : .string(events.text)
    case .sequenceStart:
      var items: [Value] = []
      while true {
        let item = try events.next()
        if case .sequenceEnd = item.kind { return building ? .list(items) : .null }
        let value = try generic(item, &events, building: building)
        guard building else { continue }
        if items.isEmpty { items.reserveCapacity(4) }  // one allocation for most lists, not three
        items.append(value)
      }
    case .mappingStart:
      var fields: [Field] = []
      var keys = KeySet()
      while true {
        let keyEvent = try events.next()
        if case .mappingEnd = keyEvent.kind { return building ? .map(fields) : .null }
        let key = try events.key(keyEvent, unique: &keys)
        let value = try events.next()
        let item = try generic(value, &events, building: building)
        guard building else { continue }
        if fields.isEmpty { fields.reserveCapacity(4) }  // as for lists
        fields.append(Field(key, item, mark: value.start))
      }
    default:
      throw events.fail("unexpected YAML event", at: event.start)
    }
  }
}
