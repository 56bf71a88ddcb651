#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The record files crm wrote but has not committed: a journal in `.crm/local/uncommitted`,
/// one path a line. A path goes in before its file is written and leaves once a commit has
/// it, so a failed commit, a kill or Ctrl-C between the write and the commit leaves it named,
/// and the next commit (or `crm check`) takes it along. Only files crm wrote are ever
/// named: a file the user edits by hand is theirs to commit.
extension Repository {
  /// Per-clone state that is never committed: the folder ignores itself in git.
  public static let localFolder = ".crm/local"
  static let uncommittedJournal = localFolder + "/uncommitted"

  /// Names `path` in the journal before it is written; with autocommit off nothing is committed, so nothing is noted.
  func noteUncommitted(_ path: String) throws(CRMError) {
    guard config.autocommit else { return }
    try makeLocalFolder()
    let journal = absolute(Self.uncommittedJournal)
    let fd = open(journal, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard fd >= 0 else { throw CRMError(.cannotWrite, FileSystem.errnoText(), at: SourceLocation(path: Self.uncommittedJournal)) }
    defer { close(fd) }
    let line = Array((path + "\n").utf8)
    guard Glibc.write(fd, line, line.count) == line.count else {
      throw CRMError(.cannotWrite, FileSystem.errnoText(), at: SourceLocation(path: Self.uncommittedJournal))
    }
  }

  /// The record files crm wrote or removed and has not committed yet, oldest first.
  public func uncommitted() -> [String] {
    // Its own limit, not a record's: a big import whose commit failed names a path per message.
    guard let bytes = try? FileSystem.contents(of: absolute(Self.uncommittedJournal), limit: 1 << 30) else { return [] }
    return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init).uniqued().filter { path in
      Self.recordType(ofPath: path) != nil
    }
  }

  /// Commits `paths` with `message`, and with them what earlier crm runs wrote but could not
  /// commit (those of its files that still parse). Returns why git failed, or nil; the journal
  /// keeps what was not committed. Call while holding the write lock.
  func commitWithUncommitted(_ paths: [String], message: String) -> String? {
    var ready: [String] = []
    var broken: [String] = []
    for path in uncommitted() where !paths.contains(path) {
      if !FileSystem.exists(absolute(path)) || parses(path) { ready.append(path) } else { broken.append(path) }
    }
    let earlier = ready.isEmpty ? [] : Git.changed(ready, in: root) ?? ready
    var text = message
    if !earlier.isEmpty {
      text += "\n\nAlso commits what an earlier crm run wrote but could not commit:\n" + earlier.map { "  " + $0 + "\n" }.joined()
    }
    if let failure = Git.commit(paths + earlier, message: text, in: root) { return failure }
    forgetUncommitted(keeping: broken)
    return nil
  }

  private func parses(_ path: String) -> Bool {
    guard let type = Self.recordType(ofPath: path), let file = try? read(path).file else { return false }
    return (try? Record.parse(type: type, path: path, file: file)) != nil
  }

  /// Empties the journal but for `kept`.
  func forgetUncommitted(keeping kept: [String] = []) {
    let journal = absolute(Self.uncommittedJournal)
    unlink(journal)
    if !kept.isEmpty { try? FileSystem.writeAtomically(Array(kept.map { $0 + "\n" }.joined().utf8), to: journal, replacing: nil) }
  }

  /// `.crm/local/`, with a `.gitignore` that ignores the folder itself: a repo made before
  /// the folder existed ignores it too.
  func makeLocalFolder() throws(CRMError) {
    let ignore = absolute(Self.localFolder + "/.gitignore")
    guard !FileSystem.exists(ignore) else { return }
    try FileSystem.makeDirectories(absolute(Self.localFolder))
    try FileSystem.writeAtomically(Array("# Per-clone state crm keeps: never committed.\n*\n".utf8), to: ignore, replacing: nil)
  }

  /// The type of the record at `path` (`contacts/jane-doe.md`), or nil for any other path.
  static func recordType(ofPath path: String) -> RecordType? {
    guard path.hasSuffix(".md"), !path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else { return nil }
    return RecordType.allCases.first { path.hasPrefix($0.folder + "/") }
  }
}
