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
  public static func integer(_ text: String) -> Int? {
    var body = Substring(text)
    if body.first == "-" || body.first == "+" { body = body.dropFirst() }
    guard !body.isEmpty, body.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
    return Int(text)
  }

  /// `-12`, `12.50`: digits with at most one point, no exponent, no grouping.
  public static func decimal(_ text: String) -> Decimal? {
    var body = Substring(text)
    if body.first == "-" || body.first == "+" { body = body.dropFirst() }
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }),
      body.count <= 38
    else { return nil }
    return Decimal(string: text.first == "+" ? String(text.dropFirst()) : text)
  }

  public static func bool(_ text: String) -> Bool? {
    switch text {
    case "true", "True", "TRUE": return true
    case "false", "False", "FALSE": return false
    default: return nil
    }
  }

  /// A plausible address: one `@`, something on both sides, no spaces.
  public static func isEmail(_ text: String) -> Bool {
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
      && !parts[1].hasSuffix(".") && !text.contains(where: { $0 == " " || $0 == "\t" || $0 == "<" || $0 == ">" })
  }
}

extension Value {
  /// Reads a YAML node as the given field kind. Errors carry the mark of the offending scalar.
  static func typed(_ node: YAMLNode, as kind: FieldKind, field: String) throws(CRMError) -> Value {
    func fail(_ message: String, _ at: SourceMark) -> CRMError {
      CRMError(.data, message, at: SourceLocation(path: "", mark: at))
    }
    if let s = node.scalar, s.isNull { return .null }
    switch kind {
    case .any:
      return generic(node)
    case .entries:
      guard case .sequence(let items, _, _, _) = node else {
        throw fail("'\(field)' must be a list of entries", node.start)
      }
      return .list(items.map(generic))
    case .strings, .emails, .references:
      let nodes: [YAMLNode]
      if case .sequence(let items, _, _, _) = node { nodes = items } else { nodes = [node] }
      var values: [Value] = []
      for item in nodes {
        guard let s = item.scalar else { throw fail("'\(field)' must be a list of values", item.start) }
        if s.isNull { continue }
        values.append(try typedScalar(s, as: kind, field: field))
      }
      return .list(values)
    default:
      guard let s = node.scalar else { throw fail("'\(field)' must be a single value, not a list or mapping", node.start) }
      return try typedScalar(s, as: kind, field: field)
    }
  }

  private static func typedScalar(_ s: YAMLScalar, as kind: FieldKind, field: String) throws(CRMError) -> Value {
    let text = s.value
    func fail(_ message: String) -> CRMError {
      CRMError(.data, message, at: SourceLocation(path: "", mark: s.start))
    }
    switch kind {
    case .text, .strings, .any, .entries:
      return .string(text)
    case .integer(let range):
      guard let n = Scalars.integer(text) else { throw fail("'\(field)' must be a whole number, not '\(text)'") }
      guard range.contains(n) else {
        throw fail("'\(field)' must be between \(range.lowerBound) and \(range.upperBound), not '\(text)'")
      }
      return .integer(n)
    case .decimal:
      guard let d = Scalars.decimal(text) else { throw fail("'\(field)' must be a decimal number like 1250.00, not '\(text)'") }
      return .decimal(d)
    case .boolean:
      guard let b = Scalars.bool(text) else { throw fail("'\(field)' must be true or false, not '\(text)'") }
      return .bool(b)
    case .date:
      guard let d = CalendarDate(text) else { throw fail("'\(field)' must be a date YYYY-MM-DD, not '\(text)'") }
      return .date(d)
    case .timestamp:
      guard let t = Timestamp(text) else {
        throw fail("'\(field)' must be a timestamp like 2026-11-22T14:30:00Z, not '\(text)'")
      }
      return .timestamp(t)
    case .choice(let allowed):
      guard allowed.contains(text) else {
        throw fail("'\(field)' must be one of \(allowed.joined(separator: ", ")), not '\(text)'")
      }
      return .string(text)
    case .emails:
      guard Scalars.isEmail(text) else { throw fail("'\(text)' is not an email address") }
      return .string(text)
    case .reference, .references:
      guard RecordID.isValid(text) else { throw fail("'\(field)' must name a record id, not '\(text)'") }
      return .string(text)
    }
  }

  /// A value of a field with no schema (a user's own key): scalars stay text.
  static func generic(_ node: YAMLNode) -> Value {
    switch node {
    case .scalar(let s): return s.isNull ? .null : .string(s.value)
    case .sequence(let items, _, _, _): return .list(items.map(generic))
    case .mapping(let entries, _, _, _):
      return .map(entries.map { Field($0.key.value, generic($0.value), mark: $0.value.start) })
    }
  }
}
