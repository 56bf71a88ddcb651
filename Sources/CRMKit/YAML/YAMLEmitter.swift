/// YAML text for one value, ready to be placed after `key:` or as a list item.
public enum YAMLText: Sendable, Equatable {
  /// Fits after `key: ` on the same line.
  case inline(String)
  /// Lines at indentation zero, to be indented under the key or list dash.
  case block([String])

  /// A flow list when every item is inline, else a block list.
  static func list(_ items: [YAMLText]) -> YAMLText {
    var inlines: [String] = []
    var lines: [String] = []
    for item in items {
      switch item {
      case .inline(let text):
        inlines.append(text)
        lines.append("- " + text)
      case .block(let block):
        for (i, line) in block.enumerated() { lines.append((i == 0 ? "- " : "  ") + line) }
      }
    }
    return inlines.count == items.count ? .inline("[" + inlines.joined(separator: ", ") + "]") : .block(lines)
  }

  /// `key: value` or `key:` and indented lines, at `indent`, ending with a line break.
  func entry(key: String, lineEnding: String, indent: String = "") -> String {
    switch self {
    case .inline(let text):
      return indent + (text.isEmpty ? key + ":" : key + ": " + text) + lineEnding
    case .block(let lines):
      return indent + key + ":" + lineEnding + lines.map { indent + "  " + $0 + lineEnding }.joined()
    }
  }

  /// `- value` lines at `indent`, ending with a line break.
  func listItem(indent: String, lineEnding: String) -> String {
    switch self {
    case .inline(let text):
      return indent + "- " + text + lineEnding
    case .block(let lines):
      return lines.enumerated().map { indent + ($0 == 0 ? "- " : "  ") + $1 + lineEnding }.joined()
    }
  }
}

/// Writes values as YAML, quoting a string exactly when a YAML 1.1 or 1.2 reader would
/// otherwise read it as something else (a number, a boolean, a date, null) or could not read it.
public enum YAMLEmitter {
  /// The YAML text of a value.
  public static func text(for value: Value) -> YAMLText {
    switch value {
    case .null: return .inline("")
    case .string(let s): return .inline(scalar(s))
    case .integer(let n): return .inline(String(n))
    case .decimal(let d): return .inline(d.description)
    case .bool(let b): return .inline(b ? "true" : "false")
    case .date(let d): return .inline(d.description)
    case .timestamp(let t): return .inline(t.description)
    case .list(let items):
      let flowItems = items.map { item -> YAMLText in
        if case .string(let s) = item { return .inline(scalar(s, inFlow: true)) }
        return text(for: item)
      }
      return .list(flowItems)
    case .map(let fields):
      if fields.isEmpty { return .inline("{}") }
      return .block(fields.flatMap { field -> [String] in
        switch text(for: field.value) {
        case .inline(let t): return [t.isEmpty ? field.key + ":" : field.key + ": " + t]
        case .block(let lines): return [field.key + ":"] + lines.map { "  " + $0 }
        }
      })
    }
  }

  /// A whole new record file: front matter in the given order, then the body.
  public static func document(_ fields: [Field], body: String) -> String {
    var out = "---\n"
    for field in fields { out += text(for: field.value).entry(key: field.key, lineEnding: "\n") }
    out += "---\n"
    if !body.isEmpty { out += body.hasSuffix("\n") ? body : body + "\n" }
    return out
  }

  /// A string as a plain scalar when that reads back as the same string, else double-quoted.
  public static func scalar(_ s: String, inFlow: Bool = false) -> String {
    needsQuotes(s, inFlow: inFlow) ? quoted(s) : s
  }

  public static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFEFF {
          out += "\\u" + hex4(scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  private static func hex4(_ v: UInt32) -> String {
    let h = String(v, radix: 16)
    return String(repeating: "0", count: max(0, 4 - h.count)) + h
  }

  /// Whether a plain scalar would be misread or is not valid plain YAML.
  public static func needsQuotes(_ s: String, inFlow: Bool = false) -> Bool {
    guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return true }
    if resolvesToNonString(s) { return true }
    if first == " " || last == " " || first == "\t" || last == "\t" { return true }
    if "[]{},#&*!|>'\"%@`".unicodeScalars.contains(first) { return true }
    let scalars = Array(s.unicodeScalars)
    // libyaml reads a leading `-`, `?` or `:` as an indicator inside flow lists, and before a space anywhere.
    if "-?:".unicodeScalars.contains(first) && (inFlow || scalars.count == 1 || scalars[1] == " ") { return true }
    if s.hasPrefix("---") || s.hasPrefix("...") { return true }
    if last == ":" { return true }
    for (i, c) in scalars.enumerated() {
      if c.value < 0x20 || c.value == 0x7F || c.value == 0xFEFF || (0x80...0x9F).contains(c.value)
        || c.value == 0x2028 || c.value == 0x2029
      {
        return true
      }
      if inFlow && ",[]{}".unicodeScalars.contains(c) { return true }
      if c == ":" && i + 1 < scalars.count && (scalars[i + 1] == " " || (inFlow && ",[]{}".unicodeScalars.contains(scalars[i + 1]))) {
        return true
      }
      if c == "#" && i > 0 && scalars[i - 1] == " " { return true }
    }
    return false
  }

  /// The implicit types of YAML 1.1 (which PyYAML and many tools still use) and 1.2's core schema.
  static func resolvesToNonString(_ s: String) -> Bool {
    let words: Set<String> = [
      "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
      "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
      "<<", "=", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
      ".nan", ".NaN", ".NAN",
    ]
    if words.contains(s) { return true }
    return looksNumeric(s) || looksLikeDate(s)
  }

  /// Integers in any base, floats, and base-60 numbers like `1:30`, with an optional sign.
  private static func looksNumeric(_ s: String) -> Bool {
    var chars = Substring(s)
    if chars.first == "+" || chars.first == "-" { chars = chars.dropFirst() }
    guard let first = chars.first else { return false }
    let lower = chars.lowercased()
    if lower.hasPrefix("0x") { return chars.count > 2 && lower.dropFirst(2).allSatisfy { $0.isHexDigit || $0 == "_" } }
    if lower.hasPrefix("0o") { return chars.count > 2 && lower.dropFirst(2).allSatisfy { ("0"..."7").contains($0) } }
    if lower.hasPrefix("0b") { return chars.count > 2 && lower.dropFirst(2).allSatisfy { $0 == "0" || $0 == "1" || $0 == "_" } }
    guard first.isASCII && (first.isNumber || first == ".") else { return false }
    // Digits with `_`, `:` groups (base 60), one `.`, and an exponent.
    var seenDigit = false
    var seenDot = false
    var seenExponent = false
    var previous: Character = " "
    for c in chars {
      switch c {
      case "0"..."9": seenDigit = true
      case "_", ":": if seenDot || seenExponent { return false }
      case ".": if seenDot || seenExponent { return false }; seenDot = true
      case "e", "E": if !seenDigit || seenExponent { return false }; seenExponent = true
      case "+", "-": if previous != "e" && previous != "E" { return false }
      default: return false
      }
      previous = c
    }
    return seenDigit || (seenDot && chars.count == 1)
  }

  /// `2026-11-22`, and YAML 1.1 timestamps that begin with such a date and a time.
  private static func looksLikeDate(_ s: String) -> Bool {
    let u = Array(s.utf8)
    var i = 0
    func digits(_ least: Int, _ most: Int) -> Bool {
      var n = 0
      while i < u.count, n < most, (0x30...0x39).contains(u[i]) { i += 1; n += 1 }
      return n >= least
    }
    func dash() -> Bool {
      guard i < u.count, u[i] == 0x2D else { return false }
      i += 1
      return true
    }
    guard digits(4, 4), dash(), digits(1, 2), dash(), digits(1, 2) else { return false }
    if i == u.count { return true }
    guard u[i] == 0x54 || u[i] == 0x74 || u[i] == 0x20 || u[i] == 0x09 else { return false }
    while i < u.count, u[i] == 0x54 || u[i] == 0x74 || u[i] == 0x20 || u[i] == 0x09 { i += 1 }
    return digits(1, 2) && i < u.count && u[i] == 0x3A
  }
}
