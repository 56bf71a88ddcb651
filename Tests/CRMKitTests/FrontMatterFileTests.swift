import XCTest

@testable import CRMKit

final class FrontMatterFileTests: XCTestCase {
  func file(_ text: String) throws -> FrontMatterFile { try FrontMatterFile(bytes: Array(text.utf8)) }

  /// What the edit reader (a tree) says about a file; the load reader (events straight into
  /// typed fields) must say exactly the same, since both guard the same files.
  func rejection(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
    func verdict(_ read: () throws -> Void) -> String {
      do {
        try read()
        return "accepted"
      } catch {
        return (error as? CRMError)?.description ?? "\(error)"
      }
    }
    let tree = verdict { _ = try FrontMatterFile(bytes: Array(text.utf8)) }
    let record = verdict { _ = try Record.parse(type: .company, path: "x.md", bytes: Array(text.utf8)) }
    let located = tree.first?.isNumber == true ? "x.md:" + tree : "x.md: " + tree
    XCTAssertEqual(record, tree == "accepted" ? tree : located, "the two readers disagree", file: file, line: line)
    return tree
  }

  func testSplitsFrontMatterAndKeepsBodyByteForByte() throws {
    let body = "Notes with --- inside\n\n  indented\ttab\r\nand no final newline"
    let f = try file("---\nname: Jane\n---\n" + body)
    XCTAssertEqual(f.entries.map(\.key.value), ["name"])
    XCTAssertEqual(f.body, body)
  }

  func testMarksAreFileRelativeAndOneBased() throws {
    let f = try file("---\nname: Jane\ntags: [a, b]\n---\n")
    XCTAssertEqual(f.entries[1].key.start, SourceMark(line: 3, column: 1))
    XCTAssertEqual(f.entries[1].value.start, SourceMark(line: 3, column: 7))
  }

  func testRejections() {
    XCTAssertEqual(rejection("name: x\n"), "1:1: missing front matter: the file must start with a '---' line")
    XCTAssertEqual(rejection(""), "1:1: missing front matter: the file must start with a '---' line")
    XCTAssertEqual(rejection("---\nname: x\n"), "1:1: front matter is not closed: no '---' line after the one on line 1")
    XCTAssertEqual(rejection("---\nbase: &a x\nname: *a\n---\n"), "2:7: YAML anchors are not allowed ('&a')")
    XCTAssertEqual(rejection("---\nname: *a\n---\n"), "2:7: YAML aliases are not allowed ('*a')")
    XCTAssertEqual(rejection("---\nname: x\nname: y\n---\n"), "3:1: duplicate key 'name'")
    XCTAssertEqual(rejection("---\nmeta: {a: 1, a: 2}\n---\n"), "2:14: duplicate key 'a'")
    XCTAssertEqual(rejection("---\nname: !!str x\n---\n"), "2:7: YAML tags are not allowed ('tag:yaml.org,2002:str')")
    XCTAssertEqual(rejection("---\n- a\n- b\n---\n"), "2:1: front matter must be 'key: value' lines")
    XCTAssertEqual(
      rejection("---\nname: [a\n---\n"), "3:1: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence")
    XCTAssertEqual(
      rejection("---\nname: x\n<<<<<<< HEAD\ntitle: a\n=======\ntitle: b\n>>>>>>> theirs\n---\n"),
      "3:1: unresolved git conflict marker '<<<<<<<'")
    XCTAssertEqual(rejection("---\nname: x\n---\nBody\r\n>>>>>>> theirs\r\n"), "5:1: unresolved git conflict marker '>>>>>>>'")
    // A setext heading underline is not a conflict marker.
    XCTAssertEqual(rejection("---\nname: x\n---\nTitle\n=======\n"), "accepted")
    // Delimiters may carry trailing blanks; a longer dash line is not one.
    XCTAssertEqual(rejection("--- \nname: x\n---\t\nBody\n"), "accepted")
    XCTAssertEqual(rejection("---\nname: x\n----\n"), "1:1: front matter is not closed: no '---' line after the one on line 1")
    XCTAssertEqual(rejection("---\nname: x\nmeta: {[a]: 1}\n---\n"), "3:8: a mapping key must be a plain value")
    XCTAssertEqual(rejection("---\nname: x\n---\nb: 2\n---\n"), "accepted")  // a later `---` is body
    XCTAssertEqual(rejection("---\n{name: x}\n---\n"), "2:1: front matter must be 'key: value' lines")
    XCTAssertEqual(rejection("---\njust text\n---\n"), "2:1: front matter must be 'key: value' lines")
    XCTAssertEqual(rejection("---\nname: x\nmeta:\n  tag: !x y\n---\n"), "4:8: YAML tags are not allowed ('!x')")
    // A tab in the indentation: libyaml names what it could not scan, crm adds why.
    XCTAssertEqual(
      rejection("---\nname: x\nemails:\n\t- a@b.c\n---\n"),
      "4:1: invalid YAML: found character that cannot start any token while scanning for the next token; indent with spaces: YAML does not allow tabs")
    XCTAssertEqual(
      rejection("---\nname: x\nmeta:\n  a: 1\n \tb: 2\n---\n"),
      "5:2: invalid YAML: found a tab character that violates indentation while scanning a plain scalar; indent with spaces: YAML does not allow tabs")
    XCTAssertEqual(rejection("---\nname:\tx\ntags: [a,\tb]\n---\n"), "accepted")  // a tab that is not indentation is fine
    // Past 32 keys a mapping switches to a hash set; a repeat is still caught.
    let many = (1...40).map { "k\($0): v\n" }.joined()
    XCTAssertEqual(rejection("---\nname: x\n" + many + "k7: again\n---\n"), "43:1: duplicate key 'k7'")
    XCTAssertEqual(rejection("---\nname: x\n" + many + "---\n"), "accepted")
  }

  /// Collections nest at most `maximumDepth` deep, the front matter counting as one; past
  /// that both readers stop at the first collection too deep, however deep the file goes
  /// (far enough down, reading it would overflow the stack).
  func testNestingIsBounded() {
    func nested(_ depth: Int) -> String {
      "---\nname: x\nmeta: " + String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1) + "\n---\n"
    }
    let limit = YAMLEvents.maximumDepth
    XCTAssertEqual(rejection(nested(limit)), "accepted")
    XCTAssertEqual(rejection(nested(limit + 1)), "3:\(6 + limit): nested deeper than \(limit) levels")
    XCTAssertEqual(rejection(nested(50_000)), "3:\(6 + limit): nested deeper than \(limit) levels")
    // Block mappings: keys k1 to kN nest N mappings, the front matter's among them.
    func blocks(_ depth: Int) -> String {
      "---\nname: x\n" + (1...depth).map { String(repeating: "  ", count: $0 - 1) + "k\($0):\n" }.joined() + "---\n"
    }
    XCTAssertEqual(rejection(blocks(limit)), "accepted")
    XCTAssertEqual(rejection(blocks(limit + 1)), "\(3 + limit):\(2 * limit + 1): nested deeper than \(limit) levels")
  }

  func testSecondDocumentIsRejected() {
    XCTAssertEqual(YAMLTestSupport.parseError("a: 1\n---\nb: 2\n"), "2:1: a second YAML document is not allowed")
    // Nor is the end of one: a key added at the end would be after it (found by scripts/fuzz).
    XCTAssertEqual(rejection("---\nname: x\n...\n\n---\n"), "3:1: a YAML document end marker '...' is not allowed")
  }

  func testInvalidUTF8IsRejectedWithItsPosition() {
    var bytes = Array("---\nname: J".utf8)
    bytes.append(0xFF)
    bytes += Array("\n---\n".utf8)
    XCTAssertThrowsError(try FrontMatterFile(bytes: bytes)) { error in
      XCTAssertEqual((error as? CRMError)?.description, "2:8: invalid UTF-8")
    }
    // Characters, not bytes, are counted to the column.
    XCTAssertThrowsError(try FrontMatterFile(bytes: Array("---\nname: Jü\nnote: ½".utf8) + [0xE0, 0x80] + Array("\n---\n".utf8))) { error in
      XCTAssertEqual((error as? CRMError)?.description, "3:8: invalid UTF-8")
    }
  }

  /// The fast check finds the same first bad byte as the standard library's decoder, on
  /// every edge of table 3-7 and on random bytes, with ASCII runs long and short around them.
  func testInvalidUTF8IsFoundWhereTheStandardDecoderFindsIt() {
    func reference(_ bytes: [UInt8]) -> Int? {
      var parser = Unicode.UTF8.ForwardParser()
      var iterator = bytes.makeIterator()
      var offset = 0
      while true {
        switch parser.parseScalar(from: &iterator) {
        case .valid(let encoded): offset += encoded.count
        case .emptyInput: return nil
        case .error: return offset
        }
      }
    }
    func found(_ bytes: [UInt8]) -> Int? { bytes.withUnsafeBufferPointer { FrontMatterFile.firstInvalidUTF8($0) } }
    let edges: [[UInt8]] = [
      [0x7F], [0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xDF], [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80],
      [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xEF, 0xBF], [0xF0, 0x8F, 0x80, 0x80],
      [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
      [0xE1, 0x80, 0x41], [0xF1, 0x80, 0x80, 0xC0], [0xFF], Array("Jürgen Müller".utf8),
    ]
    var generator = SystemRandomNumberGenerator()
    var cases: [[UInt8]] = []
    for edge in edges {
      for (before, after) in [(0, 0), (3, 1), (8, 9), (17, 0)] {
        cases.append(Array(repeating: 0x61, count: before) + edge + Array(repeating: 0x62, count: after))
      }
    }
    for _ in 0..<2000 {
      let length = Int.random(in: 0...40, using: &generator)
      cases.append((0..<length).map { _ in Bool.random(using: &generator) ? UInt8.random(in: 0x20...0x7E, using: &generator) : UInt8.random(in: 0x80...0xFF, using: &generator) })
    }
    for bytes in cases {
      XCTAssertEqual(found(bytes), reference(bytes), "\(bytes)")
      XCTAssertEqual(found(bytes) == nil, String(validating: bytes, as: UTF8.self) != nil, "\(bytes)")
    }
  }

  func testOversizedFileIsRejected() {
    let big = "---\nname: x\n---\n" + String(repeating: "x", count: FrontMatterFile.maximumSize)
    XCTAssertEqual(rejection(big), "file is over 1 MiB")
  }

  func testBOMAndCRLF() throws {
    var f = try FrontMatterFile(bytes: [0xEF, 0xBB, 0xBF] + Array("---\r\nname: Jane\r\n---\r\nBody\r\n".utf8))
    XCTAssertEqual(f.lineEnding, "\r\n")
    XCTAssertEqual(f["name"]?.scalar?.value, "Jane")
    try f.set("title", to: .inline("CEO"))
    try f.append("tags", item: .inline("vip"))
    XCTAssertEqual(f.text, "\u{FEFF}---\r\nname: Jane\r\ntitle: CEO\r\ntags: [vip]\r\n---\r\nBody\r\n")
  }

  func testSetReplacesOnlyTheValueAndKeepsTheComment() throws {
    var f = try file("---\n# people\nname: Jane   # full name\ntitle: 'Engineer' # role\n---\nBody\n")
    try f.set("title", to: .inline("CEO"))
    XCTAssertEqual(f.text, "---\n# people\nname: Jane   # full name\ntitle: CEO # role\n---\nBody\n")
  }

  func testSetReplacesABlockValueWithAnInlineOne() throws {
    var f = try file("---\ntags:\n  - a\n  - b\n# next\nname: x\n---\n")
    try f.set("tags", to: .inline("[c]"))
    XCTAssertEqual(f.text, "---\ntags: [c]\n# next\nname: x\n---\n")
  }

  func testSetOnAnEmptyValue() throws {
    var f = try file("---\ntitle:\nname: x\n---\n")
    try f.set("title", to: .inline("CEO"))
    XCTAssertEqual(f.text, "---\ntitle: CEO\nname: x\n---\n")
  }

  /// libyaml breaks lines at a lone CR (and U+0085, U+2028, U+2029) too: an edit finds the
  /// entry where its marks say, not a line off (found by scripts/fuzz).
  func testEditsCountLinesAsYAMLDoes() throws {
    var f = try file("---\r\nname: x\r en2t\r\nrole: a\u{2028} b\r\nnote: n\r\n---\r\n")
    try f.set("name", to: .inline("Jane"))
    try f.set("note", to: .inline("m"))
    XCTAssertEqual(f.text, "---\r\nname: Jane\r\nrole: a\u{2028} b\r\nnote: m\r\n---\r\n")
  }

  func testRemoveTakesTheWholeEntry() throws {
    var f = try file("---\nname: x\nnotes: |\n  line one\n  line two\nphones:\n  - \"1\"\nz: 1\n---\n")
    try f.remove("notes")
    try f.remove("phones")
    XCTAssertEqual(f.text, "---\nname: x\nz: 1\n---\n")
  }

  func testAppendToFlowBlockAndMissingLists() throws {
    var f = try file("---\na: [x, \"y\"]\nb:\n    - x   # first\nc: []\n---\n")
    try f.append("a", item: .inline("z"))
    try f.append("b", item: .inline("z"))
    try f.append("c", item: .inline("z"))
    try f.append("d", item: .inline("z"))
    try f.append("b", item: .block(["stage: won", "at: 2026-11-22"]))
    XCTAssertEqual(
      f.text, "---\na: [x, \"y\", z]\nb:\n    - x   # first\n    - z\n    - stage: won\n      at: 2026-11-22\nc: [z]\nd: [z]\n---\n")
  }

  /// YAML lets a file indent all its top-level keys alike; an edit lines up with them.
  func testEditsOfIndentedKeysLineUp() throws {
    var f = try file("---\n  name: x\n  title: T\n  tags:\n    - a\n---\nBody\n")
    try f.set("title", to: .inline("CEO"))
    try f.set("source", to: .inline("web"))
    try f.append("tags", item: .inline("b"))
    try f.set("history", to: .block(["- stage: won", "  at: 2026-11-22"]))
    try f.remove("name")
    XCTAssertEqual(
      f.text, "---\n  title: CEO\n  tags:\n    - a\n    - b\n  source: web\n  history:\n    - stage: won\n      at: 2026-11-22\n---\nBody\n")
  }

  func testAppendToAScalarIsRefused() throws {
    var f = try file("---\ntags: vip\n---\n")
    XCTAssertThrowsError(try f.append("tags", item: .inline("x"))) { error in
      XCTAssertEqual((error as? CRMError)?.message, "cannot add to 'tags': it is not a list")
    }
  }

  /// Random sequences of edits on a hand-written file: re-parsing gives exactly the intended
  /// values, and every line the edits did not touch is still there byte for byte, in order.
  func testRandomizedSurgicalEdits() throws {
    let original = """
      ---
      # Contact kept by hand. Comments must survive.
      name: "Jane Doe"   # quoted on purpose
      emails:
        - jane@acme.example
      phones: ['+44 20 7946 0018']
      zip: 01234

      country: NO
      notes_short: >
        folded text
        continues
      ---
      Met at the Lisbon meetup.

      Prefers email.

      """
    var generator = SplitMix(seed: 42)
    let keys = ["title", "score", "country", "zip", "source", "k_new", "name"]
    let values = ["CEO", "0123", "yes", "1:30", "a: b", "#x", "", "Ünïcode ✓", "- dash", "[x]", "null", "2026-11-22", "line\nbreak"]
    for round in 0..<200 {
      var f = try file(original)
      var expected: [String: String?] = [:]
      var touched: Set<String> = []
      for _ in 0..<(1 + generator.next() % 6) {
        let key = keys[generator.next() % keys.count]
        touched.insert(key)
        if generator.next() % 4 == 0 && key != "name" {
          try f.remove(key)
          expected[key] = .some(nil)
        } else {
          let value = values[generator.next() % values.count]
          try f.set(key, to: YAMLEmitter.text(for: .string(value)))
          expected[key] = .some(value)
        }
      }
      for (key, value) in expected {
        XCTAssertEqual(f[key]?.scalar?.value, value, "round \(round): \(key)")
        if let value { XCTAssertFalse(f[key]?.scalar?.isNull == true && !value.isEmpty, "round \(round)") }
      }
      // Every original line outside touched entries still appears, in order.
      let untouched = original.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
        !touched.contains { line.hasPrefix($0 + ":") } && !(touched.contains("notes_short") && line.hasPrefix("  "))
      }
      var remaining = Substring(f.text)
      for line in untouched where !line.isEmpty {
        guard let range = remaining.range(of: line) else {
          XCTFail("round \(round): lost line '\(line)' in\n\(f.text)")
          break
        }
        remaining = remaining[range.upperBound...]
      }
      XCTAssertTrue(f.text.hasSuffix("---\nMet at the Lisbon meetup.\n\nPrefers email.\n"), "round \(round)")
    }
  }
}

/// A small deterministic generator, so randomized tests repeat exactly.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
  }
}

enum YAMLTestSupport {
  static func parseError(_ text: String) -> String {
    do {
      _ = try YAMLParser.parse(Array(text.utf8)[...])
      return "accepted"
    } catch {
      return error.description
    }
  }
}

final class YAMLEventsTests: XCTestCase {
  /// Every event of `text` (kind, position, scalar text) to the end of the stream, or the
  /// error that stopped the read.
  private func trace(_ text: String, parser: YAMLEvents.Parser) -> String {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
      var out: [String] = []
      do throws(CRMError) {
        var events = try YAMLEvents(buffer, firstLine: 1, parser: parser)
        var event = try events.root()
        while true {
          out.append("\(event.kind)@\(event.start.line):\(event.start.column)" + (event.kind == .scalar ? "=\(events.text)" : ""))
          if case .other = event.kind { break }
          event = try events.next()
        }
      } catch {
        out.append(error.description)
      }
      return out.joined(separator: " ")
    }
  }

  /// A parser read with again gives what a new one gives, whatever the text before it left:
  /// a whole stream, a stream stopped at an anchor with tokens still queued, a syntax error,
  /// tag and version directives.
  func testAParserReadWithAgainReadsAsANewOne() {
    let texts = [
      "name: Jane\nemails: [a@b.c, d@e.f]\n", "", "- a\n- {b: [c, d]}\n", "a: &x 1\nb: *x\n", "a: !e 1\n",
      "a: [1,\n", "%TAG !e! tag:example.com,2000:\n---\na: 1\n", "%YAML 1.1\n---\na: 1\n", "a: 1\n---\nb: 2\n",
      "a: 'x\n", "a:\n  b:\n    c: [1, 2, {d: e}]\n", "a: " + String(repeating: "[", count: 99) + String(repeating: "]", count: 99), "? [a]\n: 1\n", "%TAG !e! tag:example.com,2000:\n---\na: [&x 1, 2]\n",
    ]
    let shared = YAMLEvents.Parser()
    for first in texts {
      for second in texts {
        _ = trace(first, parser: shared)
        XCTAssertEqual(trace(second, parser: shared), trace(second, parser: YAMLEvents.Parser()), "\(first.debugDescription) then \(second.debugDescription)")
      }
    }
    XCTAssertEqual(trace("a: [1, 2]\n", parser: shared), "mappingStart@1:1 scalar@1:1=a sequenceStart@1:4 scalar@1:5=1 scalar@1:8=2 sequenceEnd@1:9 mappingEnd@2:1 other@2:1")
  }
}
