/// Parses YAML text into a `YAMLNode` tree with marks, for surgical edits and the config.
///
/// Scalars keep their written text; nothing is resolved by YAML 1.1 rules (typing is the
/// schema's job). Complex keys and duplicate keys are rejected, as `YAMLEvents` rejects
/// anchors, aliases, tags and second documents.
public enum YAMLParser {
  /// Parses `bytes` as one YAML document. `firstLine` is the file line the bytes start on,
  /// so marks and errors are file-relative. An empty document is an empty mapping.
  public static func parse(_ bytes: ArraySlice<UInt8>, firstLine: Int = 1) throws(CRMError) -> YAMLNode {
    try bytes.withUnsafeBufferPointer { (buffer) throws(CRMError) -> YAMLNode in
      var events = try YAMLEvents(buffer, firstLine: firstLine)
      let first = try events.root()
      if case .other = first.kind { return .mapping(entries: [], flow: false, start: first.start, end: events.end) }
      let root = try node(first, &events)
      try events.finish()
      return root
    }
  }

  private static func node(_ event: YAMLEvents.Event, _ events: inout YAMLEvents) throws(CRMError) -> YAMLNode {
    switch event.kind {
    case .scalar:
      return .scalar(YAMLScalar(value: events.text, style: event.style, start: event.start, end: events.end))
    case .sequenceStart:
      var items: [YAMLNode] = []
      while true {
        let child = try events.next()
        if case .sequenceEnd = child.kind {
          return .sequence(items: items, flow: event.flow, start: event.start, end: events.end)
        }
        items.append(try node(child, &events))
      }
    case .mappingStart:
      var entries: [YAMLEntry] = []
      var keys = KeySet()
      while true {
        let keyEvent = try events.next()
        if case .mappingEnd = keyEvent.kind {
          return .mapping(entries: entries, flow: event.flow, start: event.start, end: events.end)
        }
        let key = YAMLScalar(
          value: try events.key(keyEvent, unique: &keys), style: keyEvent.style, start: keyEvent.start, end: events.end)
        entries.append(YAMLEntry(key: key, value: try node(try events.next(), &events)))
      }
    default:
      throw events.fail("unexpected YAML event", at: event.start)
    }
  }
}
