import CYAML

/// Parses YAML text into a `YAMLNode` tree with marks, through libyaml's event API.
///
/// Scalars keep their written text; nothing is resolved by YAML 1.1 rules (typing is the
/// schema's job). Anchors, aliases, tags, complex keys, duplicate keys and second documents
/// are rejected, because a record file has no use for them and they enable alias bombs.
public enum YAMLParser {
  /// Parses `bytes` as one YAML document. `firstLine` is the file line the bytes start on,
  /// so marks and errors are file-relative. An empty document is an empty mapping.
  public static func parse(_ bytes: ArraySlice<UInt8>, firstLine: Int = 1) throws(CRMError) -> YAMLNode {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else {
      throw CRMError(.failed, "cannot initialise the YAML parser")
    }
    defer { yaml_parser_delete(&parser) }
    let result: Result<YAMLNode, CRMError> = bytes.withUnsafeBufferPointer { buffer in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      let reader = EventReader(parser: &parser, lineOffset: firstLine - 1)
      return Result { () throws(CRMError) in try reader.readStream() }
    }
    return try result.get()
  }
}

private struct EventReader: ~Copyable {
  let parser: UnsafeMutablePointer<yaml_parser_t>
  let lineOffset: Int

  init(parser: UnsafeMutablePointer<yaml_parser_t>, lineOffset: Int) {
    self.parser = parser
    self.lineOffset = lineOffset
  }

  func mark(_ m: yaml_mark_t) -> SourceMark {
    SourceMark(line: Int(m.line) + 1 + lineOffset, column: Int(m.column) + 1)
  }

  /// One event, copied out of libyaml's memory.
  struct Event {
    var type: yaml_event_type_t
    var start: SourceMark
    var end: SourceMark
    var scalar: String = ""
    var style: ScalarStyle = .plain
    var flow = false
    var anchor: String?
    var tag: String?
  }

  func next() throws(CRMError) -> Event {
    var raw = yaml_event_t()
    guard yaml_parser_parse(parser, &raw) == 1 else {
      let p = parser.pointee
      let problem = p.problem.map { String(cString: $0) } ?? "invalid YAML"
      var message = problem
      if let context = p.context.map({ String(cString: $0) }) { message = "\(problem) \(context)" }
      throw CRMError(.data, "invalid YAML: \(message)", at: SourceLocation(path: "", mark: mark(p.problem_mark)))
    }
    defer { yaml_event_delete(&raw) }
    var event = Event(type: raw.type, start: mark(raw.start_mark), end: mark(raw.end_mark))
    switch raw.type {
    case YAML_SCALAR_EVENT:
      let s = raw.data.scalar
      event.scalar = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
      event.style = switch s.style {
      case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
      case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
      case YAML_LITERAL_SCALAR_STYLE: .literal
      case YAML_FOLDED_SCALAR_STYLE: .folded
      default: .plain
      }
      event.anchor = s.anchor.map { String(cString: $0) }
      event.tag = s.tag.map { String(cString: $0) }
    case YAML_SEQUENCE_START_EVENT:
      let s = raw.data.sequence_start
      event.flow = s.style == YAML_FLOW_SEQUENCE_STYLE
      event.anchor = s.anchor.map { String(cString: $0) }
      event.tag = s.tag.map { String(cString: $0) }
    case YAML_MAPPING_START_EVENT:
      let m = raw.data.mapping_start
      event.flow = m.style == YAML_FLOW_MAPPING_STYLE
      event.anchor = m.anchor.map { String(cString: $0) }
      event.tag = m.tag.map { String(cString: $0) }
    case YAML_ALIAS_EVENT:
      event.anchor = raw.data.alias.anchor.map { String(cString: $0) }
    default:
      break
    }
    return event
  }

  func fail(_ message: String, at mark: SourceMark) -> CRMError {
    CRMError(.data, message, at: SourceLocation(path: "", mark: mark))
  }

  func readStream() throws(CRMError) -> YAMLNode {
    _ = try next()  // stream start
    var event = try next()
    if event.type == YAML_STREAM_END_EVENT {
      return .mapping(entries: [], flow: false, start: event.start, end: event.end)
    }
    // event is DOCUMENT_START
    let root = try readNode(try next())
    _ = try next()  // document end
    event = try next()
    if event.type != YAML_STREAM_END_EVENT {
      throw fail("a second YAML document is not allowed", at: event.start)
    }
    return root
  }

  func readNode(_ event: Event) throws(CRMError) -> YAMLNode {
    if event.type == YAML_ALIAS_EVENT {
      throw fail("YAML aliases are not allowed ('*\(event.anchor ?? "")')", at: event.start)
    }
    if let anchor = event.anchor {
      throw fail("YAML anchors are not allowed ('&\(anchor)')", at: event.start)
    }
    if let tag = event.tag {
      throw fail("YAML tags are not allowed ('\(tag)')", at: event.start)
    }
    switch event.type {
    case YAML_SCALAR_EVENT:
      return .scalar(YAMLScalar(value: event.scalar, style: event.style, start: event.start, end: event.end))
    case YAML_SEQUENCE_START_EVENT:
      var items: [YAMLNode] = []
      while true {
        let child = try next()
        if child.type == YAML_SEQUENCE_END_EVENT {
          return .sequence(items: items, flow: event.flow, start: event.start, end: child.end)
        }
        items.append(try readNode(child))
      }
    case YAML_MAPPING_START_EVENT:
      var entries: [YAMLEntry] = []
      var seen = Set<String>()
      while true {
        let keyEvent = try next()
        if keyEvent.type == YAML_MAPPING_END_EVENT {
          return .mapping(entries: entries, flow: event.flow, start: event.start, end: keyEvent.end)
        }
        guard case .scalar(let key) = try readNode(keyEvent) else {
          throw fail("a mapping key must be a plain value", at: keyEvent.start)
        }
        guard seen.insert(key.value).inserted else {
          throw fail("duplicate key '\(key.value)'", at: key.start)
        }
        entries.append(YAMLEntry(key: key, value: try readNode(try next())))
      }
    default:
      throw fail("unexpected YAML event", at: event.start)
    }
  }
}
