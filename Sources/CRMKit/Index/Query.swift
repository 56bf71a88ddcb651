#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A parsed filter (SPEC §6): terms ANDed, with `or`, `not`/`-` and parentheses.
///
/// ```
/// tag:vip  stage:proposal,negotiation  value>5000  due<today  name~jan  has:email  -has:phone
/// ```
public struct Query: Sendable {
  indirect enum Node: Sendable {
    case all
    case term(Term)
    case and([Node])
    case or([Node])
    case not(Node)
  }

  let root: Node

  /// Matches everything.
  public static let all = Query(root: .all)

  /// The fields a filter may name for `type`: the schema's, the derived ones, any key in
  /// `records`, and `id`, `type`, `notes`.
  public static func fields(of type: RecordType, in records: [Record]) -> Set<String> {
    var fields = Set(type.fields.map(\.key))
    fields.formUnion(["id", "type", "notes"] + Derived.keys(of: type))
    for record in records {
      for field in record.fields { fields.insert(field.key) }
      for field in record.derived { fields.insert(field.key) }
    }
    return fields
  }

  /// Parses filter words as given on the command line: the same filter however the shell
  /// split it (`tag:vip or score>50` as one word or three).
  /// `anyKey` lets a term name a key that is not in `fields` (it then matches no record
  /// without that key): for filters in the config, which may name a key to come.
  public static func parse(_ words: [String], type: RecordType, fields: Set<String>, anyKey: Bool = false, clock: CRMClock) throws(CRMError)
    -> Query
  {
    let tokens = FilterTokens.split(words)
    var parser = QueryParser(tokens: tokens, type: type, fields: fields, anyKey: anyKey, clock: clock)
    if tokens.isEmpty { return .all }
    let root = try parser.parseOr()
    if parser.position < tokens.count {
      throw usage("unexpected '\(tokens[parser.position])' in the filter", hint: "parentheses must pair up")
    }
    return Query(root: root)
  }

  /// Whether `record` passes the filter.
  public func matches(_ record: Record) -> Bool { Self.evaluate(root, record) }

  /// Whether any term names `key`, so a command's default (open tasks only) can step aside.
  public func mentions(_ key: String) -> Bool {
    func walk(_ node: Node) -> Bool {
      switch node {
      case .all: return false
      case .term(let term): return term.key == key
      case .and(let nodes), .or(let nodes): return nodes.contains(where: walk)
      case .not(let inner): return walk(inner)
      }
    }
    return walk(root)
  }

  /// Both filters must pass.
  public func and(_ other: Query) -> Query { Query(root: .and([root, other.root])) }

  private static func evaluate(_ node: Node, _ record: Record) -> Bool {
    switch node {
    case .all: return true
    case .term(let term): return term.matches(record)
    case .and(let nodes): return nodes.allSatisfy { evaluate($0, record) }
    case .or(let nodes): return nodes.contains { evaluate($0, record) }
    case .not(let inner): return !evaluate(inner, record)
    }
  }

  static func usage(_ message: String, hint: String? = nil) -> CRMError {
    CRMError(.usage, message, hint: hint)
  }
}

/// A filter's tokens from the command line's words: terms, `or`/`and`/`not`, parentheses.
///
/// A word may hold a whole filter (`'(tag:vip or score>50)'`) or one term whose value has
/// spaces (`name~'Jane Doe'` reaches crm as `name~Jane Doe`), so a word is split at its spaces
/// and a piece that cannot start a term continues the value before it. Quotes inside a word
/// keep a value whole: `'name~"Jane or Doe" or tag:vip'`.
enum FilterTokens {
  static func split(_ words: [String]) -> [String] {
    var tokens: [String] = []
    for word in words {
      var valueOpen = false  // the last token is a term of this word a piece may continue
      for piece in pieces(of: word) {
        var chars = piece.chars[...]
        var opening = 0
        while let first = chars.first, first == ("(", false) {
          opening += 1
          chars = chars.dropFirst()
        }
        var closing = 0
        while let last = chars.last, last == (")", false) {
          closing += 1
          chars = chars.dropLast()
        }
        let text = String(chars.map(\.character))
        // Inside a value, a bracketed word that is no term is part of it: `name~Jane (CEO)`.
        if valueOpen && opening > 0 && opening == closing && !startsTerm(text) {
          tokens[tokens.count - 1] += piece.separator + String(piece.chars.map(\.character))
          continue
        }
        if opening > 0 {
          tokens += Array(repeating: "(", count: opening)
          valueOpen = false
        }
        if !text.isEmpty {
          if valueOpen && !startsTerm(text) {
            tokens[tokens.count - 1] += piece.separator + text
          } else {
            tokens.append(text)
            valueOpen = !isKeyword(text)
          }
        }
        if closing > 0 {
          tokens += Array(repeating: ")", count: closing)
          valueOpen = false
        }
      }
    }
    return tokens
  }

  /// A piece of a word between unquoted spaces: its characters (quotes taken out, each marked
  /// if it was inside them) and the spaces before it.
  private struct Piece {
    var chars: [(character: Character, quoted: Bool)] = []
    var separator = ""
  }

  private static func pieces(of word: String) -> [Piece] {
    var result: [Piece] = []
    var current = Piece()
    var spaces = ""
    var quote: Character?
    func add(_ c: Character, quoted: Bool) {
      if current.chars.isEmpty {
        current.separator = spaces
        spaces = ""
      }
      current.chars.append((c, quoted))
    }
    let characters = Array(word)
    for (i, c) in characters.enumerated() {
      if let open = quote {
        if c == open { quote = nil } else { add(c, quoted: true) }
      } else if c == "\"" || c == "'", opensQuote(characters, at: i) {
        quote = c
      } else if c.isWhitespace {
        if !current.chars.isEmpty {
          result.append(current)
          current = Piece()
        }
        spaces.append(c)
      } else {
        add(c, quoted: false)
      }
    }
    if !current.chars.isEmpty { result.append(current) }
    return result
  }

  /// Whether the quote at `i` starts a quoted value: at the start of a piece or a value
  /// (after an operator, a comma or a bracket), with its match at the end of one. So
  /// `O'Brien's` is text, and `name~"Jane Doe"` a quoted value.
  private static func opensQuote(_ characters: [Character], at i: Int) -> Bool {
    let before: Character? = i > 0 ? characters[i - 1] : nil
    guard before.map({ $0.isWhitespace || ":=<>!~,(".contains($0) }) ?? true else { return false }
    var j = i + 1
    while j < characters.count {
      if characters[j] == characters[i] {
        let after: Character? = j + 1 < characters.count ? characters[j + 1] : nil
        if after.map({ $0.isWhitespace || "),".contains($0) }) ?? true { return true }
      }
      j += 1
    }
    return false
  }

  private static func isKeyword(_ text: String) -> Bool {
    ["or", "and", "not"].contains(text.lowercased())
  }

  /// Whether `text` reads as a keyword or a term (`has:x`, `-tag:x`, `field:…`, `field>…`).
  private static func startsTerm(_ text: String) -> Bool {
    if isKeyword(text) { return true }
    var rest = Substring(text)
    if rest.first == "-", rest.dropFirst().first?.isLetter == true { rest = rest.dropFirst() }
    let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
    guard name.first?.isLetter == true, let op = rest.dropFirst(name.count).first else { return false }
    return ":=<>!~".contains(op)
  }
}

private struct QueryParser {
  let tokens: [String]
  let type: RecordType
  let fields: Set<String>
  let clock: CRMClock
  var position = 0
  var depth = 0
  static let maximumDepth = 64

  let anyKey: Bool

  init(tokens: [String], type: RecordType, fields: Set<String>, anyKey: Bool, clock: CRMClock) {
    self.anyKey = anyKey
    self.tokens = tokens
    self.type = type
    self.fields = fields
    self.clock = clock
  }

  var current: String? { position < tokens.count ? tokens[position] : nil }

  mutating func parseOr() throws(CRMError) -> Query.Node {
    var nodes = [try parseAnd()]
    while current?.lowercased() == "or" {
      position += 1
      guard current != nil, current != ")" else { throw Query.usage("'or' needs a filter term after it") }
      nodes.append(try parseAnd())
    }
    return nodes.count == 1 ? nodes[0] : .or(nodes)
  }

  mutating func parseAnd() throws(CRMError) -> Query.Node {
    var nodes: [Query.Node] = []
    while let token = current, token != ")", token.lowercased() != "or" {
      if token.lowercased() == "and" {
        position += 1
        continue
      }
      nodes.append(try parseUnary())
    }
    guard !nodes.isEmpty else {
      throw Query.usage(current == nil ? "the filter ends where a term was expected" : "'\(current ?? "")' needs a filter term before it")
    }
    return nodes.count == 1 ? nodes[0] : .and(nodes)
  }

  mutating func parseUnary() throws(CRMError) -> Query.Node {
    guard let token = current else { throw Query.usage("the filter ends where a term was expected") }
    position += 1
    if token.lowercased() == "not" || token == "(" {
      // Parsing and matching recurse once a level: bounded, as a file's YAML is.
      depth += 1
      guard depth <= Self.maximumDepth else {
        throw Query.usage("the filter nests 'not' and parentheses deeper than \(Self.maximumDepth) levels")
      }
    }
    defer { if token.lowercased() == "not" || token == "(" { depth -= 1 } }
    if token.lowercased() == "not" { return .not(try parseUnary()) }
    // After `--` on a command line an option is a filter word too.
    if token.hasPrefix("--") { throw Query.usage("'\(token)' is not a filter term", hint: "options go before '--'") }
    if token == "(" {
      let inner = try parseOr()
      guard current == ")" else { throw Query.usage("a '(' in the filter is never closed") }
      position += 1
      return inner
    }
    if token.hasPrefix("-"), token.dropFirst().first?.isLetter == true {
      return .not(.term(try Term(String(token.dropFirst()), text: token, type: type, fields: fields, anyKey: anyKey, clock: clock)))
    }
    return .term(try Term(token, text: token, type: type, fields: fields, anyKey: anyKey, clock: clock))
  }
}

/// One `field OP value[,value…]` term, with its operands typed by the field's schema.
struct Term: Sendable {
  enum Op: String, Sendable { case equal = ":", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">",
    greaterOrEqual = ">=", contains = "~", has = "has" }

  /// An operand read by the field's kind.
  enum Operand: Sendable {
    case text(String)  // folded
    case number(Decimal)
    case date(CalendarDate)
    case period(String)  // `2026` or `2026-12`: a date prefix
    case instant(Timestamp)
    case bool(Bool)
  }

  let key: String
  let op: Op
  let operands: [Operand]
  let kind: FieldKind
  let offset: Int

  init(_ term: String, text: String, type: RecordType, fields: Set<String>, anyKey: Bool, clock: CRMClock) throws(CRMError) {
    offset = clock.now.offset
    func fail(_ why: String, hint: String? = nil) -> CRMError {
      Query.usage("bad filter term '\(text)': \(why)", hint: hint)
    }
    if term.hasPrefix("has:") {
      let key = type.canonicalKey(String(term.dropFirst(4)))
      guard fields.contains(key) || anyKey else { throw Self.unknown(key, text, type, fields) }
      self.key = key
      op = .has
      operands = []
      kind = type.kind(of: key)
      return
    }
    guard let opStart = term.firstIndex(where: { ":=<>!~".contains($0) }) else {
      throw fail("no field and operator", hint: "write field:value, field>value or field~text, e.g. name~\(term)")
    }
    let rawKey = String(term[..<opStart])
    var rest = term[opStart...]
    let opText = rest.hasPrefix(">=") || rest.hasPrefix("<=") || rest.hasPrefix("!=") ? String(rest.prefix(2)) : String(rest.prefix(1))
    rest = rest.dropFirst(opText.count)
    guard !rawKey.isEmpty, rawKey.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
      throw fail("'\(rawKey)' is not a field name")
    }
    guard let op = opText == "=" ? .equal : Op(rawValue: opText), op != .has else { throw fail("'\(opText)' is not an operator") }
    let key = type.canonicalKey(rawKey)
    // `sla:due<4h`: a ticket's SLA falls due within that time from now (or is overdue).
    if key == "sla", op == .equal, rest.hasPrefix("due"), type.kind(of: "sla_due") == .timestamp {
      guard let (dueOp, instant) = Self.dueWithin(rest.dropFirst(3), now: clock.now) else {
        throw fail("write sla:due<4h, sla:due<=30m or sla:due>2d (m, h or d from now)")
      }
      self.key = "sla_due"
      self.op = dueOp
      operands = [.instant(instant)]
      kind = .timestamp
      return
    }
    guard fields.contains(key) || anyKey else { throw Self.unknown(key, text, type, fields) }
    let values = rest.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
    guard !rest.isEmpty, !values.contains(where: \.isEmpty) else { throw fail("no value after '\(opText)'") }
    self.key = key
    self.op = op
    kind = key == "id" || key == "type" || key == "notes" ? .text : type.kind(of: key)
    var operands: [Operand] = []
    for value in values {
      operands.append(try Self.operand(value, kind: kind, op: op, clock: clock, fail: fail))
    }
    self.operands = operands
  }

  /// `<4h`, `<=30m`, `>2d`: a comparison and the instant that long after `now`.
  private static func dueWithin(_ text: Substring, now: Timestamp) -> (Op, Timestamp)? {
    let opText = text.hasPrefix("<=") || text.hasPrefix(">=") ? text.prefix(2) : text.prefix(1)
    guard let op = Op(rawValue: String(opText)), [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(op) else { return nil }
    let amount = text.dropFirst(opText.count)
    guard let unit = amount.last, let count = Int64(amount.dropLast()), count >= 0, count < 1_000_000 else { return nil }
    let seconds: Int64
    switch unit {
    case "m": seconds = count * 60
    case "h": seconds = count * 3600
    case "d": seconds = count * 86400
    default: return nil
    }
    return (op, Timestamp(seconds: now.seconds + seconds, offset: now.offset))
  }

  private static func unknown(_ key: String, _ text: String, _ type: RecordType, _ fields: Set<String>) -> CRMError {
    Query.usage(
      "unknown field '\(key)' in filter term '\(text)'",
      hint: "\(type.rawValue) fields: \(fields.sorted().joined(separator: ", "))")
  }

  private static func operand(
    _ value: String, kind: FieldKind, op: Op, clock: CRMClock, fail: (String, String?) -> CRMError
  ) throws(CRMError) -> Operand {
    if op == .contains { return .text(TextFold.fold(value)) }
    switch kind {
    case .integer, .decimal:
      guard let n = Scalars.decimal(value) else { throw fail("'\(value)' is not a number", nil) }
      return .number(n)
    case .date, .timestamp:
      if op == .equal, value.count == 4 || value.count == 7,
        value.allSatisfy({ $0.isNumber || $0 == "-" }), value.first != "-"
      {
        return .period(value)
      }
      if kind == .timestamp, let t = clock.time(value) { return .instant(t) }
      guard let d = clock.date(value) else {
        throw fail("'\(value)' is not a date", CRMClock.dateHint)
      }
      return .date(d)
    case .boolean:
      guard let b = Scalars.bool(value) else { throw fail("'\(value)' is not true or false", nil) }
      return .bool(b)
    case .choice(let allowed):
      guard allowed.contains(value) else { throw fail("'\(value)' is not one of \(allowed.joined(separator: ", "))", nil) }
      return .text(value)
    default:
      return .text(TextFold.fold(value))
    }
  }

  func matches(_ record: Record) -> Bool {
    let value = record[key]
    if op == .has { return value?.isPresent ?? false }
    let items = value?.items ?? []
    switch op {
    case .notEqual:
      return !items.contains { item in operands.contains { compare(item, $0) == 0 } }
    case .contains:
      return items.contains { item in
        let text = TextFold.fold(item.text())
        return operands.contains { if case .text(let t) = $0 { return text.contains(t) } else { return false } }
      }
    default:
      return items.contains { item in
        operands.contains { operand in
          guard let c = compare(item, operand) else { return false }
          switch op {
          case .equal: return c == 0
          case .less: return c < 0
          case .lessOrEqual: return c <= 0
          case .greater: return c > 0
          case .greaterOrEqual: return c >= 0
          default: return false
          }
        }
      }
    }
  }

  /// -1, 0 or 1 comparing a record's item with an operand; nil when they cannot be compared.
  private func compare(_ item: Value, _ operand: Operand) -> Int? {
    switch operand {
    case .number(let n):
      guard let v = ValueOrder.number(item) else { return nil }
      return v < n ? -1 : (v == n ? 0 : 1)
    case .date(let d):
      guard let v = ValueOrder.date(item, offset: offset) else { return nil }
      return v < d ? -1 : (v == d ? 0 : 1)
    case .instant(let t):
      guard case .timestamp(let v) = item else { return nil }
      return v < t ? -1 : (v == t ? 0 : 1)
    case .period(let prefix):
      guard let v = ValueOrder.date(item, offset: offset) else { return nil }
      return v.description.hasPrefix(prefix) ? 0 : (v.description < prefix ? -1 : 1)
    case .bool(let b):
      guard case .bool(let v) = item else { return nil }
      return v == b ? 0 : 1
    case .text(let t):
      // A user's own fields have no schema: compare as numbers or dates when both sides are.
      if kind == .any, let a = Scalars.decimal(item.text()), let b = Scalars.decimal(t) {
        return a < b ? -1 : (a == b ? 0 : 1)
      }
      let v = TextFold.fold(item.text())
      return v < t ? -1 : (v == t ? 0 : 1)
    }
  }
}

/// Orders values the same way for sorting and filtering.
public enum ValueOrder {
  static func number(_ value: Value) -> Decimal? {
    switch value {
    case .integer(let n): return Decimal(n)
    case .decimal(let d): return d
    case .string(let s): return Scalars.decimal(s)
    default: return nil
    }
  }

  static func date(_ value: Value, offset: Int) -> CalendarDate? {
    switch value {
    case .date(let d): return d
    case .timestamp(let t): return t.at(offset: offset).date
    case .string(let s): return CalendarDate(s) ?? Timestamp(s)?.at(offset: offset).date
    default: return nil
    }
  }

  /// Sort order: numbers, then dates and instants, then text; missing values sort last.
  public static func ascending(_ a: Value?, _ b: Value?) -> Bool? {
    let a = a?.isPresent == true ? a : nil
    let b = b?.isPresent == true ? b : nil
    switch (a, b) {
    case (nil, nil): return nil
    case (nil, _): return false
    case (_, nil): return true
    case (let a?, let b?):
      if let x = number(a), let y = number(b) { return x == y ? nil : x < y }
      if case .timestamp(let x) = a, case .timestamp(let y) = b { return x == y ? nil : x < y }
      if let x = date(a, offset: 0), let y = date(b, offset: 0) { return x == y ? nil : x < y }
      let x = TextFold.fold(a.text())
      let y = TextFold.fold(b.text())
      return x == y ? nil : x < y
    }
  }
}

/// Case and diacritic folding for matching what people type (`name~jurgen` finds Jürgen).
public enum TextFold {
  public static func fold(_ text: String) -> String {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar.value >= 0x80, let folded = RecordID.fold(scalar) {
        out += folded
      } else {
        out += String(scalar).lowercased()
      }
    }
    return out
  }
}
