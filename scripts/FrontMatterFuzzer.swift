// The libFuzzer entry point for scripts/fuzz, compiled into one module with CRMKit's sources
// (so it sees their internal API). Any crash, sanitizer report or broken promise below is a
// finding; an input that is merely rejected is not.

@_cdecl("LLVMFuzzerTestOneInput")
public func frontMatterFuzzTest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  // The edit reader (a tree) and the load reader (events into typed fields) guard the same
  // files: what the tree rejects, the load rejects too (perhaps for a field's type first).
  let tree = verdict { _ = try FrontMatterFile(bytes: bytes) }
  let record = verdict { _ = try Record.parse(type: .company, path: "x.md", bytes: bytes) }
  if let tree, record == nil { fatalError("the load accepts what the tree rejects: \(tree)") }
  for type in RecordType.allCases { _ = try? Record.parse(type: type, path: "x.md", bytes: bytes) }
  guard tree == nil, var file = try? FrontMatterFile(bytes: bytes) else { return 0 }
  // Every surgical edit of a file that parses gives a file that parses.
  do { try file.set("name", to: YAMLEmitter.text(for: .string("Fuzz: #1 'x'"))) } catch { sound(error) }
  do { try file.set("tags", to: YAMLEmitter.text(for: .list([.string("a"), .string("b c")]))) } catch { sound(error) }
  do { try file.append("log", item: YAMLEmitter.text(for: .map([Field("at", .string("2026-11-22"))]))) } catch { sound(error) }
  do { try file.remove("name") } catch { sound(error) }
  return 0
}

/// Nil when `read` accepts, else its error as the user would see it.
private func verdict(_ read: () throws -> Void) -> String? {
  do {
    try read()
    return nil
  } catch {
    return (error as? CRMError)?.description ?? "\(error)"
  }
}

/// An edit may be refused (a list to add to that is not one), never produce a broken file.
private func sound(_ error: CRMError) {
  if error.message.hasPrefix("internal error") { fatalError("an edit broke the file: \(error.message)") }
}
