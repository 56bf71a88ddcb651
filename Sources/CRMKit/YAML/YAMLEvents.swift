import CYAML

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// libyaml's event stream over one buffer, with the rules every YAML text crm reads follows:
/// anchors, aliases and tags are rejected (a record file has no use for them, and aliases
/// enable alias bombs), and so is a second document. Both readers go through it: `YAMLParser`
/// builds a tree for surgical edits, `RecordReader` types a record's fields as it goes.
struct YAMLEvents: ~Copyable {
  enum Kind {
    case scalar, sequenceStart, sequenceEnd, mappingStart, mappingEnd, other
  }

  /// One event's shape; a scalar's text is `text` or `bytes`, and where it ends `end`, until
  /// the next call to `next()`.
  struct Event {
    var kind: Kind
    var start: SourceMark
    var style: ScalarStyle = .plain
    var flow = false
  }

  private let reader: Parser
  private let buffer: UnsafeBufferPointer<UInt8>
  private var parser: UnsafeMutablePointer<yaml_parser_t> { reader.parser }
  private var current: UnsafeMutablePointer<yaml_event_t> { reader.event }
  private var holding = false
  private let lineOffset: Int32
  /// How many collections the current event is inside.
  private var depth = 0
  /// Where each plain scalar ends that a ` #` on its line cut short, in file order: YAML
  /// reads the rest of the line as a comment, seldom what the writer of `note: Smith #1`
  /// meant. Looked for only in a text that has a `#` at all.
  private(set) var commentCuts: [SourceMark] = []
  private let hasHash: Bool
  /// A 0-based line and column and the byte offset where they are, moved forward as
  /// scalars end, to find the bytes after one.
  private var cursor = (line: 0, column: 0, offset: 0)

  /// How deep collections may nest. A record needs three levels (the front matter, a list of
  /// entries, an entry) and a config two; every reader of these events, and every walk over
  /// the values they become (typing, emitting, rendering, the cache), recurses once a level,
  /// so the bound is what keeps a hand-written `[[[…]]]` from overflowing a thread's stack.
  static let maximumDepth = 64

  /// Reads `buffer`, which must outlive the events. `firstLine` is the file line the buffer
  /// starts on, so marks and errors are file-relative. `parser` is one to read with again
  /// (one thread's, for a run of files); without it the events get a parser of their own.
  init(_ buffer: UnsafeBufferPointer<UInt8>, firstLine: Int, parser: Parser = Parser()) throws(CRMError) {
    reader = parser
    self.buffer = buffer
    hasHash = buffer.baseAddress.map { memchr($0, 0x23, buffer.count) != nil } ?? false
    lineOffset = Int32(clamping: firstLine - 1)
    try parser.start(buffer)
  }

  deinit {
    if holding { yaml_event_delete(current) }
  }

  /// libyaml's parser and the event it fills, kept from one text to the next: a load parses
  /// thousands of files on each thread, and setting a parser up and tearing it down (eight
  /// allocations, two of them 16 and 48 KiB) costs a fifth of a small file's parse. Used by
  /// one `YAMLEvents` at a time.
  final class Parser {
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    private var initialized = false

    /// Whether this libyaml's parser can be cleared for another text as `clear()` does: the
    /// layout it relies on is that of libyaml 0.2 (0.2.1 to 0.2.5 to date). Any other
    /// version is set up afresh for every text.
    private static let clearable: Bool = {
      var (major, minor, patch): (Int32, Int32, Int32) = (0, 0, 0)
      yaml_get_version(&major, &minor, &patch)
      return major == 0 && minor == 2
    }()

    deinit {
      if initialized { yaml_parser_delete(parser) }
      parser.deallocate()
      event.deallocate()
    }

    /// Readies the parser for `buffer`.
    func start(_ buffer: UnsafeBufferPointer<UInt8>) throws(CRMError) {
      if initialized && Self.clearable && parser.pointee.error == YAML_NO_ERROR {
        clear()
      } else {
        if initialized { yaml_parser_delete(parser) }
        initialized = yaml_parser_initialize(parser) == 1
        guard initialized else { throw CRMError(.failed, "cannot initialise the YAML parser") }
      }
      yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
    }

    /// What `yaml_parser_delete` then `yaml_parser_initialize` do, but keeping the buffers
    /// and stacks they would free and allocate again: the tokens not yet read and the tag
    /// directives (the only memory a parser owns besides those) are freed, the parser is
    /// zeroed, and each buffer, queue and stack is made empty at its start.
    private func clear() {
      let p = parser
      while p.pointee.tokens.head != p.pointee.tokens.tail {
        yaml_token_delete(p.pointee.tokens.head)
        p.pointee.tokens.head += 1
      }
      while p.pointee.tag_directives.top != p.pointee.tag_directives.start {
        p.pointee.tag_directives.top -= 1
        free(p.pointee.tag_directives.top.pointee.handle)
        free(p.pointee.tag_directives.top.pointee.prefix)
      }
      let kept = p.pointee
      memset(p, 0, MemoryLayout<yaml_parser_t>.size)
      (p.pointee.raw_buffer.start, p.pointee.raw_buffer.end) = (kept.raw_buffer.start, kept.raw_buffer.end)
      (p.pointee.raw_buffer.pointer, p.pointee.raw_buffer.last) = (kept.raw_buffer.start, kept.raw_buffer.start)
      (p.pointee.buffer.start, p.pointee.buffer.end) = (kept.buffer.start, kept.buffer.end)
      (p.pointee.buffer.pointer, p.pointee.buffer.last) = (kept.buffer.start, kept.buffer.start)
      (p.pointee.tokens.start, p.pointee.tokens.end) = (kept.tokens.start, kept.tokens.end)
      (p.pointee.tokens.head, p.pointee.tokens.tail) = (kept.tokens.start, kept.tokens.start)
      (p.pointee.indents.start, p.pointee.indents.end, p.pointee.indents.top) = (kept.indents.start, kept.indents.end, kept.indents.start)
      (p.pointee.simple_keys.start, p.pointee.simple_keys.end, p.pointee.simple_keys.top) =
        (kept.simple_keys.start, kept.simple_keys.end, kept.simple_keys.start)
      (p.pointee.states.start, p.pointee.states.end, p.pointee.states.top) = (kept.states.start, kept.states.end, kept.states.start)
      (p.pointee.marks.start, p.pointee.marks.end, p.pointee.marks.top) = (kept.marks.start, kept.marks.end, kept.marks.start)
      (p.pointee.tag_directives.start, p.pointee.tag_directives.end, p.pointee.tag_directives.top) =
        (kept.tag_directives.start, kept.tag_directives.end, kept.tag_directives.start)
    }
  }

  func mark(_ m: yaml_mark_t) -> SourceMark {
    SourceMark(zeroBasedLine: Int32(truncatingIfNeeded: m.line) &+ lineOffset, column: Int32(truncatingIfNeeded: m.column))
  }

  func fail(_ message: String, at mark: SourceMark) -> CRMError {
    CRMError(.data, message, at: SourceLocation(path: "", mark: mark))
  }

  /// Where the current event ends: only the tree for edits needs it, so it is not worked
  /// out for every event.
  var end: SourceMark { mark(current.pointee.end_mark) }

  /// The current scalar's bytes.
  var bytes: UnsafeBufferPointer<UInt8> {
    let s = current.pointee.data.scalar
    return UnsafeBufferPointer(start: s.value, count: s.length)
  }

  /// The current scalar's text.
  var text: String { String(decoding: bytes, as: UTF8.self) }

  mutating func next() throws(CRMError) -> Event {
    if holding {
      yaml_event_delete(current)
      holding = false
    }
    guard yaml_parser_parse(parser, current) == 1 else {
      let p = parser.pointee
      let problem = p.problem.map { String(cString: $0) } ?? "invalid YAML"
      var message = problem
      if let context = p.context.map({ String(cString: $0) }) { message = "\(problem) \(context)" }
      if Self.isIndentedWithTab(buffer, line: Int(p.problem_mark.line)) { message += "; indent with spaces: YAML does not allow tabs" }
      throw fail("invalid YAML: \(message)", at: mark(p.problem_mark))
    }
    holding = true
    let raw = UnsafePointer(current)  // read in place: the event is over 100 bytes
    var event = Event(kind: .other, start: mark(raw.pointee.start_mark))
    let anchor: UnsafeMutablePointer<yaml_char_t>?
    let tag: UnsafeMutablePointer<yaml_char_t>?
    switch raw.pointee.type {
    case YAML_SCALAR_EVENT:
      let s = raw.pointee.data.scalar
      event.kind = .scalar
      event.style =
        switch s.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
      (anchor, tag) = (s.anchor, s.tag)
      if hasHash, event.style == .plain, s.length > 0 { noteCommentCut(at: raw.pointee.end_mark) }
    case YAML_SEQUENCE_START_EVENT:
      let s = raw.pointee.data.sequence_start
      event.kind = .sequenceStart
      event.flow = s.style == YAML_FLOW_SEQUENCE_STYLE
      (anchor, tag) = (s.anchor, s.tag)
      try enter(at: event.start)
    case YAML_MAPPING_START_EVENT:
      let m = raw.pointee.data.mapping_start
      event.kind = .mappingStart
      event.flow = m.style == YAML_FLOW_MAPPING_STYLE
      (anchor, tag) = (m.anchor, m.tag)
      try enter(at: event.start)
    case YAML_SEQUENCE_END_EVENT:
      event.kind = .sequenceEnd
      (anchor, tag) = (nil, nil)
      depth -= 1
    case YAML_MAPPING_END_EVENT:
      event.kind = .mappingEnd
      (anchor, tag) = (nil, nil)
      depth -= 1
    case YAML_ALIAS_EVENT:
      let name = raw.pointee.data.alias.anchor.map { String(cString: $0) } ?? ""
      throw fail("YAML aliases are not allowed ('*\(name)')", at: event.start)
    default:
      (anchor, tag) = (nil, nil)
    }
    if let anchor { throw fail("YAML anchors are not allowed ('&\(String(cString: anchor))')", at: event.start) }
    if let tag { throw fail("YAML tags are not allowed ('\(String(cString: tag))')", at: event.start) }
    return event
  }

  /// Whether 0-based `line` of `text` starts with blanks that hold a tab: libyaml's errors
  /// there say what it could not scan, not that the tab is the trouble.
  private static func isIndentedWithTab(_ text: UnsafeBufferPointer<UInt8>, line: Int) -> Bool {
    var start = 0
    for _ in 0..<line {
      guard let next = LineTable.nextLine(in: text, after: start) else { return false }
      start = next
    }
    for byte in text[start...] where byte != 0x20 { return byte == 0x09 }
    return false
  }

  /// Notes a plain scalar ending at `end` when a comment that looks like more of the value
  /// follows it on its line.
  private mutating func noteCommentCut(at end: yaml_mark_t) {
    let (line, column) = (Int(end.line), Int(end.column))
    if (line, column) < (cursor.line, cursor.column) { cursor = (0, 0, 0) }
    while cursor.line < line {
      guard let next = LineTable.nextLine(in: buffer, after: cursor.offset) else { return }
      cursor = (cursor.line + 1, 0, next)
    }
    while cursor.column < column && cursor.offset < buffer.count {  // columns count Unicode scalars
      cursor.offset += 1
      while cursor.offset < buffer.count && buffer[cursor.offset] & 0xC0 == 0x80 { cursor.offset += 1 }
      cursor.column += 1
    }
    // `Smith #1 client`: one blank, then `#` and text, reads as part of the value but is a
    // comment to YAML. `PT5098   # for invoices` (a `# ` after blanks) is meant as one.
    let i = cursor.offset
    guard i + 2 < buffer.count, buffer[i] == 0x20 || buffer[i] == 0x09, buffer[i + 1] == 0x23 else { return }
    let after = buffer[i + 2]
    if after != 0x20 && after != 0x09 && after != 0x0A && after != 0x0D { commentCuts.append(mark(end)) }
  }

  /// Counts a collection opening at `mark`, refusing one past `maximumDepth`. The parser is
  /// then stopped as libyaml stops after an error of its own, so `drain()` ends here too.
  private mutating func enter(at mark: SourceMark) throws(CRMError) {
    depth += 1
    guard depth <= Self.maximumDepth else {
      parser.pointee.error = YAML_PARSER_ERROR
      throw fail("nested deeper than \(Self.maximumDepth) levels", at: mark)
    }
  }

  /// Opens the one document and returns its root's first event, or the end-of-stream event
  /// (kind `.other`) when the text holds no document.
  mutating func root() throws(CRMError) -> Event {
    _ = try next()  // stream start
    let event = try next()
    return current.pointee.type == YAML_DOCUMENT_START_EVENT ? try next() : event
  }

  /// Closes the document the root was read from; another document is an error.
  mutating func finish() throws(CRMError) {
    let end = try next()  // document end
    // An explicit end (`...`) only serves a stream of documents: after it, nothing (an edit
    // adding a key at the end) could be read.
    if current.pointee.data.document_end.implicit == 0 { throw fail("a YAML document end marker '...' is not allowed", at: end.start) }
    let event = try next()
    if current.pointee.type != YAML_STREAM_END_EVENT {
      throw fail("a second YAML document is not allowed", at: event.start)
    }
  }

  /// Reads to the end of the text: called before reporting a typing error, so that a
  /// syntax error anywhere in the file is what the user sees first.
  mutating func drain() throws(CRMError) {
    while true {
      _ = try next()
      // libyaml answers every call after an error or the end with an empty event.
      if current.pointee.type == YAML_STREAM_END_EVENT || current.pointee.type == YAML_NO_EVENT { return }
    }
  }

  /// The text of the mapping key that starts with `event`: a scalar not already in `keys`.
  func key(_ event: Event, unique keys: inout KeySet) throws(CRMError) -> String {
    guard case .scalar = event.kind else { throw fail("a mapping key must be a plain value", at: event.start) }
    let key = text
    guard keys.insert(key) else { throw duplicate(key, at: event.start) }
    return key
  }

  func duplicate(_ key: String, at mark: SourceMark) -> CRMError { fail("duplicate key '\(key)'", at: mark) }

  /// Whether the current scalar is the YAML 1.2 core schema's null.
  func isNull(_ event: Event) -> Bool { YAMLScalar.isNull(bytes, style: event.style) }
}

/// The keys of one mapping so far, to refuse a repeated one: a scan while the mapping is
/// small (as records are), a hash set beyond, so a hostile file cannot make it quadratic.
/// The scan compares a cheap hash of each key first: comparing two different strings is
/// the slow path of `==`, and a mapping's keys are nearly always all different.
struct KeySet {
  private var small: [(hash: UInt64, key: String)] = []
  private var large: Set<String> = []

  /// False when `key` is already in.
  mutating func insert(_ key: String) -> Bool {
    if large.isEmpty {
      let hash = key.fnv1a
      if small.contains(where: { $0.hash == hash && $0.key == key }) { return false }
      if small.isEmpty { small.reserveCapacity(16) }  // one allocation for a mapping's keys, not five
      small.append((hash, key))
      if small.count == 32 { large = Set(small.map(\.key)) }
      return true
    }
    return large.insert(key).inserted
  }
}
