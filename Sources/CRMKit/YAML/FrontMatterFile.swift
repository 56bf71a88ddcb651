#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A record file's bytes split into front matter and Markdown body, with surgical edits.
///
/// Every edit splices bytes of the original file and re-parses it, so comments, key order,
/// quoting, blank lines, line endings and the body outside the edited lines stay byte-identical.
public struct FrontMatterFile: Sendable {
  /// Files larger than this are refused: no hand-kept record is that big, and it bounds memory.
  public static let maximumSize = 1 << 20

  public private(set) var bytes: [UInt8]
  /// The top-level entries of the front matter, in file order.
  public private(set) var entries: [YAMLEntry] = []
  /// `\r\n` when the file's first line ends that way, else `\n`.
  public private(set) var lineEnding: String = "\n"
  private var frontMatter: Range<Int> = 0..<0
  private var bodyStart = 0

  /// Splits and parses `bytes`. Errors carry file-relative marks and no path.
  public init(bytes: [UInt8]) throws(CRMError) {
    self.bytes = bytes
    try parse()
  }

  /// The Markdown after the closing `---` line, byte for byte.
  public var body: String {
    String(decoding: bytes[bodyStart...], as: UTF8.self)
  }

  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// The value of a top-level key.
  public subscript(key: String) -> YAMLNode? {
    entries.first { $0.key.value == key }?.value
  }

  private static func fail(_ message: String, line: Int, column: Int = 1) -> CRMError {
    CRMError(.data, message, at: SourceLocation(path: "", mark: SourceMark(line: line, column: column)))
  }

  private mutating func parse() throws(CRMError) {
    let layout = try Self.layout(of: bytes)
    (frontMatter, bodyStart, lineEnding) = (layout.frontMatter, layout.bodyStart, layout.lineEnding)
    let root = try YAMLParser.parse(bytes[frontMatter], firstLine: Self.firstLine)
    guard case .mapping(let entries, let flow, _, _) = root, !flow || entries.isEmpty else {
      throw Self.notKeyValueLines
    }
    self.entries = entries
  }

  /// The file line the front matter starts on (after the opening `---`).
  static let firstLine = 2
  static let notKeyValueLines = fail("front matter must be 'key: value' lines", line: 2)

  /// Where a record file's parts are.
  struct Layout {
    var frontMatter: Range<Int>
    var bodyStart: Int
    /// `\r\n` when the first line ends that way, else `\n`.
    var lineEnding: String
  }

  /// Checks what every record file must be (at most 1 MiB, UTF-8, no git conflict markers,
  /// front matter between `---` lines) and finds its parts, in one pass over the lines.
  static func layout(of b: UnsafeBufferPointer<UInt8>) throws(CRMError) -> Layout {
    guard b.count <= maximumSize else {
      throw FileSystem.tooLarge(maximumSize, path: "")
    }
    try validateUTF8(b)
    var opening: Range<Int>?  // the first line, when it is `---`
    var closing: Range<Int>?  // the next `---` line, with its line break
    var inConflict = false
    var lineStart = 0
    var lineNumber = 1
    while lineStart < b.count {
      guard let base = b.baseAddress else { break }  // nil only when empty
      let newline = memchr(base + lineStart, 0x0A, b.count - lineStart)
      let lineEnd = newline.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? b.count
      let next = min(lineEnd + 1, b.count)
      // Only a line that starts like a marker or a delimiter is looked at further (and the
      // first, which may start with a byte order mark).
      switch base[lineStart] {
      case 0x3C, 0x3D, 0x3E, 0x2D: break  // < = > -
      case _ where lineNumber == 1: break
      default:
        lineStart = next
        lineNumber += 1
        continue
      }
      var content = b[lineStart..<lineEnd]
      if content.last == 0x0D { content = content.dropLast() }
      if lineNumber == 1, content.starts(with: [0xEF, 0xBB, 0xBF]) { content = content.dropFirst(3) }
      switch content.first {
      case 0x3C, 0x3E, 0x3D:  // < > =
        if let marker = conflictMarker(content, inConflict: inConflict) {
          throw fail("unresolved git conflict marker '\(marker)'", line: lineNumber)
        }
        inConflict = inConflict || content.starts(with: "<<<<<<<".utf8)
      case 0x2D where closing == nil && isDelimiter(content):  // -
        if lineNumber == 1 { opening = lineStart..<next } else if opening != nil { closing = lineStart..<next }
      default:
        break
      }
      lineStart = next
      lineNumber += 1
    }
    guard let opening else { throw fail("missing front matter: the file must start with a '---' line", line: 1) }
    guard let closing else { throw fail("front matter is not closed: no '---' line after the one on line 1", line: 1) }
    let crlf = opening.count >= 2 && b[opening.upperBound - 2] == 0x0D && b[opening.upperBound - 1] == 0x0A
    return Layout(frontMatter: opening.upperBound..<closing.lowerBound, bodyStart: closing.upperBound, lineEnding: crlf ? "\r\n" : "\n")
  }

  static func layout(of bytes: [UInt8]) throws(CRMError) -> Layout {
    try bytes.withUnsafeBufferPointer { (b) throws(CRMError) in try layout(of: b) }
  }

  /// The marker a line starts with, if it is a git conflict marker. A bare `=======` is also
  /// a Markdown heading underline, so it only counts inside a conflict.
  private static func conflictMarker(_ line: Slice<UnsafeBufferPointer<UInt8>>, inConflict: Bool) -> String? {
    let isMarker =
      line.starts(with: "<<<<<<<".utf8) || line.starts(with: ">>>>>>>".utf8) || (inConflict && line.elementsEqual("=======".utf8))
    return isMarker ? String(decoding: line.prefix(7), as: UTF8.self) : nil
  }

  private static func isDelimiter(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    var line = line
    while let last = line.last, last == 0x20 || last == 0x09 { line = line.dropLast() }
    return line.elementsEqual("---".utf8)
  }

  static func validateUTF8(_ bytes: [UInt8]) throws(CRMError) {
    try bytes.withUnsafeBufferPointer { (b) throws(CRMError) in try validateUTF8(b) }
  }

  static func validateUTF8(_ bytes: UnsafeBufferPointer<UInt8>) throws(CRMError) {
    guard let bad = firstInvalidUTF8(bytes) else { return }
    // Where it is, for the message: what comes before it is valid, so its characters are
    // the bytes that do not continue one.
    let before = bytes[..<bad]
    let lineStart = (before.lastIndex(of: 0x0A) ?? -1) + 1
    let line = before.count { $0 == 0x0A } + 1
    let column = bytes[lineStart..<bad].count { $0 & 0xC0 != 0x80 } + 1
    throw fail("invalid UTF-8", line: line, column: column)
  }

  /// Where the first byte is that does not start a well-formed UTF-8 sequence (the Unicode
  /// standard's table 3-7: no overlong forms, surrogates or code points past U+10FFFF).
  /// Runs of ASCII, as most files are, are read 32 bytes at a time.
  static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    let count = bytes.count
    var i = 0
    while i < count {
      if count - i >= 32 {
        let words = UnsafeRawPointer(base + i)
        let any =
          words.loadUnaligned(as: UInt64.self) | words.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
          | words.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | words.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
        if any & 0x8080_8080_8080_8080 == 0 {
          i += 32
          continue
        }
      }
      let lead = base[i]
      if lead < 0x80 {
        i += 1
        continue
      }
      // The sequence's length, and the range its second byte must be in.
      let (length, second): (Int, ClosedRange<UInt8>)
      switch lead {
      case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
      case 0xE0: (length, second) = (3, 0xA0...0xBF)
      case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
      case 0xED: (length, second) = (3, 0x80...0x9F)
      case 0xF0: (length, second) = (4, 0x90...0xBF)
      case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
      case 0xF4: (length, second) = (4, 0x80...0x8F)
      default: return i
      }
      guard i + length <= count, second.contains(base[i + 1]) else { return i }
      for k in 2..<length where base[i + k] & 0xC0 != 0x80 { return i }
      i += length
    }
    return nil
  }

  // MARK: - Surgical edits

  /// Sets a top-level key: replaces the value in place when both old and new fit on one line
  /// (keeping a trailing comment), else replaces the entry's lines. A new key goes before the
  /// first of `before` the file has (so a growing log stays last), else at the end.
  public mutating func set(_ key: String, to value: YAMLText, before: [String] = []) throws(CRMError) {
    let lines = LineTable(bytes)
    guard let index = entries.firstIndex(where: { $0.key.value == key }) else {
      let next = entries.first { before.contains($0.key.value) }
      let insertAt = next.map { lines.start(of: $0.key.start.line - 1) } ?? frontMatter.upperBound
      try splice(insertAt..<insertAt, with: value.entry(key: key, lineEnding: lineEnding, indent: keyIndent))
      return
    }
    let entry = entries[index]
    if case .inline(let inline) = value, entry.value.isInline, !(entry.value.scalar?.isNull ?? false) {
      let end: SourceMark
      switch entry.value {
      case .scalar(let s): end = s.end
      case .sequence(_, _, _, let e), .mapping(_, _, _, let e): end = e
      }
      try splice(lines.offset(of: entry.value.start, in: bytes)..<lines.offset(of: end, in: bytes), with: inline)
      return
    }
    try splice(entryLines(entry, lines), with: value.entry(key: key, lineEnding: lineEnding, indent: keyIndent))
  }

  /// The spaces before the top-level keys: none as crm writes them, but YAML lets a file
  /// indent them all alike, and a new or rewritten key must line up with the others.
  private var keyIndent: String { String(repeating: " ", count: (entries.first?.key.start.column ?? 1) - 1) }

  /// Removes a top-level key and its value's lines. Removing an absent key does nothing.
  public mutating func remove(_ key: String) throws(CRMError) {
    guard let entry = entries.first(where: { $0.key.value == key }) else { return }
    try splice(entryLines(entry, LineTable(bytes)), with: "")
  }

  /// Appends one item to the list at `key`, adding only the item's text. A missing or
  /// null key becomes a one-item list, placed as `set(_:to:before:)` places new keys.
  public mutating func append(_ key: String, item: YAMLText, before: [String] = []) throws(CRMError) {
    let lines = LineTable(bytes)
    guard let entry = entries.first(where: { $0.key.value == key }),
      case .sequence(let items, let flow, let start, let end) = entry.value
    else {
      let existing = self[key]
      if existing != nil && !(existing?.scalar?.isNull ?? false) {
        throw CRMError(.failed, "cannot add to '\(key)': it is not a list")
      }
      try set(key, to: YAMLText.list([item]), before: before)
      return
    }
    if flow && items.isEmpty {
      try set(key, to: YAMLText.list([item]), before: before)
    } else if flow {
      guard case .inline(let text) = item else {
        throw CRMError(.failed, "cannot add a block item to the flow list '\(key)'")
      }
      let close = lines.offset(of: end, in: bytes) - 1  // the `]`
      try splice(close..<close, with: items.isEmpty ? text : ", " + text)
    } else {
      let insertAt = lines.start(of: entry.value.lastLine)  // 1-based line N starts table row N
      let indent = String(repeating: " ", count: start.column - 1)
      try splice(insertAt..<insertAt, with: item.listItem(indent: indent, lineEnding: lineEnding))
    }
  }

  /// The byte range of an entry's whole lines: from its key's line through its value's last line.
  private func entryLines(_ entry: YAMLEntry, _ lines: LineTable) -> Range<Int> {
    lines.start(of: entry.key.start.line - 1)..<lines.start(of: entry.value.lastLine)
  }

  private mutating func splice(_ range: Range<Int>, with text: String) throws(CRMError) {
    let before = bytes
    bytes.replaceSubrange(range, with: Array(text.utf8))
    do {
      try parse()
    } catch {
      bytes = before
      try? parse()
      throw CRMError(.failed, "internal error: an edit produced invalid YAML (\(error.message)); nothing was written")
    }
  }
}

/// Byte offsets of the starts of lines, for turning libyaml's line/column marks into offsets.
struct LineTable {
  private var starts: [Int]
  private let end: Int

  init(_ bytes: [UInt8]) {
    starts = bytes.withUnsafeBufferPointer { b in
      var starts = [0]
      while let next = Self.nextLine(in: b, after: starts[starts.count - 1]) { starts.append(next) }
      return starts
    }
    end = bytes.count
    if starts.last == end && end > 0 { starts.removeLast() }
  }

  /// Where the line after the one `offset` is on starts, nil on the last line. Lines break
  /// where libyaml breaks them, so its marks and these offsets agree: at `\n`, `\r\n`, a
  /// lone `\r`, and U+0085, U+2028 and U+2029.
  static func nextLine(in b: UnsafeBufferPointer<UInt8>, after offset: Int) -> Int? {
    var i = offset
    while i < b.count {
      switch b[i] {
      case 0x0A: return i + 1
      case 0x0D: return i + 1 < b.count && b[i + 1] == 0x0A ? i + 2 : i + 1
      case 0xC2 where i + 1 < b.count && b[i + 1] == 0x85: return i + 2
      case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9): return i + 3
      default: i += 1
      }
    }
    return nil
  }

  /// Number of lines (a final line without a line break counts).
  var count: Int { starts.count }

  /// The start offset of 0-based line `n`; past the last line, the end of the file.
  func start(of n: Int) -> Int { n < starts.count ? starts[n] : end }

  /// The byte offset of a 1-based mark; columns count Unicode scalars.
  func offset(of mark: SourceMark, in bytes: [UInt8]) -> Int {
    var offset = start(of: mark.line - 1)
    var remaining = mark.column - 1
    while remaining > 0 && offset < bytes.count {
      offset += 1
      while offset < bytes.count && bytes[offset] & 0xC0 == 0x80 { offset += 1 }
      remaining -= 1
    }
    return offset
  }
}
