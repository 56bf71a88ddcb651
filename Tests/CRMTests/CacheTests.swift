import Foundation
import XCTest

/// The cache is an accelerator, never a source of truth: every way it can be out of date or
/// damaged gives exactly the results of a cold run.
final class CacheTests: CRMTestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initRepo()
    try crm("company", "add", "Acme Corp")
    try crm("contact", "add", "Jane Doe", "--email", "jane@acme.example", "--company", "acme", "--tag", "vip")
    try crm("contact", "add", "Bob Roe", "--email", "bob@acme.example", "--tag", "vip")
    try crm("deal", "add", "Acme site", "--value", "100.5", "--contact", "jane", "--stage", "proposal")
    try crm("log", "call", "jane", "-m", "Hello")
    try age()
    try FileManager.default.removeItem(at: root.appendingPathComponent(".crm/cache"))
  }

  static let everyType = [
    ["contact", "list", "--format", "json"], ["deal", "list", "--format", "json"], ["activity", "list", "--format", "json"],
    ["company", "list", "--format", "json"], ["check", "--format", "json"], ["timeline", "jane-doe", "--format", "tsv"],
    ["contact", "show", "jane-doe"], ["company", "show", "acme-corp", "--format", "json"],
  ]

  /// The outputs of `commands` (by default ones that depend on every record type), with the
  /// cache or without.
  func outputs(noCache: Bool, _ commands: [[String]] = everyType) throws -> [String] {
    let env = noCache ? ["CRM_NO_CACHE": "1"] : [:]
    return try commands.map { args in
      let r = try run(CRMBinary.url.path, args, in: root, env: env)
      return "\(args) \(r.status)\n\(r.stdout)\(r.stderr)"
    }
  }

  /// `cold`: the outputs without the cache, when the files have not changed since they were
  /// taken (a run without the cache never reads or writes it).
  func assertSameAsCold(
    _ message: String, _ commands: [[String]] = everyType, cold: [String]? = nil, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let warm = try outputs(noCache: false, commands)
    XCTAssertEqual(warm, try cold ?? outputs(noCache: true, commands), message, file: file, line: line)
  }

  var cacheFiles: [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(".crm/cache").path).sorted()) ?? []
  }

  func testTheCacheIsUsedAndTheFlagsBypassIt() throws {
    try crm("contact", "list")
    XCTAssertEqual(cacheFiles, ["contact.bin"])
    _ = try outputs(noCache: false)
    // check, timeline and show cache only records' outlines, apart from whole records.
    XCTAssertEqual(
      cacheFiles,
      (["check.bin"] + ["activity", "company", "contact", "deal"].flatMap { [$0 + ".bin", $0 + ".outline.bin"] }).sorted())
    // Change a file but give it back its size and mtime on the same inode (as `cp -p` does):
    // its ctime still tells. The flags leave the cache as it is, not even rewritten; a run
    // that uses it sees the change and rewrites it.
    let path = root.appendingPathComponent("contacts/jane-doe.md").path
    let text = try read("contacts/jane-doe.md")
    try write("stamp", "")
    _ = try run("/usr/bin/env", ["touch", "-r", path, "stamp"], in: root)  // keep the mtime to the nanosecond
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    let edited = text.replacingOccurrences(of: "Jane Doe", with: "Jane Dox").replacingOccurrences(of: "company: acme", with: "company: acmx")
    try handle.write(contentsOf: Data(edited.utf8))
    try handle.close()
    _ = try run("/usr/bin/env", ["touch", "-r", "stamp", path], in: root)
    let cache = root.appendingPathComponent(".crm/cache/contact.bin").path
    func inode() throws -> Int { (try FileManager.default.attributesOfItem(atPath: cache)[.systemFileNumber] as! NSNumber).intValue }
    let before = try inode()
    assertRun(try crm("contact", "list", "--no-cache", "--format", "tsv", "--fields", "name"), status: 0, stdout: "Bob Roe\nJane Dox\n")
    assertRun(try crm("--no-cache", "contact", "list", "--format", "tsv", "--fields", "name"), status: 0, stdout: "Bob Roe\nJane Dox\n")
    assertRun(
      try crm("contact", "list", "--format", "tsv", "--fields", "name", env: ["CRM_NO_CACHE": "1"]), status: 0, stdout: "Bob Roe\nJane Dox\n")
    XCTAssertEqual(try inode(), before)
    assertRun(try crm("contact", "list", "--format", "tsv", "--fields", "name"), status: 0, stdout: "Bob Roe\nJane Dox\n")
    XCTAssertNotEqual(try inode(), before)
    let problem = "contacts/jane-doe.md:5:10: 'company' names a company that does not exist: 'acmx-corp'\n"
    assertRun(try crm("check", "--no-cache"), status: 65, stdout: problem, stderr: "1 problem in the repo\n")
    assertRun(try crm("check"), status: 65, stdout: problem, stderr: "1 problem in the repo\n")
  }

  func testChangedNewDeletedAndRenamedFiles() throws {
    _ = try outputs(noCache: false)
    // Changed: a new mtime (and size).
    try write("contacts/bob-roe.md", try read("contacts/bob-roe.md").replacingOccurrences(of: "tags: [vip]", with: "tags: [vip, new]"))
    try assertSameAsCold("changed file")
    XCTAssertEqual(try crm("contact", "list", "tag:new", "--format", "ids").stdout, "bob-roe\n")
    // Changed in a month folder (each file is stamped from its own folder).
    let call = try XCTUnwrap(FileManager.default.subpaths(atPath: root.appendingPathComponent("activities").path)?.first { $0.hasSuffix(".md") })
    try write("activities/" + call, try read("activities/" + call).replacingOccurrences(of: "Hello", with: "Hello again"))
    try assertSameAsCold("changed activity")
    XCTAssertTrue(try crm("timeline", "jane-doe", "--format", "tsv").stdout.contains("\tHello again\n"))
    // New.
    try write("contacts/ann-lee.md", "---\nname: Ann Lee\nemails: [ann@x.example]\n---\n")
    try assertSameAsCold("new file")
    try age()
    _ = try outputs(noCache: false)
    // Renamed: same inode, size and mtime under another name.
    try FileManager.default.moveItem(at: root.appendingPathComponent("contacts/ann-lee.md"), to: root.appendingPathComponent("contacts/ann-smith.md"))
    try assertSameAsCold("renamed file")
    XCTAssertEqual(try crm("contact", "list", "--format", "ids").stdout, "ann-smith\nbob-roe\njane-doe\n")
    // Deleted.
    try FileManager.default.removeItem(at: root.appendingPathComponent("contacts/ann-smith.md"))
    try assertSameAsCold("deleted file")
    XCTAssertEqual(try crm("contact", "list", "--format", "ids").stdout, "bob-roe\njane-doe\n")
    // A file that turned malformed is reported, not served from the cache.
    try write("contacts/jane-doe.md", "---\nname: [broken\n---\n")
    try assertSameAsCold("malformed file")
    XCTAssertEqual(try crm("contact", "list", "--format", "ids").status, 65)
  }

  func testOtherVersionTruncatedOrCorruptCachesAreIgnored() throws {
    try write("contacts/ann-lee.md", "---\nname: Ann Lee\ncompany: nowhere\n---\n")  // a problem for check to keep
    try age()
    _ = try outputs(noCache: false)
    // Whole records, check's projection of them, and check's result.
    for (file, command) in [
      ("contact.bin", ["contact", "list", "--format", "json"]), ("contact.outline.bin", ["check", "--format", "json"]),
      ("check.bin", ["check", "--format", "json"]),
    ] {
      let cache = root.appendingPathComponent(".crm/cache/" + file)
      let good = try Data(contentsOf: cache)
      let cold = try outputs(noCache: true, [command])
      // Written by another version: another header.
      var other = good
      other.replaceSubrange(0..<9, with: Data("crm-other".utf8))
      try other.write(to: cache)
      try assertSameAsCold("\(file) from another version", [command], cold: cold)
      // Truncated at every sixth of its length, and empty.
      for cut in stride(from: 0, to: good.count, by: max(1, good.count / 6)) {
        try good.prefix(cut).write(to: cache)
        try assertSameAsCold("\(file) truncated at \(cut)", [command], cold: cold)
      }
      // Corrupted: a byte flipped, anywhere in the file.
      for place in stride(from: 0, to: good.count, by: max(1, good.count / 8)) + [good.count - 1] {
        var bad = good
        bad[place] ^= 0x20
        try bad.write(to: cache)
        try assertSameAsCold("\(file): byte \(place) flipped", [command], cold: cold)
      }
    }
  }

  func testAnUnchangedRepoIsCheckedFromTheLastResult() throws {
    try write("contacts/ann-lee.md", "---\nname: Ann Lee\ncompany: nowhere\n---\n")
    try age()
    let problem = "contacts/ann-lee.md:3:10: 'company' names a company that does not exist: 'nowhere'\n"
    assertRun(try crm("check"), status: 65, stdout: problem, stderr: "1 problem in the repo\n")
    XCTAssertTrue(cacheFiles.contains("check.bin"))
    // Nothing changed: the result is served without reading a record, or their caches.
    for file in cacheFiles where file.hasSuffix(".outline.bin") { try FileManager.default.removeItem(at: root.appendingPathComponent(".crm/cache/" + file)) }
    assertRun(try crm("check"), status: 65, stdout: problem, stderr: "1 problem in the repo\n")
    XCTAssertEqual(cacheFiles, ["check.bin"])
    // A changed file is checked again.
    try write("contacts/ann-lee.md", "---\nname: Ann Lee\ncompany: acme-corp\n---\n")
    try age()
    assertRun(try crm("check"), status: 0, stdout: "ok: 6 records, no problems\n")
    XCTAssertTrue(cacheFiles.contains("contact.outline.bin"))
    // So is a changed config: a stage a deal is in is gone.
    let config = try read(".crm/config.yaml")
    try write(".crm/config.yaml", config.replacingOccurrences(of: "  - stage: proposal\n    probability: 50\n", with: ""))
    try age()
    try assertSameAsCold("changed config", [["check"]])
    XCTAssertTrue(try crm("check").stdout.contains("unknown stage 'proposal'"))
    // And a leftover temporary file.
    try write("contacts/.bob-roe.md.crm-tmp-1-2", "")
    try assertSameAsCold("leftover", [["check"]])
    XCTAssertTrue(try crm("check").stdout.contains("contacts/.bob-roe.md.crm-tmp-1-2: leftover temporary file"))
  }

  func testConcurrentWritersLeaveAWholeCache() throws {
    try write("contacts/ann-lee.md", "---\nname: Ann Lee\n---\n")
    try age()
    let processes = try (0..<12).map { i in try start(i % 2 == 0 ? ["contact", "list"] : ["check"]) }
    for process in processes { process.waitUntilExit() }
    XCTAssertEqual(processes.map(\.terminationStatus), Array(repeating: 0, count: 12))
    XCTAssertFalse(cacheFiles.contains { $0.contains("crm-tmp") }, "\(cacheFiles)")
    try assertSameAsCold("after concurrent writers")
  }

  func testAgendaCachesOnlyWhatItLooksAt() throws {
    try writeAgendaRepo()  // beside the records of setUp, which are not on it
    try age()
    let agenda = ["agenda", "--days", "7"]
    assertRun(try crm("agenda", "--days", "7", "--no-cache"), status: 65, stdout: AgendaTests.week, stderr: AgendaTests.problems)
    assertRun(try crm("agenda", "--days", "7"), status: 65, stdout: AgendaTests.week, stderr: AgendaTests.problems)
    // Its own projection of tasks, deals and activities: no whole records, no bodies.
    XCTAssertEqual(cacheFiles, ["activity.agenda.bin", "deal.agenda.bin", "task.agenda.bin"])
    assertRun(try crm("agenda", "--days", "7"), status: 65, stdout: AgendaTests.week, stderr: AgendaTests.problems)
    // A call logged on the yen deal takes it off the stale list, warm as cold.
    try write("activities/2026/11/20261115-0900-call.md", "---\nkind: call\nat: 2026-11-15T09:00:00Z\ndeal: yen-deal\n---\n")
    try assertSameAsCold("new activity", [agenda, agenda + ["--format", "json"]])
    XCTAssertFalse(try crm("agenda", "--days", "7").stdout.contains("321 days idle"))
    // A deal won is no longer listed.
    try write("deals/big-deal.md", try read("deals/big-deal.md").replacingOccurrences(of: "stage: proposal", with: "stage: won"))
    try assertSameAsCold("changed deal", [agenda, agenda + ["--format", "tsv"]])
    XCTAssertFalse(try crm("agenda", "--days", "7").stdout.contains("Big deal"))
  }

  func testAFailedCacheWriteNeverFailsTheCommand() throws {
    try write(".crm/cache", "not a folder\n")
    assertRun(try crm("contact", "list", "--format", "ids"), status: 0, stdout: "bob-roe\njane-doe\n", stderr: "")
    try assertSameAsCold("no cache folder")
  }

  /// Big enough for the contacts and activities to fill several cache chunks (512 entries
  /// each), with every kind of record scripts/generate-repo makes; scripts/bench times big
  /// repos.
  func testWarmAndColdAgreeOnAGeneratedRepo() throws {
    let repo = root.appendingPathComponent("big")
    try generateRepo(repo, total: 2100)
    try crm("init", "--no-git", repo.path)
    try age(repo: repo)
    let busiest = try crm(
      "-C", repo.path, "contact", "list", "--sort", "-activity_count", "--limit", "1", "--format", "ids", env: ["CRM_NO_CACHE": "1"])
    let who = busiest.stdout.trimmingCharacters(in: .newlines)
    XCTAssertFalse(who.isEmpty, busiest.stderr)
    let commands = [
      ["check", "--format", "json"], ["contact", "list", "tag:vip", "--format", "json"], ["deal", "list", "--format", "csv"],
      ["activity", "list", "kind:call", "--format", "tsv"], ["report", "pipeline", "--format", "tsv", "--skip-invalid"],
      ["timeline", who], ["timeline", who, "--format", "json"], ["contact", "show", who],
      ["agenda"], ["agenda", "--days", "7", "--format", "tsv"],
    ]
    func results(_ env: [String: String]) throws -> [String] {
      try commands.map { args in
        let r = try run(CRMBinary.url.path, ["-C", repo.path] + args, in: root, env: env)
        return "\(r.status)\n\(r.stdout)\(r.stderr)"
      }
    }
    let cold = try results(["CRM_NO_CACHE": "1", "CRM_NOW": "2026-11-22T12:00:00Z"])
    XCTAssertTrue(cold[0].hasPrefix("0\n{\"records\":2100,\"problems\":[]"), cold[0])
    _ = try results(["CRM_NOW": "2026-11-22T12:00:00Z"])  // writes the cache
    XCTAssertEqual(
      (try? FileManager.default.contentsOfDirectory(atPath: repo.appendingPathComponent(".crm/cache").path).sorted()) ?? [],
      [
        "activity.agenda.bin", "activity.bin", "activity.outline.bin", "check.bin", "company.outline.bin", "contact.bin", "contact.outline.bin",
        "deal.agenda.bin", "deal.bin", "deal.outline.bin",
      ])
    XCTAssertEqual(try results(["CRM_NOW": "2026-11-22T12:00:00Z"]), cold)
  }
}
