/// A 1-based line and column in a file; columns count Unicode scalars, as libyaml does.
public struct SourceMark: Sendable, Equatable, Comparable {
  // 32-bit storage: every field of every loaded record carries a mark, and files are at most 1 MiB.
  private var storedLine: Int32
  private var storedColumn: Int32

  public var line: Int {
    get { Int(storedLine) }
    set { storedLine = Int32(clamping: newValue) }
  }

  public var column: Int {
    get { Int(storedColumn) }
    set { storedColumn = Int32(clamping: newValue) }
  }

  public init(line: Int, column: Int) {
    storedLine = Int32(clamping: line)
    storedColumn = Int32(clamping: column)
  }

  /// A mark from 0-based numbers that fit (libyaml's, in a text of at most 1 MiB), made
  /// without checks: there is one for every YAML event read.
  init(zeroBasedLine line: Int32, column: Int32) {
    storedLine = line &+ 1
    storedColumn = column &+ 1
  }

  public static func < (a: SourceMark, b: SourceMark) -> Bool {
    (a.line, a.column) < (b.line, b.column)
  }
}

/// How a scalar was written, so edits and typing can respect it.
public enum ScalarStyle: Sendable, Equatable {
  case plain, singleQuoted, doubleQuoted, literal, folded

  /// Quoted and block scalars are always strings; only plain ones can mean null.
  public var isPlain: Bool { self == .plain }
}

/// A scalar as written: its text (never resolved by YAML 1.1 rules), style and span.
public struct YAMLScalar: Sendable, Equatable {
  public var value: String
  public var style: ScalarStyle
  public var start: SourceMark
  public var end: SourceMark

  /// A plain `~`, `null` or empty scalar: the YAML 1.2 core schema's null.
  public var isNull: Bool { Self.isNull(value.utf8, style: style) }

  static func isNull(_ text: some Collection<UInt8>, style: ScalarStyle) -> Bool {
    guard style == .plain else { return false }
    switch text.count {
    case 0: return true
    case 1: return text.first == 0x7E  // ~
    case 4:  // four-letter values are common (`call`, `true`): most fail on the first byte
      guard text.first == 0x6E || text.first == 0x4E else { return false }
      return text.elementsEqual("null".utf8) || text.elementsEqual("Null".utf8) || text.elementsEqual("NULL".utf8)
    default: return false
    }
  }
}

/// One key and its value in a mapping, in file order.
public struct YAMLEntry: Sendable, Equatable {
  public var key: YAMLScalar
  public var value: YAMLNode
}

/// A parsed YAML value with source marks, in file order. Tags, anchors and aliases are rejected
/// by the parser, so this is all a record's front matter can hold.
public enum YAMLNode: Sendable, Equatable {
  case scalar(YAMLScalar)
  case sequence(items: [YAMLNode], flow: Bool, start: SourceMark, end: SourceMark)
  case mapping(entries: [YAMLEntry], flow: Bool, start: SourceMark, end: SourceMark)

  public var start: SourceMark {
    switch self {
    case .scalar(let s): return s.start
    case .sequence(_, _, let start, _), .mapping(_, _, let start, _): return start
    }
  }

  /// The last line that holds any of this node's text. Block collections end where the next
  /// token starts (possibly after comments), so their last line is that of their last child.
  public var lastLine: Int {
    switch self {
    case .scalar(let s):
      return s.end.column == 1 && s.end.line > s.start.line ? s.end.line - 1 : s.end.line
    case .sequence(let items, let flow, _, let end):
      if flow { return end.line }
      return items.last?.lastLine ?? end.line
    case .mapping(let entries, let flow, _, let end):
      if flow { return end.line }
      return entries.last?.value.lastLine ?? end.line
    }
  }

  public var scalar: YAMLScalar? {
    if case .scalar(let s) = self { return s }
    return nil
  }

  /// The entries of a mapping, or nil.
  public var entries: [YAMLEntry]? {
    if case .mapping(let entries, _, _, _) = self { return entries }
    return nil
  }

  /// Whether the node is written on one line in flow or scalar form, so it can be replaced in place.
  public var isInline: Bool {
    switch self {
    case .scalar(let s): return s.start.line == s.end.line && s.style != .literal && s.style != .folded
    case .sequence(_, let flow, let start, let end), .mapping(_, let flow, let start, let end):
      return flow && start.line == end.line
    }
  }
}

extension YAMLNode {
  /// The value of `key` in a mapping node.
  public subscript(key: String) -> YAMLNode? {
    entries?.first { $0.key.value == key }?.value
  }
}
