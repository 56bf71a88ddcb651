#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The record files crm wrote but has not committed: a journal in `.crm/local/uncommitted`,
/// a line per write: the path, a tab, and the written bytes' length and hash (`-` for a
/// removal). A path goes in before its file is written and leaves once a commit has it, so
/// a failed commit, a kill or Ctrl-C between the write and the commit leaves it named, and
/// the next commit (or `crm check`) takes it along, but only as crm wrote it: a file the
/// user edited by hand since is theirs to commit.
extension Repository {
  /// Per-clone state that is never committed: the folder ignores itself in git.
  public static let localFolder = ".crm/local"
  static let uncommittedJournal = localFolder + "/uncommitted"

  /// Names `path` and what crm writes there (`bytes`, nil for a removal) in the journal
  /// before it is written; with autocommit off nothing is committed, so nothing is noted.
  func noteUncommitted(_ path: String, writing bytes: [UInt8]?) throws(CRMError) {
    guard config.autocommit else { return }
    try appendLocal(Self.uncommittedJournal, path + "\t" + Self.fingerprint(bytes) + "\n")
  }

  /// Appends `text` to the file at `relative` under `.crm/local/`, made if need be.
  func appendLocal(_ relative: String, _ text: String) throws(CRMError) {
    try makeLocalFolder()
    // O_NONBLOCK: a FIFO put there must not make crm wait; only a regular file will do.
    let fd = open(absolute(relative), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
    guard fd >= 0 else { throw CRMError(.cannotWrite, FileSystem.errnoText(), at: SourceLocation(path: relative)) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
      throw CRMError(.cannotWrite, "is not a regular file", at: SourceLocation(path: relative))
    }
    let line = Array(text.utf8)
    guard Glibc.write(fd, line, line.count) == line.count else {
      throw CRMError(.cannotWrite, FileSystem.errnoText(), at: SourceLocation(path: relative))
    }
  }

  /// The record files crm wrote or removed and has not committed yet, oldest first.
  public func uncommitted() -> [String] { journal().map(\.path) }

  /// The journal's paths, oldest first, each with the fingerprint of crm's last write to it.
  private func journal() -> [(path: String, written: String)] {
    // Its own limit, not a record's: a big import whose commit failed names a path per message.
    guard let bytes = try? FileSystem.contents(of: absolute(Self.uncommittedJournal), limit: 1 << 30) else { return [] }
    var last: [String: String] = [:]
    var order: [String] = []
    for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
      let parts = line.split(separator: "\t", maxSplits: 1)
      let path = String(parts[0])
      guard Self.recordType(ofPath: path) != nil else { continue }
      if last[path] == nil { order.append(path) }
      last[path] = parts.count > 1 ? String(parts[1]) : ""
    }
    return order.map { ($0, last[$0] ?? "") }
  }

  /// What a journal line says was written: the bytes' length and FNV-1a hash, or `-`.
  private static func fingerprint(_ bytes: [UInt8]?) -> String {
    guard let bytes else { return "-" }
    return String(bytes.count) + ":" + String(bytes.fnv1a, radix: 16)
  }

  /// Commits `paths` with `message`, and with them what earlier crm runs wrote but could not
  /// commit (those of its files that are still as crm wrote them). Returns why git failed, or
  /// nil; the journal keeps what was not committed. Call while holding the write lock.
  func commitWithUncommitted(_ paths: [String], message: String) -> String? {
    var ready: [String] = []
    var broken: [String] = []
    for (path, written) in journal() where !paths.contains(path) {
      if isAsWritten(path, written) { ready.append(path) } else if written.isEmpty { broken.append(path) }
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

  /// Whether the file at `path` is what crm wrote (`written`, a fingerprint): a file edited
  /// by hand since is left out, and forgotten. A line without one (an older crm's) asks
  /// only that the file parses.
  private func isAsWritten(_ path: String, _ written: String) -> Bool {
    guard !written.isEmpty else { return !FileSystem.exists(absolute(path)) || parses(path) }
    let bytes = try? FileSystem.contents(of: absolute(path))
    return Self.fingerprint(bytes) == written || (written == "-" && !FileSystem.exists(absolute(path)))
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
    try FileSystem.refuseLinks(in: Self.localFolder, under: root)
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
