/// Reading the settings' nodes, with errors at their place in the config.
enum ConfigNode {
  /// A key written with no value (`owners:`) means its default.
  static func isAbsent(_ node: YAMLNode) -> Bool { node.scalar?.isNull ?? false }

  /// `, not 'value'` for a scalar the user wrote; nothing for a list or mapping.
  static func given(_ node: YAMLNode) -> String { node.scalar.map { ", not '\($0.value)'" } ?? "" }

  static func fail(_ message: String, _ node: YAMLNode) -> CRMError {
    CRMError(.data, message, at: SourceLocation(path: Config.path, mark: node.start))
  }

  /// One line of text.
  static func text(_ node: YAMLNode, _ path: String) throws(CRMError) -> String {
    guard let s = node.scalar?.value, !s.isEmpty, !Scalars.hasControlCharacters(s) else {
      throw fail("'\(path)' must be one line of text", node)
    }
    return s
  }

  /// A list of lines of text, or one.
  static func list(_ node: YAMLNode, _ path: String, _ what: String) throws(CRMError) -> [String] {
    let items: [YAMLNode]
    if case .sequence(let list, _, _, _) = node { items = list } else { items = [node] }
    return try items.map { item throws(CRMError) -> String in
      guard let s = item.scalar?.value, !s.isEmpty, !Scalars.hasControlCharacters(s) else {
        throw fail("'\(path)' must be a list of \(what)", item)
      }
      return s
    }
  }

  /// The `if:` filter of a rule in the list at `path`.
  static func filter(_ item: YAMLNode, _ path: String) throws(CRMError) -> ConfigFilter {
    guard item.entries != nil else { throw fail("each of '\(path)' must be a mapping with 'if:' a filter", item) }
    guard let node = item["if"], let text = node.scalar?.value, !text.trimmingSpaces.isEmpty else {
      throw fail("each of '\(path)' needs 'if:' a filter, like if: \"source:referral\"", item["if"] ?? item)
    }
    return ConfigFilter(text: text, location: SourceLocation(path: Config.path, mark: node.start))
  }

  /// `30d`, `4w` or a bare number of days, at most about 270 years.
  static func days(_ text: String) -> Int? {
    let limit = 100_000
    if let n = Scalars.integer(text), n > 0 { return n <= limit ? n : nil }
    guard let unit = text.last, let n = Scalars.integer(String(text.dropLast())), n > 0, n <= limit else { return nil }
    switch unit {
    case "d": return n
    case "w": return n * 7
    default: return nil
    }
  }
}
