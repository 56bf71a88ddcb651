/// Record ids: slugs `[a-z0-9]+(-[a-z0-9]+)*` of at most 64 characters, also the file stem.
public enum RecordID {
  public static let maximumLength = 64

  /// Whether `text` is a well-formed id. Anything else never becomes a path.
  public static func isValid(_ text: some StringProtocol) -> Bool {
    // Over contiguous bytes: this runs for every file and reference loaded.
    text.utf8.withContiguousStorageIfAvailable(isValid(bytes:)) ?? isValid(bytes: Array(text.utf8))
  }

  static func isValid(bytes utf8: some Collection<UInt8>) -> Bool {
    guard let first = utf8.first, first != 0x2D, utf8.count <= maximumLength else { return false }
    var previous: UInt8 = 0
    for b in utf8 {
      guard (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) || (b == 0x2D && previous != 0x2D) else { return false }
      previous = b
    }
    return previous != 0x2D
  }

  /// The slug of a name: diacritics folded (`Jürgen Müller` → `jurgen-muller`), everything
  /// that is not a Latin letter or digit a separator, cut at a word boundary to leave room
  /// for a `-N` suffix. Empty when the name has no Latin letters or digits.
  public static func slug(_ name: String, maximumLength: Int = maximumLength - 4) -> String {
    var words: [String] = []
    var word = ""
    for scalar in name.unicodeScalars {
      if let folded = fold(scalar) {
        word += folded
      } else if !word.isEmpty {
        words.append(word)
        word = ""
      }
    }
    if !word.isEmpty { words.append(word) }
    var slug = ""
    for w in words {
      let next = slug.isEmpty ? w : slug + "-" + w
      if next.count > maximumLength {
        if slug.isEmpty { slug = String(w.prefix(maximumLength)) }
        break
      }
      slug = next
    }
    return slug
  }

  /// The lowercase ASCII letters a scalar stands for, or nil for a separator. Letters with
  /// diacritics are folded through their Unicode names ("LATIN SMALL LETTER U WITH DIAERESIS"),
  /// which covers all of Latin-1, Extended-A/B and Additional without a hand-kept table.
  static func fold(_ scalar: Unicode.Scalar) -> String? {
    switch scalar.value {
    case 0x30...0x39, 0x61...0x7A: return String(Character(scalar))
    case 0x41...0x5A: return String(Character(scalar)).lowercased()
    case 0...0x7F: return nil
    default: break
    }
    if let special = ligatures[scalar] { return special }
    // Combining marks (from decomposed input) vanish instead of splitting the word.
    if scalar.properties.generalCategory == .nonspacingMark { return "" }
    guard let name = scalar.properties.name, name.hasPrefix("LATIN ") else { return nil }
    for prefix in ["LATIN SMALL LETTER ", "LATIN CAPITAL LETTER "] where name.hasPrefix(prefix) {
      let rest = name.dropFirst(prefix.count)
      let letter = rest.prefix { $0 != " " }
      if letter.count == 1, let c = letter.first, c.isASCII, c.isLetter { return c.lowercased() }
    }
    return nil
  }

  private static let ligatures: [Unicode.Scalar: String] = [
    "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th",
    "ð": "d", "Ð": "d", "ĳ": "ij", "Ĳ": "ij", "ŉ": "n", "ĸ": "k",
  ]
}
