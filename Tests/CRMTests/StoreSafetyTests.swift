import Foundation
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// What a hostile or careless environment does to a repo's files: caches rewritten in place,
/// symbolic links out of the repo, file modes, editor copies, leftovers of killed writes.
final class StoreSafetyTests: CRMTestCase {
  /// A folder outside the repo, removed after the test.
  var elsewhere: URL!

  override func setUpWithError() throws {
    try super.setUpWithError()
    elsewhere = root.deletingLastPathComponent().appendingPathComponent("crm-elsewhere-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    try initRepo()
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: elsewhere)
    try super.tearDownWithError()
  }

  func contact(_ id: String, _ name: String) -> String {
    "---\nid: \(id)\nname: \(name)\ncreated: 2026-01-01T00:00:00Z\nupdated: 2026-01-01T00:00:00Z\n---\n"
  }

  /// Dates a file an hour back, so the caches keep it (they leave out files changed in the
  /// last two seconds).
  func age(_ path: String) throws {
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: root.appendingPathComponent(path).path)
  }

  func mode(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(path).path)[.posixPermissions] as! NSNumber).intValue
  }

  func chmod(_ path: String, _ mode: Int) throws {
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: root.appendingPathComponent(path).path)
  }

  func link(_ path: String, to target: URL) throws {
    try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent(path).path, withDestinationPath: target.path)
  }

  var elsewhereFiles: [String] { (try? FileManager.default.contentsOfDirectory(atPath: elsewhere.path).sorted()) ?? [] }

  // MARK: - A cache rewritten in place

  /// About one run in six crashed before caches were read rather than mapped; RecordCacheTests
  /// loops the same race in one process, many more times.
  func testACacheFileCutShortAndRewrittenUnderReadersNeverCrashesThem() throws {
    var ids: [String] = []
    for i in 0..<300 {
      let id = "person-\(String(format: "%04d", i))"
      ids.append(id)
      try write("contacts/\(id).md", contact(id, "Person \(i)") + "Notes about person \(i), long enough to fill some pages.\n")
      try age("contacts/\(id).md")
    }
    assertRun(try crm("contact", "list", "--format", "ids"), status: 0)
    let cache = root.appendingPathComponent(".crm/cache")
    let files = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasPrefix("contact") }.map {
      (cache.appendingPathComponent($0).path, try Data(contentsOf: cache.appendingPathComponent($0)))
    }
    XCTAssertFalse(files.isEmpty)
    // A sync tool rewriting the cache in place: cut to nothing, then the same bytes again.
    let stop = LockedFlag()
    let rewriter = Thread {
      while !stop.isSet {
        for (path, bytes) in files {
          let fd = open(path, O_WRONLY)
          guard fd >= 0 else { continue }
          ftruncate(fd, 0)
          _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
          close(fd)
        }
        usleep(1000)
      }
    }
    rewriter.start()
    defer { stop.set() }
    let expected = ids.joined(separator: "\n") + "\n"
    for run in 0..<40 {
      let result = try crm("contact", "list", "--format", "ids")
      assertRun(result, status: 0, stdout: expected, stderr: "")
      if result.status != 0 { return XCTFail("run \(run) failed") }
    }
  }

  // MARK: - A rewrite that keeps size and mtime

  /// Replaces a file's bytes in place (same inode) and gives it back its exact mtime, as
  /// `cp -p` or `rsync -t` do: only its ctime says it changed.
  func rewriteKeepingMtime(_ path: String, _ text: String) throws {
    let full = root.appendingPathComponent(path).path
    var before = stat()
    XCTAssertEqual(stat(full, &before), 0)
    XCTAssertEqual(Int(before.st_size), text.utf8.count, "the rewrite must keep the size")
    let fd = open(full, O_WRONLY | O_TRUNC)
    XCTAssertGreaterThanOrEqual(fd, 0)
    _ = Array(text.utf8).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    close(fd)
    var times = [before.st_atim, before.st_mtim]
    XCTAssertEqual(utimensat(AT_FDCWD, full, &times, 0), 0)
  }

  func testASameSizeRewriteWithItsOldMtimeIsNotServedFromTheCache() throws {
    try write("contacts/jane.md", contact("jane", "Jane Doe"))
    try age("contacts/jane.md")
    assertRun(try crm("contact", "list", "--format", "tsv", "--fields", "id,name"), status: 0, stdout: "jane\tJane Doe\n")
    assertRun(try crm("check"), status: 0, stdout: "ok: 1 record, no problems\n")
    try rewriteKeepingMtime("contacts/jane.md", contact("jane", "Jane Rae"))
    assertRun(try crm("contact", "list", "--format", "tsv", "--fields", "id,name"), status: 0, stdout: "jane\tJane Rae\n")
    assertRun(try crm("check"), status: 0, stdout: "ok: 1 record, no problems\n")
    // Malformed now, at the same size and mtime: check must see it.
    try rewriteKeepingMtime("contacts/jane.md", contact("jane", "[ane Rae"))
    let cold = try crm("check", "--no-cache")
    XCTAssertEqual(cold.status, 65)
    assertRun(try crm("check"), status: 65, stdout: cold.stdout)
  }

  // MARK: - Symbolic links to folders

  static let outside = "crm never reads or writes outside the repo"

  func testASymlinkedTypeFolderIsNeverReadOrWritten() throws {
    try FileManager.default.removeItem(at: root.appendingPathComponent("contacts"))
    try link("contacts", to: elsewhere)
    try Data(contact("jane", "Jane Doe").utf8).write(to: elsewhere.appendingPathComponent("jane.md"))
    let problem = "contacts: is a symbolic link (to \(elsewhere.path)): \(Self.outside)"
    assertRun(try crm("contact", "add", "Bob Roe"), status: 65, stdout: "", stderr: "crm: \(problem)\n")
    assertRun(try crm("contact", "edit", "jane", "--set", "title=CEO"), status: 65, stdout: "", stderr: "crm: \(problem)\n")
    assertRun(try crm("contact", "show", "jane"), status: 65, stdout: "")
    assertRun(try crm("contact", "list", "--format", "ids"), status: 65, stdout: "", stderr: "crm: \(problem)\n")
    assertRun(try crm("check"), status: 65, stdout: problem + "\n", stderr: "1 problem in the repo\n")
    XCTAssertEqual(elsewhereFiles, ["jane.md"])
    XCTAssertEqual(try String(contentsOf: elsewhere.appendingPathComponent("jane.md"), encoding: .utf8), contact("jane", "Jane Doe"))
  }

  func testASymlinkedMonthFolderIsNeverWritten() throws {
    assertRun(try crm("contact", "add", "Jane Doe"), status: 0)
    try FileManager.default.createDirectory(at: root.appendingPathComponent("activities"), withIntermediateDirectories: true)
    try link("activities/2026", to: elsewhere)
    assertRun(
      try crm("log", "call", "jane-doe", "-m", "hi"), status: 65, stdout: "",
      stderr: "crm: activities/2026: is a symbolic link (to \(elsewhere.path)): \(Self.outside)\n")
    XCTAssertEqual(elsewhereFiles, [])
  }

  func testASymlinkedCrmFolderIsRefused() throws {
    try FileManager.default.removeItem(at: elsewhere)
    try FileManager.default.moveItem(at: root.appendingPathComponent(".crm"), to: elsewhere)
    try link(".crm", to: elsewhere)
    let before = elsewhereFiles
    assertRun(
      try crm("contact", "add", "Jane Doe"), status: 65, stdout: "",
      stderr: "crm: .crm: is a symbolic link (to \(elsewhere.path)): \(Self.outside)\n")
    assertRun(try crm("contact", "list"), status: 65, stdout: "")
    XCTAssertEqual(elsewhereFiles, before)
    XCTAssertFalse(exists("contacts/jane-doe.md"))
  }

  func testASymlinkedCacheFolderIsSkippedWithAWarning() throws {
    try? FileManager.default.removeItem(at: root.appendingPathComponent(".crm/cache"))
    try link(".crm/cache", to: elsewhere)
    try write("contacts/jane.md", contact("jane", "Jane Doe"))
    try age("contacts/jane.md")
    let warning = "crm: warning: .crm/cache: is a symbolic link (to \(elsewhere.path)): \(Self.outside); going on without the cache\n"
    assertRun(try crm("contact", "list", "--format", "ids"), status: 0, stdout: "jane\n", stderr: warning)
    assertRun(try crm("check"), status: 0, stdout: "ok: 1 record, no problems\n", stderr: warning)
    XCTAssertEqual(elsewhereFiles, [])
  }

  func testASymlinkedRejectedFolderIsNeverWritten() throws {
    assertRun(try crm("contact", "add", "Jane Doe"), status: 0)
    try link(".crm/rejected", to: elsewhere)
    let editor = try script("editor.sh", "#!/bin/sh\necho 'id: [' >> \"$1\"\nsed -i 's/^name: .*/name: [/' \"$1\"\n")
    let result = try crmOnTerminal(["contact", "edit", "jane-doe"], env: ["EDITOR": editor])
    XCTAssertEqual(result.status, 65)
    XCTAssertTrue(result.stdout.hasSuffix("crm: .crm/rejected: is a symbolic link (to \(elsewhere.path)): \(Self.outside)\n"), result.stdout)
    XCTAssertEqual(elsewhereFiles, [])
  }

  // MARK: - File modes

  func testEveryRewriteKeepsTheFileMode() throws {
    assertRun(try crm("contact", "add", "Jane Doe"), status: 0)
    assertRun(try crm("deal", "add", "Big one", "--contact", "jane-doe"), status: 0)
    try chmod("contacts/jane-doe.md", 0o600)
    try chmod("deals/big-one.md", 0o640)
    assertRun(try crm("contact", "edit", "jane-doe", "--set", "title=CEO"), status: 0)
    XCTAssertEqual(try mode("contacts/jane-doe.md"), 0o600)
    assertRun(try crm("deal", "move", "big-one", "proposal"), status: 0)
    XCTAssertEqual(try mode("deals/big-one.md"), 0o640)
    let editor = try script("editor.sh", "#!/bin/sh\nsed -i 's/^title: CEO/title: CTO/' \"$1\"\n")
    assertRun(try crmOnTerminal(["contact", "edit", "jane-doe"], env: ["EDITOR": editor]), status: 0, stdout: "updated contacts/jane-doe.md\n")
    XCTAssertTrue(try read("contacts/jane-doe.md").contains("title: CTO\n"))
    XCTAssertEqual(try mode("contacts/jane-doe.md"), 0o600)
    try chmod("deals/big-one.md", 0o6755)
    assertRun(try crm("deal", "edit", "big-one", "--value", "5"), status: 0)
    XCTAssertEqual(try mode("deals/big-one.md"), 0o755, "never a set-user-ID or set-group-ID record")
  }

  func testAReadOnlyRecordIsReplacedOnlyWithForce() throws {
    assertRun(try crm("contact", "add", "Jane Doe"), status: 0)
    assertRun(try crm("deal", "add", "Big one", "--contact", "jane-doe"), status: 0)
    try chmod("contacts/jane-doe.md", 0o444)
    try chmod("deals/big-one.md", 0o444)
    let before = try read("contacts/jane-doe.md")
    let refused = "crm: contacts/jane-doe.md: is read-only\nhint: pass --force to replace it anyway\n"
    assertRun(try crm("contact", "edit", "jane-doe", "--set", "title=CEO"), status: 73, stdout: "", stderr: refused)
    let editor = try script("editor.sh", "#!/bin/sh\necho edited >> \"$1\"\n")
    assertRun(try crmOnTerminal(["contact", "edit", "jane-doe"], env: ["EDITOR": editor]), status: 73, stdout: refused)
    XCTAssertEqual(try read("contacts/jane-doe.md"), before)
    assertRun(
      try crm("deal", "move", "big-one", "proposal"), status: 73, stdout: "",
      stderr: "crm: deals/big-one.md: is read-only\nhint: pass --force to replace it anyway\n")
    assertRun(try crm("contact", "edit", "jane-doe", "--set", "title=CEO", "--force"), status: 0)
    XCTAssertTrue(try read("contacts/jane-doe.md").contains("title: CEO\n"))
    XCTAssertEqual(try mode("contacts/jane-doe.md"), 0o444)
    assertRun(try crm("deal", "move", "big-one", "proposal", "--force"), status: 0)
    XCTAssertEqual(try mode("deals/big-one.md"), 0o444)
  }

  func testARecordWithIndentedKeysIsEditedInItsOwnLayout() throws {
    try write("contacts/jane.md", "---\n  name: Jane\n  title: CTO\n---\nNotes\n")
    assertRun(
      try crm("contact", "edit", "jane", "--set", "title=CEO", "--add-tag", "vip", "--email", "j@x.example"), status: 0,
      stderr: "updated contacts/jane.md\n")
    let text = try read("contacts/jane.md")
    XCTAssertTrue(text.hasPrefix("---\n  name: Jane\n  title: CEO\n"), text)
    XCTAssertTrue(text.contains("\n  tags: [vip]\n") && text.contains("\n  emails: [j@x.example]\n") && text.hasSuffix("---\nNotes\n"), text)
    assertRun(try crm("check"), status: 0, stdout: "ok: 1 record, no problems\n")
  }

  func testAReadOnlyRecordIsRemovedOnlyWithForce() throws {
    assertRun(try crm("contact", "add", "Jane Doe"), status: 0)
    try chmod("contacts/jane-doe.md", 0o444)
    assertRun(
      try crm("contact", "rm", "jane-doe", "--yes"), status: 73, stdout: "",
      stderr: "crm: contacts/jane-doe.md: is read-only\nhint: pass --force to remove it anyway\n")
    XCTAssertTrue(exists("contacts/jane-doe.md"))
    assertRun(try crm("contact", "rm", "jane-doe", "--yes", "--force"), status: 0, stderr: "removed contacts/jane-doe.md\n")
    XCTAssertFalse(exists("contacts/jane-doe.md"))
  }

  // MARK: - The editor's copy

  func testTheEditorCopyIsPrivateAndGoneWhenCrmIsKilled() throws {
    assertRun(try crm("contact", "add", "Jane Doe"), status: 0)
    let temporary = root.appendingPathComponent("tmp")
    try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
    let log = root.appendingPathComponent("editor.log").path
    // Notes the copy's mode, its folder's mode, its path and its own pid; then crm is
    // killed while it waits for the editor.
    let editor = try script(
      "editor.sh",
      "#!/bin/sh\nstat -c %a \"$1\" \"$(dirname \"$1\")\" > '\(log)'\necho \"$1\" >> '\(log)'\necho $$ >> '\(log)'\nkill -TERM $PPID\nexec sleep 5\n")
    let started = Date()
    let result = try crmOnTerminal(["contact", "edit", "jane-doe"], env: ["EDITOR": editor, "TMPDIR": temporary.path])
    XCTAssertNotEqual(result.status, 0)
    XCTAssertLessThan(Date().timeIntervalSince(started), 4, "crm must not wait for the editor it was killed under")
    let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
    XCTAssertEqual(Array(lines.prefix(2)), ["600", "700"])
    XCTAssertFalse(FileManager.default.fileExists(atPath: lines[2]), "the copy is left behind")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary.path), [])
    // The editor got the signal too: it is gone, not orphaned.
    let editorPID = pid_t(lines[3])!
    let deadline = Date(timeIntervalSinceNow: 2)
    while kill(editorPID, 0) == 0 && Date() < deadline { usleep(20_000) }
    XCTAssertNotEqual(kill(editorPID, 0), 0, "the editor is still running")
  }

  func testTheEditorCopyIsRemovedAfterAnEditAndRejectedCopiesArePrivate() throws {
    assertRun(try crm("contact", "add", "Jane Doe"), status: 0)
    let temporary = root.appendingPathComponent("tmp")
    try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
    let editor = try script("editor.sh", "#!/bin/sh\nsed -i 's/^name: .*/name: [/' \"$1\"\n")
    let result = try crmOnTerminal(["contact", "edit", "jane-doe"], env: ["EDITOR": editor, "TMPDIR": temporary.path])
    XCTAssertEqual(result.status, 65)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary.path), [])
    let rejected = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(".crm/rejected").path)
    XCTAssertEqual(rejected.count, 1)
    XCTAssertEqual(try mode(".crm/rejected/" + rejected[0]), 0o600)
  }

  // MARK: - Leftovers of killed writes

  func testLeftoverTemporaryFilesAreIgnoredByGitAndRemovedByCheckFix() throws {
    assertRun(try crm("init", "book"), status: 0)
    let book = root.appendingPathComponent("book")
    assertRun(try crm("-C", "book", "contact", "add", "Jane Doe"), status: 0)
    try write("book/contacts/.jane-doe.md.crm-tmp-1-abc", "partial")
    try write("book/activities/2026/11/.call.md.crm-tmp-2-def", "partial")
    XCTAssertEqual(try run("/usr/bin/env", ["git", "status", "--porcelain"], in: book).stdout, "")
    assertRun(try crm("-C", "book", "check"), status: 65)
    assertRun(
      try crm("-C", "book", "check", "--fix"), status: 0, stdout: "ok: 1 record, no problems\n",
      stderr: "removed contacts/.jane-doe.md.crm-tmp-1-abc\nremoved activities/2026/11/.call.md.crm-tmp-2-def\n")
    XCTAssertFalse(exists("book/contacts/.jane-doe.md.crm-tmp-1-abc"))
    XCTAssertFalse(exists("book/activities/2026/11/.call.md.crm-tmp-2-def"))
    assertRun(try crm("-C", "book", "check", "--fix"), status: 0, stdout: "ok: 1 record, no problems\n", stderr: "")
  }

  // MARK: - Records in sub-folders

  func testRecordsInSubFoldersAreReported() throws {
    try write("contacts/sub/x.md", contact("x", "X"))
    try write("activities/2026/11/extra/y.md", "---\nid: y\n---\n")
    try write("activities/2026/11/call.md", "---\nid: call\nkind: call\nat: 2026-11-01T10:00:00Z\ncreated: 2026-11-01T10:00:00Z\nupdated: 2026-11-01T10:00:00Z\n---\n")
    assertRun(
      try crm("check"), status: 65,
      stdout: """
        activities/2026/11/extra/y.md: records go in activities/YYYY/MM/; crm ignores deeper folders
        contacts/sub/x.md: records go directly in contacts/; crm ignores sub-folders

        """)
  }

  func testAFolderOrFIFONamedLikeARecordIsReportedNotSkipped() throws {
    try write("contacts/jane.md", contact("jane", "Jane"))
    try FileManager.default.createDirectory(at: root.appendingPathComponent("contacts/folder.md"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: root.appendingPathComponent("activities/2026/11.md"), withIntermediateDirectories: true)
    XCTAssertEqual(mkfifo(root.appendingPathComponent("contacts/pipe.md").path, 0o600), 0)
    let problems = """
      activities/2026/11.md: is named like a record but is not a regular file; crm reads only files
      contacts/folder.md: is named like a record but is not a regular file; crm reads only files
      contacts/pipe.md: is named like a record but is not a regular file; crm reads only files

      """
    assertRun(try crm("check"), status: 65, stdout: problems)
    // The records around them still list, and the command says what it passed over.
    assertRun(
      try crm("contact", "list", "--format", "ids"), status: 65, stdout: "jane\n",
      stderr: "crm: contacts/folder.md: is named like a record but is not a regular file; crm reads only files\n"
        + "crm: contacts/pipe.md: is named like a record but is not a regular file; crm reads only files\n")
  }
}

/// A flag one thread sets and another polls.
final class LockedFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false
  var isSet: Bool { lock.withLock { value } }
  func set() { lock.withLock { value = true } }
}
