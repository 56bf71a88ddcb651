/// `crm find`: records whose text contains a phrase, ignoring case and accents.
public enum Search {
  public struct Match: Sendable {
    public let record: Record
    /// The first field that matched (`notes` for the body).
    public let field: String
  }

  /// Every record of the index with `text` in its id, a field, or its notes; by type, then id.
  public static func find(_ text: String, in index: RecordIndex) -> [Match] {
    let needle = TextFold.fold(text.trimmingSpaces)
    var matches: [Match] = []
    for type in RecordType.allCases {
      for record in index[type] {
        if let field = firstMatch(record, needle) { matches.append(Match(record: record, field: field)) }
      }
    }
    return matches
  }

  private static func firstMatch(_ record: Record, _ needle: String) -> String? {
    for field in record.fields where TextFold.fold(field.value.text(separator: " ")).contains(needle) {
      return field.key
    }
    if TextFold.fold(record.body).contains(needle) { return "notes" }
    return nil
  }
}
