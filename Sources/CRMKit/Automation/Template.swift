import Mustache

/// A text in a rule with the record's fields in it, `Call {{name}}`: a Mustache template
/// rendered as plain text (nothing HTML-escaped), where a list is its items joined by commas
/// and a field the record does not have is empty.
public struct Template: Sendable {
  public let text: String
  let location: SourceLocation
  private let mustache: MustacheTemplate

  init(_ text: String, at location: SourceLocation) throws(CRMError) {
    self.text = text
    self.location = location
    do {
      mustache = try MustacheTemplate(string: Self.plainText + text)
    } catch {
      throw CRMError(.data, "template '\(text)' does not parse: " + Self.reason(error), at: location, hint: "fields go in {{…}}, like {{name}}")
    }
  }

  /// Makes the template plain text: no value in it is HTML-escaped.
  private static let plainText = "{{% CONTENT_TYPE: TEXT }}"

  /// What is wrong with a template, in words.
  private static func reason(_ error: any Error) -> String {
    let parsed = error as? MustacheTemplate.ParserError
    let reason: String
    switch parsed?.error as? MustacheTemplate.Error {
    case .sectionCloseNameIncorrect?: reason = "a section ends with another name than it starts with"
    case .expectedSectionEnd?: reason = "a section {{#…}} has no end {{/…}}"
    case .unfinishedName?: reason = "a tag is not closed with }}"
    default: reason = "a tag is not closed with }}, or is not one Mustache knows"
    }
    guard let parsed, parsed.context.lineNumber == 1 else { return reason }
    return reason + " (at character \(max(1, parsed.context.columnNumber - plainText.count)))"
  }

  /// The text with `record`'s values in it, on one line.
  public func render(_ record: Record) -> String {
    var context: [String: String] = ["id": record.id, "type": record.type.rawValue, "title": record.title]
    for field in record.derived + record.fields { context[field.key] = field.value.text() }
    return mustache.render(context).split(whereSeparator: \.isNewline).joined(separator: " ")
  }

  /// The plain variables the text names (`{{name}}`, `{{{name}}}`), for `crm automate check`.
  var names: [String] {
    var names: [String] = []
    var rest = Substring(text)
    while let open = rest.range(of: "{{") {
      rest = rest[open.upperBound...]
      guard let close = rest.range(of: "}}") else { break }
      let inner = rest[..<close.lowerBound].trimmingCharacters(in: "{}& ")
      if let first = inner.first, !"#^/!>%=".contains(first) { names.append(String(inner)) }
      rest = rest[close.upperBound...]
    }
    return names
  }
}

extension Substring {
  fileprivate func trimmingCharacters(in set: String) -> Substring {
    var text = self
    while let first = text.first, set.contains(first) { text = text.dropFirst() }
    while let last = text.last, set.contains(last) { text = text.dropLast() }
    return text
  }
}
