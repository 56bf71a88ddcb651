/// What automation rules did in this clone: `.crm/local/automation.log`, a line per firing
/// (time, rule, type, id, what it did, tab-separated). It is per clone and never committed,
/// so it never conflicts on merge; the commits the rules' writes are in say the same for
/// everyone. `crm automate run` reads it to fire a scheduled rule once per period.
public enum AutomationLog {
  public struct Entry: Sendable, Equatable {
    public let at: Timestamp
    public let rule: String
    public let type: String
    public let id: String
    public let done: String
  }

  static let path = Repository.localFolder + "/automation.log"

  /// Every entry, oldest first; a line that is not one (cut short by a crash) is skipped.
  public static func read(_ repo: Repository) -> [Entry] {
    // It only grows: read whole, however long (the default limit is a record's).
    guard let bytes = try? FileSystem.contents(of: repo.absolute(path), limit: 1 << 30) else { return [] }
    return String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
      let parts = line.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
      guard parts.count == 5, let at = Timestamp(parts[0]) else { return nil }
      return Entry(at: at, rule: parts[1], type: parts[2], id: parts[3], done: parts[4])
    }
  }

  /// Adds the firings at `at`.
  public static func append(_ firings: [Automation.Firing], at: Timestamp, in repo: Repository) throws(CRMError) {
    guard !firings.isEmpty else { return }
    // Tabs and line breaks in a rule's name or a note would split the line.
    func clean(_ text: String) -> String { text.map { $0 == "\t" || $0.isNewline ? " " : $0 }.reduce(into: "") { $0.append($1) } }
    let text = firings.map { firing in
      [at.description, clean(firing.rule), firing.type.rawValue, firing.id, clean(firing.done.joined(separator: ", "))].joined(separator: "\t") + "\n"
    }.joined()
    try repo.appendLocal(path, text)
  }
}
