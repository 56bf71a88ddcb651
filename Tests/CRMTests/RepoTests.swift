import Foundation
import XCTest

final class RepoTests: CRMTestCase {
  func testInitMakesTheLayoutAndIsHarmlessTwice() throws {
    let first = try crm("init", "book")
    XCTAssertEqual(first.status, 0)
    XCTAssertTrue(first.stdout.hasPrefix("initialised an empty crm repo in "))
    for folder in ["contacts", "companies", "deals", "activities", "tasks", "tickets", "campaigns", ".crm/hooks"] {
      XCTAssertTrue(exists("book/" + folder), folder)
    }
    XCTAssertTrue(try read("book/.crm/config.yaml").contains("pipeline:"))
    XCTAssertEqual(try read("book/.crm/.gitignore"), "# Rebuildable or per-machine: never committed.\ncache/\nlock\nrejected/\n")
    XCTAssertTrue(exists("book/.git"))
    try write("book/.crm/config.yaml", "currency: GBP\n")
    let second = try crm("init", "book")
    XCTAssertEqual(second.status, 0)
    XCTAssertTrue(second.stdout.hasPrefix("crm repo already exists in "))
    XCTAssertEqual(try read("book/.crm/config.yaml"), "currency: GBP\n")
  }

  func testInitCommitsWhatItMadeSoACloneIsACRMRepo() throws {
    assertRun(try crm("init", "book"), status: 0)
    let book = root.appendingPathComponent("book")
    XCTAssertEqual(try run("/usr/bin/env", ["git", "status", "--porcelain"], in: book).stdout, "")
    XCTAssertEqual(
      try run("/usr/bin/env", ["git", "ls-files"], in: book).stdout,
      ".crm/.gitignore\n.crm/config.yaml\n.gitattributes\n.gitignore\nactivities/.gitkeep\ncampaigns/.gitkeep\ncompanies/.gitkeep\ncontacts/.gitkeep\ndeals/.gitkeep\ntasks/.gitkeep\ntickets/.gitkeep\n")
    XCTAssertEqual(try run("/usr/bin/env", ["git", "log", "--format=%s"], in: book).stdout, "crm init\n")
    assertRun(try crm("-C", "book", "contact", "add", "X Y"), status: 0, stdout: "x-y\n")
    XCTAssertEqual(try run("/usr/bin/env", ["git", "status", "--porcelain"], in: book).stdout, "")
    _ = try run("/usr/bin/env", ["git", "clone", "-q", "book", "copy"], in: root)
    assertRun(try crm("-C", "copy", "contact", "list", "--format", "ids"), status: 0, stdout: "x-y\n")
    assertRun(try crm("-C", "copy", "check"), status: 0, stdout: "ok: 1 record, no problems\n", stderr: "")
  }

  func testInitInAGitRepoCommitsOnlyWithAutocommitAndCheckWarnsWhenTheConfigIsNotCommitted() throws {
    _ = try git("init", "-q")
    try write("mine.txt", "not crm's\n")
    assertRun(try crm("init", "--no-git"), status: 0)
    XCTAssertEqual(try git("status", "--porcelain"), "?? mine.txt\n", "autocommit is on in the new config")
    // With autocommit off, nothing is committed, and check says what a clone would lack.
    let other = root.appendingPathComponent("other")
    try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
    _ = try run("/usr/bin/env", ["git", "init", "-q"], in: other)
    try write("other/.crm/config.yaml", "git:\n  autocommit: false\n")
    assertRun(try crm("init", "other"), status: 0)
    XCTAssertEqual(try run("/usr/bin/env", ["git", "log"], in: other).status, 128, "no commit")
    assertRun(
      try crm("-C", "other", "check"), status: 0, stdout: "ok: 0 records, no problems\n",
      stderr: "crm: warning: .crm/config.yaml is not tracked by git: a clone of this repo will not be a crm repo\nhint: git add .crm && git commit -m 'crm config'\n")
  }

  func testInitWithoutGit() throws {
    assertRun(try crm("init", "--no-git"), status: 0)
    XCTAssertFalse(exists(".git"))
  }

  func testDiscoveryFromSubfolderDashCAndCRMDir() throws {
    try initRepo()
    assertRun(try crm("contact", "add", "Jane Doe"), status: 0, stdout: "jane-doe\n")
    let sub = root.appendingPathComponent("contacts")
    assertRun(try crm("contact", "list", "--format", "ids", in: sub), status: 0, stdout: "jane-doe\n")
    let elsewhere = FileManager.default.temporaryDirectory
    assertRun(try crm("-C", root.path, "contact", "list", "--format", "ids", in: elsewhere), status: 0, stdout: "jane-doe\n")
    assertRun(try crm("contact", "list", "--repo", root.path, "--format", "ids", in: elsewhere), status: 0, stdout: "jane-doe\n")
    assertRun(try crm("contact", "list", "--format", "ids", in: elsewhere, env: ["CRM_DIR": root.path]), status: 0, stdout: "jane-doe\n")
  }

  func testNoRepoIsExit66WithAHint() throws {
    assertRun(
      try crm("contact", "list"), status: 66,
      stderr: "crm: not a crm repo (or any parent up to /): '\(root.resolvingSymlinksInPath().path)'\nhint: run 'crm init' to make one here, or point at one with -C DIR\n")
    assertRun(
      try crm("-C", "nowhere", "contact", "list"), status: 66,
      stderr: "crm: not a crm repo: 'nowhere' (from -C)\nhint: run 'crm init' to make one here, or point at one with -C DIR\n")
    assertRun(
      try crm("contact", "list", env: ["CRM_DIR": "/nonexistent"]), status: 66,
      stderr: "crm: not a crm repo: '/nonexistent' (from CRM_DIR)\nhint: run 'crm init' to make one here, or point at one with -C DIR\n")
  }

  func testBadConfigIsADataError() throws {
    try initRepo()
    try write(".crm/config.yaml", "currency: euro\n")
    assertRun(try crm("contact", "list"), status: 65, stderr: "crm: .crm/config.yaml:1:11: 'currency' must be an ISO 4217 code like EUR\n")
  }

  func testGitAutocommitCommitsExactlyTheTouchedFiles() throws {
    try initRepo(git: true)
    try write("scratch.txt", "not crm's business\n")
    assertRun(try crm("contact", "add", "Jane Doe", "--company", "Acme", "--create-company"), status: 0, stdout: "jane-doe\n")
    XCTAssertEqual(try git("log", "--format=%s"), "contact add jane-doe: Jane Doe\ncrm init\n")
    XCTAssertEqual(try git("show", "--name-only", "--format="), "companies/acme.md\ncontacts/jane-doe.md\n")
    XCTAssertTrue(try git("status", "--porcelain").contains("?? scratch.txt"))
  }

  func testAnEditThatMakesACompanyCommitsBothFilesAtOnce() throws {
    try initRepo(git: true)
    assertRun(try crm("contact", "add", "Jane Doe"), status: 0, stdout: "jane-doe\n")
    assertRun(
      try crm("contact", "edit", "jane-doe", "--company", "Globex", "--create-company"), status: 0,
      stderr: "updated contacts/jane-doe.md\n")
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "contact edit jane-doe: company\n")
    XCTAssertEqual(try git("show", "--name-only", "--format="), "companies/globex.md\ncontacts/jane-doe.md\n")
    assertRun(try crm("deal", "add", "Website", "--contact", "jane-doe"), status: 0, stdout: "website\n")
    assertRun(
      try crm("deal", "edit", "website", "--stage", "proposal", "--value", "100"), status: 0,
      stderr: "moved website: lead -> proposal\nupdated deals/website.md\n")
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "deal edit website: value, stage\n")
    assertRun(try crm("deal", "edit", "website", "--stage", "proposal"), status: 0, stderr: "website: nothing changed\n")
  }

  /// Git sets GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE for its hooks: a hook of another
  /// repository that runs crm must still commit into the crm repo.
  func testAutocommitIgnoresTheGitVariablesAHookGets() throws {
    try initRepo(git: true)
    let other = root.appendingPathComponent("other")
    try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
    _ = try run("/usr/bin/env", ["git", "init", "-q"], in: other)
    _ = try run("/usr/bin/env", ["git", "commit", "-q", "--allow-empty", "-m", "other's own"], in: other)
    let hook = ["GIT_DIR": other.path + "/.git", "GIT_WORK_TREE": other.path, "GIT_INDEX_FILE": other.path + "/.git/index", "GIT_PREFIX": ""]
    assertRun(try crm("contact", "add", "Jane Doe", env: hook), status: 0, stdout: "jane-doe\n", stderr: "")
    XCTAssertEqual(try git("log", "--format=%s"), "contact add jane-doe: Jane Doe\ncrm init\n")
    XCTAssertEqual(try run("/usr/bin/env", ["git", "log", "--format=%s"], in: other).stdout, "other's own\n")
    XCTAssertEqual(try run("/usr/bin/env", ["git", "status", "--porcelain"], in: other).stdout, "")
  }

  /// `git diff` after an edit of a hand-written file shows exactly the changed line and `updated:`.
  func testEditOfAHandWrittenFileChangesOneLine() throws {
    try initRepo(git: true)
    let original = """
      ---
      # Jane, kept by hand
      name: Jane Doe          # full name
      emails: [jane@acme.example]
      title: Engineer  # since 2024
      phones:
        - '0123'   # office

      linkedin: https://www.linkedin.com/in/janedoe
      updated: 2026-01-01T00:00:00Z
      ---
      Met at the Lisbon meetup.

      Prefers email before 10:00.

      """
    try write("contacts/jane-doe.md", original)
    _ = try git("add", "contacts/jane-doe.md")
    _ = try git("commit", "-qm", "by hand")
    assertRun(try crm("contact", "edit", "jane", "--set", "title=CEO"), status: 0, stderr: "updated contacts/jane-doe.md\n")
    let diff = try git("diff", "HEAD~1", "--unified=0", "--", "contacts/jane-doe.md")
    let changed = diff.split(separator: "\n").filter { ($0.hasPrefix("+") || $0.hasPrefix("-")) && !$0.hasPrefix("+++") && !$0.hasPrefix("---") }
    XCTAssertEqual(
      changed, ["-title: Engineer  # since 2024", "+title: CEO  # since 2024", "-updated: 2026-01-01T00:00:00Z", "+updated: 2026-11-22T14:30:00Z"])
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "contact edit jane-doe: title\n")
  }

  /// A commit that fails (here a stale index.lock) keeps the write, exits 75, and the next
  /// commit takes the file along; files crm did not write stay out of it.
  func testAFailedAutocommitExits75AndTheNextCommitTakesTheFileAlong() throws {
    try initRepo(git: true)
    try write("contacts/by-hand.md", "---\nname: By Hand\n---\n")
    try write(".git/index.lock", "")
    let failed = try crm("contact", "add", "Jane Doe")
    assertRun(failed, status: 75, stdout: "jane-doe\n")
    XCTAssertTrue(failed.stderr.hasPrefix("crm: warning: git add failed; the change is written but not committed: fatal: Unable to create '"), failed.stderr)
    XCTAssertTrue(failed.stderr.hasSuffix("hint: crm commits it with the next change, or run 'crm check' once git works again\n"), failed.stderr)
    XCTAssertTrue(exists("contacts/jane-doe.md"))
    try FileManager.default.removeItem(at: root.appendingPathComponent(".git/index.lock"))
    assertRun(try crm("contact", "add", "John Smith"), status: 0, stdout: "john-smith\n", stderr: "")
    XCTAssertEqual(try git("show", "--name-only", "--format=%s"), "contact add john-smith: John Smith\n\ncontacts/jane-doe.md\ncontacts/john-smith.md\n")
    XCTAssertEqual(try git("status", "--porcelain"), "?? contacts/by-hand.md\n", "crm's journal is not in git's way")
  }

  /// With git missing nothing commits; `crm check` commits it once git is back.
  func testCheckCommitsWhatCrmWroteButCouldNotCommit() throws {
    try initRepo(git: true)
    assertRun(
      try crm("contact", "add", "Jane Doe", env: ["PATH": "/nonexistent"]), status: 75, stdout: "jane-doe\n",
      stderr: "crm: warning: git is not installed; the change is written but not committed\n"
        + "hint: crm commits it with the next change, or run 'crm check' once git works again\n")
    assertRun(
      try crm("check"), status: 0, stdout: "ok: 1 record, no problems\n",
      stderr: "committed what an earlier crm run wrote: contacts/jane-doe.md\n")
    XCTAssertEqual(try git("log", "-1", "--format=%s"), "crm check: commit what earlier crm runs wrote\n")
    XCTAssertEqual(try git("status", "--porcelain"), "")
    assertRun(try crm("check"), status: 0, stdout: "ok: 1 record, no problems\n", stderr: "")
  }

  func testWritesAreRefusedDuringAMergeConflict() throws {
    try initRepo(git: true)
    try crm("contact", "add", "Jane Doe")
    _ = try git("checkout", "-qb", "other")
    try crm("contact", "edit", "jane-doe", "--set", "title=A")
    _ = try git("checkout", "-q", "-")
    try crm("contact", "edit", "jane-doe", "--set", "title=B")
    _ = try git("merge", "-q", "other")
    assertRun(
      try crm("contact", "add", "John Smith"), status: 1,
      stderr: "crm: the repo has unresolved git merge conflicts in contacts/jane-doe.md\nhint: resolve them and commit (git add, git commit), then run crm again\n")
    XCTAssertFalse(exists("contacts/john-smith.md"))
  }

  func testLockTimeoutIsExit75() throws {
    try initRepo()
    // Hold the lock from another process with flock(1) for a few seconds.
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    holder.arguments = ["flock", root.appendingPathComponent(".crm/lock").path, "sleep", "3"]
    try holder.run()
    // Wait until it holds the lock: a fixed pause races a slow start.
    let lock = open(root.appendingPathComponent(".crm/lock").path, O_RDWR | O_CREAT, 0o644)
    defer { close(lock) }
    XCTAssertGreaterThanOrEqual(lock, 0)
    var tries = 0
    while flock(lock, LOCK_EX | LOCK_NB) == 0 {
      flock(lock, LOCK_UN)
      tries += 1
      guard tries < 300 else { return XCTFail("flock(1) never took the lock") }
      Thread.sleep(forTimeInterval: 0.01)
    }
    assertRun(
      try crm("contact", "add", "Jane Doe", "--lock-timeout", "0.2"), status: 75,
      stderr: "crm: the repo's write lock (.crm/lock) is busy: another crm is writing (waited 0.2 s)\nhint: try again, or wait longer with --lock-timeout SECONDS\n")
    holder.waitUntilExit()
    XCTAssertFalse(exists("contacts/jane-doe.md"))
  }

  /// A record removed while a write that names it waits for the lock is not named by what
  /// the write then does: references are checked again under the lock.
  func testAWriteNamingARecordRemovedMeanwhileWritesNothing() throws {
    try initRepo()
    try crm("company", "add", "Acme")
    try crm("contact", "add", "Jane Doe")
    let (status, stderr) = try whileLocked(["log", "call", "jane-doe", "-m", "Hello"], remove: "contacts/jane-doe.md")
    XCTAssertEqual(status, 66, stderr)
    XCTAssertEqual(stderr, "crm: contact 'jane-doe' was removed meanwhile; nothing was written\nhint: run the command again\n")
    XCTAssertEqual(FileManager.default.subpaths(atPath: root.appendingPathComponent("activities").path)?.filter { $0.hasSuffix(".md") }, [])
    try crm("contact", "add", "Bob Smith")
    let before = try read("contacts/bob-smith.md")
    let edit = try whileLocked(["contact", "edit", "bob-smith", "--company", "acme"], remove: "companies/acme.md")
    XCTAssertEqual(edit.status, 66, edit.stderr)
    XCTAssertEqual(edit.stderr, "crm: company 'acme' was removed meanwhile; nothing was written\nhint: run the command again\n")
    XCTAssertEqual(try read("contacts/bob-smith.md"), before)
  }

  /// Runs crm with `arguments` while this process holds the repo's lock, removes `path` once
  /// crm has found what it names and waits for the lock, then lets it go on.
  func whileLocked(_ arguments: [String], remove path: String) throws -> (status: Int32, stderr: String) {
    let lock = open(root.appendingPathComponent(".crm/lock").path, O_RDWR | O_CREAT, 0o644)
    defer { close(lock) }
    XCTAssertEqual(flock(lock, LOCK_EX), 0)
    let writer = Process()
    writer.executableURL = CRMBinary.url
    writer.arguments = arguments + ["--lock-timeout", "20"]
    writer.currentDirectoryURL = root
    writer.environment = environment
    let errors = Pipe()
    writer.standardError = errors
    writer.standardOutput = FileHandle.nullDevice
    try writer.run()
    Thread.sleep(forTimeInterval: 1.5)  // it has found what it names and waits for the lock
    try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    flock(lock, LOCK_UN)
    writer.waitUntilExit()
    return (writer.terminationStatus, String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
  }

  /// A busy lock names the process that holds it, from the pid its holder wrote into it.
  func testABusyLockNamesItsHolder() throws {
    try initRepo()
    assertRun(try crm("contact", "add", "Jane Doe"), status: 0)
    XCTAssertEqual(try read(".crm/lock"), "", "a released lock names nobody")
    let lock = open(root.appendingPathComponent(".crm/lock").path, O_RDWR)
    defer { close(lock) }
    XCTAssertEqual(flock(lock, LOCK_EX | LOCK_NB), 0)
    try write(".crm/lock", "\(getpid())\n")
    let busy = try crm("contact", "add", "John Smith", "--lock-timeout", "0.1")
    XCTAssertEqual(busy.status, 75)
    let expected = "^crm: the repo's write lock \\(\\.crm/lock\\) is busy: process \(getpid()) has held it for [0-9]+ s \\(waited 0\\.1 s\\)\n"
      + "hint: try again, or wait longer with --lock-timeout SECONDS\n$"
    XCTAssertNotNil(busy.stderr.range(of: expected, options: .regularExpression), busy.stderr)
  }

  func testLockTimeoutMustBeAFiniteNumberOfSecondsUpToADay() throws {
    try initRepo()
    for value in ["inf", "nan", "86401", "-1", "-0.5", "soon", ""] {
      // An empty value with '=' is argument-parser's "missing value", as for every option.
      for words in (value.isEmpty ? [] : [["--lock-timeout=" + value]]) + [["--lock-timeout", value]] {
        let result = try run(CRMBinary.url.path, ["contact", "add", "Jane Doe"] + words, in: root)
        XCTAssertEqual(result.status, 64, value)
        XCTAssertTrue(
          result.stderr.hasPrefix("crm: --lock-timeout must be a number of seconds from 0 to 86400, not '\(value)'\n"), result.stderr)
      }
    }
    XCTAssertFalse(exists("contacts/jane-doe.md"))
  }

  func testTwentyConcurrentAddsAllLand() throws {
    try initRepo(git: true)
    let processes = try (0..<20).map { try start(["contact", "add", "Person \($0)", "--email", "p\($0)@x.example"]) }
    for process in processes { process.waitUntilExit() }
    XCTAssertEqual(processes.map(\.terminationStatus), Array(repeating: 0, count: 20))
    let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("contacts").path).filter { $0 != ".gitkeep" }
    XCTAssertEqual(files.count, 20, "\(files)")
    assertRun(try crm("check"), status: 0, stdout: "ok: 20 records, no problems\n")
    XCTAssertEqual(try git("log", "--format=%s").split(separator: "\n").count, 21, "crm init and the 20 adds")
  }

  /// The checks that guard a write see the repo as it is under the lock: of ten concurrent
  /// adds (and edits) of one address, exactly one lands.
  func testConcurrentWritesOfOneEmailLeaveOneOwner() throws {
    try initRepo()
    for round in 0..<3 {
      let address = "same\(round)@x.example"
      let adds = try (0..<6).map { try start(["contact", "add", "Person \(round) \($0)", "--email", address]) }
      for process in adds { process.waitUntilExit() }
      XCTAssertEqual(adds.filter { $0.terminationStatus == 0 }.count, 1, "round \(round)")
      XCTAssertEqual(adds.filter { $0.terminationStatus == 1 }.count, 5, "round \(round)")
    }
    try crm("contact", "add", "Ann")
    try crm("contact", "add", "Bob")
    let edits = try ["ann", "bob"].map { try start(["contact", "edit", $0, "--email", "shared@x.example"]) }
    for process in edits { process.waitUntilExit() }
    XCTAssertEqual(edits.map(\.terminationStatus).sorted(), [0, 1])
    assertRun(try crm("check"), status: 0, stdout: "ok: 5 records, no problems\n")
  }

  /// A writer killed at a random moment leaves the old file or the new one, never a torn one.
  func testSIGKILLNeverLeavesATornFile() throws {
    try initRepo()
    try write("contacts/jane-doe.md", "---\nname: Jane Doe\n---\n" + String(repeating: "Long notes. ", count: 20000) + "\n")
    let before = try read("contacts/jane-doe.md")
    for attempt in 0..<15 {
      let process = try start(["contact", "edit", "jane-doe", "--set", "title=T\(attempt)"])
      usleep(UInt32.random(in: 0...12_000))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let now = try read("contacts/jane-doe.md")
      XCTAssertTrue(now == before || now.contains("title: T\(attempt)") || now.contains("title: T"), "torn file on attempt \(attempt)")
      XCTAssertTrue(now.hasSuffix(String(repeating: "Long notes. ", count: 20000) + "\n"), "torn body on attempt \(attempt)")
      XCTAssertEqual(try crm("contact", "show", "jane-doe", "--format", "ids").status, 0)
    }
    // Temporary files a killed writer left are reported by check, and nothing else is wrong.
    let check = try crm("check")
    for line in check.stdout.split(separator: "\n") where !line.hasPrefix("ok: ") {
      XCTAssertTrue(line.hasSuffix("leftover temporary file from an interrupted write; crm check --fix removes it"), String(line))
    }
  }

  func testPathTraversalCannotReadOrWriteOutside() throws {
    try initRepo()
    let outside = root.deletingLastPathComponent().appendingPathComponent("crm-outside-\(UUID().uuidString).md")
    for name in ["../x", "/etc/passwd", "../../../../tmp/evil", "..", "a/../../b", "./.././..."] {
      let add = try crm("contact", "add", name)
      XCTAssertEqual(add.status, 0, add.stderr)
      let id = add.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
      XCTAssertTrue(id.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) != nil, id)
      XCTAssertTrue(exists("contacts/\(id).md"))
    }
    assertRun(try crm("contact", "show", "../../../etc/passwd"), status: 66)
    assertRun(try crm("contact", "edit", "../../etc/shadow", "--set", "title=x"), status: 66)
    assertRun(
      try crm("contact", "add", "X", "--company", "../etc"), status: 66,
      stderr: "crm: no company '../etc'\nhint: pass --create-company to create it, or see 'crm company list'\n")
    assertRun(
      try crm("contact", "add", "X", "--set", "company=../etc"), status: 64,
      stderr: "crm: 'company' must name a record id, not '../etc'\n")
    assertRun(
      try crm("contact", "add", "X", "--set", "../x=1"), status: 64,
      stderr: "crm: --set: '../x' is not a field name\nhint: field names are lower_snake_case, e.g. linkedin_url\n")
    // A symlink where a record should be is never followed.
    try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("contacts/link.md").path, withDestinationPath: "/etc/hostname")
    let list = try crm("contact", "list", "--format", "ids")
    XCTAssertEqual(list.status, 65)
    XCTAssertTrue(list.stderr.contains("crm: contacts/link.md: is a symbolic link; crm does not follow links\n"))
    XCTAssertFalse(FileManager.default.fileExists(atPath: outside.path))
  }

  func testTwoClonesLoggingWithOneContactInOneMinuteNeverConflict() throws {
    func git(_ arguments: String..., in folder: String) throws -> Run {
      try run("/usr/bin/env", ["git"] + arguments, in: root.appendingPathComponent(folder))
    }
    _ = try run("/usr/bin/env", ["git", "init", "-q", "--bare", "origin.git"], in: root)
    assertRun(try crm("init", "a"), status: 0)
    assertRun(try crm("-C", "a", "contact", "add", "Jane Doe"), status: 0)
    assertRun(try git("push", "-q", "../origin.git", "HEAD:main", in: "a"), status: 0)
    assertRun(try run("/usr/bin/env", ["git", "clone", "-q", "-b", "main", "origin.git", "b"], in: root), status: 0)
    try pinCloneID("b2b2", in: "b")
    // Clone a makes its own clone id on its first log, and never commits it.
    let first = try crm("-C", "a", "log", "call", "jane", "-m", "from a")
    assertRun(try crm("-C", "b", "log", "call", "jane", "-m", "from b"), status: 0, stdout: "20261122-1430-call-jane-doe-b2b2\n")
    let clone = try read("a/.crm/local/clone-id").trimmingCharacters(in: .newlines)
    assertRun(first, status: 0, stdout: "20261122-1430-call-jane-doe-\(clone)\n")
    XCTAssertNotNil(clone.range(of: "^[a-z0-9]{4}$", options: .regularExpression), clone)
    XCTAssertEqual(try git("status", "--porcelain", in: "a").stdout, "")
    assertRun(try git("push", "-q", "../origin.git", "HEAD:main", in: "a"), status: 0)
    assertRun(try git("pull", "-q", "--no-rebase", "--no-edit", "../origin.git", "main", in: "b"), status: 0)
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("b/activities/2026/11").path).sorted(),
      ["20261122-1430-call-jane-doe-\(clone).md", "20261122-1430-call-jane-doe-b2b2.md"].sorted())
    assertRun(try crm("-C", "b", "check"), status: 0, stdout: "ok: 3 records, no problems\n")
    // Activities named before clone ids stay valid.
    try write("b/activities/2026/11/20261120-0900-call-jane-doe.md", "---\nkind: call\nat: 2026-11-20T09:00:00Z\ncontacts: [jane-doe]\n---\n")
    assertRun(try crm("-C", "b", "activity", "show", "20261120-0900-call-jane-doe", "--format", "ids"), status: 0)
  }

  func testABadCloneIDIsADataError() throws {
    try initRepo()
    try crm("contact", "add", "Jane Doe")
    try pinCloneID("K3-9")
    assertRun(
      try crm("log", "call", "jane"), status: 65, stdout: "",
      stderr: "crm: .crm/local/clone-id: 'K3-9' is not a clone id: it must be 4 lowercase letters or digits\nhint: remove the file and crm makes a new one\n")
  }

  func testAFileOverOneMiBIsAnErrorNeverReadInPart() throws {
    try initRepo()
    try crm("contact", "add", "Jane Doe")
    try write("contacts/big.md", "---\nname: Big\n---\n" + String(repeating: "x", count: 1 << 20))
    assertRun(
      try crm("contact", "list", "--format", "ids"), status: 65, stdout: "jane-doe\n", stderr: "crm: contacts/big.md: file is over 1 MiB\n")
    try write(".crm/config.yaml", "currency: EUR\n# " + String(repeating: "x", count: 1 << 20) + "\n")
    assertRun(try crm("contact", "list"), status: 65, stdout: "", stderr: "crm: .crm/config.yaml: file is over 1 MiB\n")
  }
}

