#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// One web form submission as a form service posts it: a flat JSON object, or
/// `application/x-www-form-urlencoded` text. Reading one checks everything, so a bad
/// submission is refused before anything is written.
public struct FormSubmission: Sendable, Equatable {
  public struct Pair: Sendable, Equatable {
    public let key: String
    public let value: String
  }

  /// The keys and their values: in the order sent for form data, by key for JSON (whose
  /// objects have no order). Keys with no value (JSON null, `a=`) are left out.
  public let pairs: [Pair]
  /// A digest of the submission's keys and values, to know the same payload sent twice.
  public let digest: String

  /// What one submission may weigh: a form's fields, never a file upload.
  public static let maximumSize = 64 * 1024

  public init(pairs: [Pair]) {
    self.pairs = pairs
    digest = Self.digest(of: pairs)
  }

  /// Reads the submission in `bytes`: JSON when its first character that is not a space is
  /// `{`, else form data. Errors are bad data (65) saying what is wrong with it.
  public init(bytes input: [UInt8]) throws(CRMError) {
    var bytes = input[...]
    // A byte order mark some tools put first, and the line break `echo` adds at the end.
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    while let last = bytes.last, [0x20, 0x09, 0x0A, 0x0D].contains(last) { bytes = bytes.dropLast() }
    guard bytes.count <= Self.maximumSize else {
      throw CRMError(.data, "the submission is over \(FileSystem.sizeText(Self.maximumSize)): a form sends fields, not files")
    }
    let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
    guard let first else { throw CRMError(.data, "the submission on stdin is empty", hint: Self.shapeHint) }
    if first == UInt8(ascii: "[") {
      throw CRMError(.data, "the submission is a JSON list: crm takes one submission, one object of keys and values", hint: Self.shapeHint)
    }
    let read = first == UInt8(ascii: "{") ? try Self.json(Array(bytes)) : try Self.formData(bytes)
    var pairs: [Pair] = []
    for pair in read where !pair.value.isEmpty {
      guard !pair.key.isEmpty else { throw CRMError(.data, "the submission has a value with no key: '\(pair.value.inOneLine)'") }
      for text in [pair.key, pair.value] where Self.hasControlCharacters(text) {
        throw CRMError(.data, "the submission's '\(pair.key.inOneLine)' has control characters: '\(text.inOneLine)'")
      }
      if pair.key.contains(where: { $0.isNewline || $0 == "\t" }) {
        throw CRMError(.data, "the submission has a key that is not one line: '\(pair.key.inOneLine)'")
      }
      // A text area sends CRLF line breaks; files keep LF.
      let pair = Pair(key: pair.key, value: Self.withLF(pair.value))
      if let same = pairs.firstIndex(where: { $0.key == pair.key }) {
        // A form's checkboxes send one key many times: their values are one list.
        pairs[same] = Pair(key: pair.key, value: pairs[same].value + ", " + pair.value)
      } else {
        pairs.append(pair)
      }
    }
    self.init(pairs: pairs)
  }

  static let shapeHint = "send one JSON object like {\"name\": \"Jane Doe\", \"email\": \"jane@example.com\"}, or form data like name=Jane+Doe&email=jane%40example.com"

  /// The value sent under `key`, if any.
  public subscript(key: String) -> String? { pairs.first { $0.key == key }?.value }

  /// `text` with CRLF and lone CR line breaks as LF.
  static func withLF(_ text: String) -> String {
    guard text.contains(where: { $0 == "\r\n" || $0 == "\r" }) else { return text }
    return String(text.map { $0 == "\r\n" || $0 == "\r" ? "\n" : $0 })
  }

  /// Control characters other than tabs and line breaks (which a text area sends).
  static func hasControlCharacters(_ text: String) -> Bool {
    text.unicodeScalars.contains { scalar in
      let v = scalar.value
      return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (0x7F...0x9F).contains(v)
    }
  }

  /// A JSON object's keys with scalar values (and lists of them, as checkboxes send), by key.
  private static func json(_ bytes: [UInt8]) throws(CRMError) -> [Pair] {
    let object: [String: JSONFormValue]
    do {
      object = try JSONDecoder().decode([String: JSONFormValue].self, from: Data(bytes))
    } catch let error as DecodingError {
      if case .dataCorrupted(let context) = error, let nested = context.underlyingError as? JSONFormValue.Nested {
        throw CRMError(.data, "the submission's '\(nested.key.inOneLine)' is an object: crm takes a flat form, one value per key")
      }
      throw CRMError(.data, "the submission is not valid JSON", hint: shapeHint)
    } catch {
      throw CRMError(.data, "the submission is not valid JSON", hint: shapeHint)
    }
    return object.keys.sorted().compactMap { key in object[key]?.text.map { Pair(key: key, value: $0) } }
  }

  /// `application/x-www-form-urlencoded` text: `key=value` pairs joined by `&`, `+` for a space
  /// and `%XX` for a byte, as the WHATWG URL standard reads it, except that a pair with no `=`
  /// is refused: it is what text that is not form data looks like.
  private static func formData(_ text: ArraySlice<UInt8>) throws(CRMError) -> [Pair] {
    var pairs: [Pair] = []
    for part in text.split(separator: UInt8(ascii: "&")) {
      guard let eq = part.firstIndex(of: UInt8(ascii: "=")) else {
        throw CRMError(.data, "the submission is neither JSON nor form data: '\(String(decoding: part.prefix(40), as: UTF8.self).inOneLine)' is not key=value", hint: shapeHint)
      }
      pairs.append(Pair(key: try decode(part[..<eq]), value: try decode(part[(eq + 1)...])))
    }
    return pairs
  }

  private static func decode(_ encoded: ArraySlice<UInt8>) throws(CRMError) -> String {
    var bytes: [UInt8] = []
    var i = encoded.startIndex
    while i < encoded.endIndex {
      let byte = encoded[i]
      if byte == UInt8(ascii: "+") {
        bytes.append(0x20)
      } else if byte == UInt8(ascii: "%"), i + 2 < encoded.endIndex, let high = hexDigit(encoded[i + 1]), let low = hexDigit(encoded[i + 2]) {
        bytes.append(high << 4 | low)
        i += 2
      } else {
        bytes.append(byte)
      }
      i += 1
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw CRMError(.data, "the submission's form data is not UTF-8 text")
    }
    return text
  }

  private static func hexDigit(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
  }

  /// FNV-1a over the keys and values: enough to tell a payload sent again within a minute,
  /// never a secret.
  private static func digest(of pairs: [Pair]) -> String {
    let hex = String(pairs.sorted(by: { $0.key < $1.key }).flatMap { Array($0.key.utf8) + [0] + Array($0.value.utf8) + [0] }.fnv1a, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}

/// A value in a submitted JSON object: text, a number, true/false, null, or a list of those.
private struct JSONFormValue: Decodable {
  struct Nested: Error {
    let key: String
  }

  let text: String?

  private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  init(from decoder: any Decoder) throws {
    if (try? decoder.container(keyedBy: AnyKey.self)) != nil { throw Self.nested(decoder) }
    if var list = try? decoder.unkeyedContainer() {
      var items: [String] = []
      while !list.isAtEnd {
        let item = try list.superDecoder()
        if (try? item.container(keyedBy: AnyKey.self)) != nil || (try? item.unkeyedContainer()) != nil { throw Self.nested(decoder) }
        items.append(try Self.scalar(item.singleValueContainer()) ?? "")
      }
      text = items.joined(separator: ", ")
      return
    }
    text = try Self.scalar(decoder.singleValueContainer())
  }

  /// A string, true/false, a number (as written, as far as a decimal keeps it) or null (nil).
  private static func scalar(_ container: any SingleValueDecodingContainer) throws -> String? {
    if container.decodeNil() { return nil }
    if let s = try? container.decode(String.self) { return s }
    if let b = try? container.decode(Bool.self) { return b ? "true" : "false" }
    if let n = try? container.decode(Int.self) { return String(n) }
    return try container.decode(Decimal.self).description
  }

  private static func nested(_ decoder: any Decoder) -> DecodingError {
    let key = decoder.codingPath.first?.stringValue ?? ""
    return .dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "nested", underlyingError: Nested(key: key)))
  }
}
