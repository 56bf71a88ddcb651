import Foundation
import XCTest

/// `.crm/hooks/pre-change` and `post-change`, and `crm trust`, which lets them run.
final class HookTests: CRMTestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initRepo(git: true)
  }

  /// Where the hooks write what they were given, and where trust is kept: outside the repo.
  var seen: String { root.path + "-seen" }
  var config: String { root.path + "-config" }

  override var environment: [String: String] {
    var env = super.environment
    env["XDG_CONFIG_HOME"] = config
    return env
  }

  override func tearDownWithError() throws {
    for path in [seen, config, root.path + "-inner"] { try? FileManager.default.removeItem(atPath: path) }
    try super.tearDownWithError()
  }

  /// Writes and commits a hook, as a repo brings it.
  func hook(_ name: String, _ body: String) throws {
    _ = try script(name, "#!/bin/sh\n" + body, in: ".crm/hooks")
    _ = try git("add", "-A")
    _ = try git("commit", "-qm", "hook")
  }

  func testHooksRunOnlyOnceTrusted() throws {
    try hook("pre-change", "cat >> '\(seen)'\n")
    assertRun(
      try crm("contact", "add", "Ann"), status: 0,
      stderr: "note: .crm/hooks/pre-change not run: this repo is not trusted (\(config)/crm/trust)\n"
        + "hint: hooks come with a clone; read them, then run 'crm trust' to let them run\n")
    XCTAssertFalse(FileManager.default.fileExists(atPath: seen))
    let trusted = try crm("trust")
    XCTAssertEqual(trusted.status, 0, trusted.stderr)
    XCTAssertTrue(trusted.stdout.hasPrefix("trusted .crm/hooks/pre-change (sha256 "), trusted.stdout)
    XCTAssertTrue(try String(contentsOfFile: config + "/crm/trust", encoding: .utf8).contains("\(root.path)\tpre-change\t"))
    assertRun(try crm("contact", "edit", "ann", "--set", "title=CEO"), status: 0, stderr: "updated contacts/ann.md\n")
    let json = try String(contentsOfFile: seen, encoding: .utf8)
    XCTAssertTrue(json.hasPrefix(#"{"type":"contact","id":"ann","event":"changed","before":{"id":"ann","type":"contact","name":"Ann","#), json)
    XCTAssertTrue(json.contains(#""after":{"id":"ann","type":"contact","name":"Ann","#), json)
    XCTAssertTrue(json.hasSuffix(#""title":"CEO"}}"# + "\n"), json)
    // A changed hook needs trust again.
    try hook("pre-change", "exit 0\n")
    assertRun(
      try crm("contact", "edit", "ann", "--set", "title=CTO"), status: 0,
      stderr: "note: .crm/hooks/pre-change not run: .crm/hooks/pre-change changed since 'crm trust' (\(config)/crm/trust)\n"
        + "hint: hooks come with a clone; read them, then run 'crm trust' to let them run\nupdated contacts/ann.md\n")
    try crm("trust")
    assertRun(try crm("contact", "edit", "ann", "--set", "title=CFO"), status: 0, stderr: "updated contacts/ann.md\n")
    assertRun(try crm("trust", "--revoke"), status: 0, stderr: "revoked: the hooks of \(root.path) do not run\n")
    XCTAssertTrue(try crm("contact", "edit", "ann", "--set", "title=COO").stderr.hasPrefix("note: .crm/hooks/pre-change not run: this repo is not trusted"))
  }

  func testPreChangeRefusesAndNothingStaysWritten() throws {
    try hook("pre-change", "grep -q '\"name\":\"Mallory\"' && { echo 'no Mallory here' >&2; exit 3; }\nexit 0\n")
    try crm("trust")
    try crm("company", "add", "Acme")
    let before = try git("rev-parse", "HEAD")
    assertRun(
      try crm("contact", "add", "Mallory", "--company", "acme", "--email", "m@evil.example"), status: 1,
      stderr: "crm: .crm/hooks/pre-change refused the change to contact mallory (created) (exit 3): no Mallory here\nhint: nothing was written\n")
    XCTAssertFalse(exists("contacts/mallory.md"))
    XCTAssertEqual(try git("rev-parse", "HEAD"), before)
    XCTAssertEqual(try git("status", "--porcelain"), "")
    // A lead capture that writes a company, a contact and an activity is undone whole.
    assertRun(try crm("lead", "capture", stdin: "name=Mallory&email=m%40evil.example&company=Evil+Corp"), status: 1)
    XCTAssertEqual(try git("status", "--porcelain"), "")
    XCTAssertFalse(exists("companies/evil-corp.md"))
  }

  func testATimeoutAndAWriteFromPreChangeFailFast() throws {
    try configureHooks(timeout: 1)
    try hook("pre-change", "sleep 5\n")
    try crm("trust")
    let started = Date()
    assertRun(try crm("contact", "add", "Ann"), status: 1, stderr: "crm: .crm/hooks/pre-change took longer than 1s: the change is not written\n")
    XCTAssertLessThan(Date().timeIntervalSince(started), 4.5)
    XCTAssertFalse(exists("contacts/ann.md"))
    // A hook that closes its output and hangs is stopped at the deadline all the same.
    try hook("pre-change", "exec >/dev/null 2>&1\nsleep 5\n")
    try crm("trust")
    assertRun(try crm("contact", "add", "Ann"), status: 1, stderr: "crm: .crm/hooks/pre-change took longer than 1s: the change is not written\n")
    // One that exits at once but leaves a child holding its output is not waited for.
    try hook("pre-change", "(sleep 5 &)\nexit 0\n")
    try crm("trust")
    let quick = Date()
    assertRun(try crm("contact", "add", "Zoe"), status: 0)
    XCTAssertLessThan(Date().timeIntervalSince(quick), 4.5)
    // The hook's own crm write would wait for the lock its change holds: it fails at once.
    try hook("pre-change", "\"$CRM\" contact add Eve >/dev/null 2>'\(root.path)-inner'; echo \"inner exit $?\" >&2; exit 1\n")
    try crm("trust")
    let result = try crm("contact", "add", "Ann", env: ["CRM": CRMBinary.url.path])
    assertRun(result, status: 1, stderr: "crm: .crm/hooks/pre-change refused the change to contact ann (created) (exit 1): inner exit 75\nhint: nothing was written\n")
    XCTAssertEqual(
      try String(contentsOfFile: root.path + "-inner", encoding: .utf8),
      "crm: the .crm/hooks/pre-change hook runs while its change holds the repo's lock: a crm write from it would wait for itself\n"
        + "hint: make the change from the post-change hook, which runs once the lock is free\n")
    XCTAssertFalse(exists("contacts/eve.md"))
  }

  func configureHooks(timeout: Int) throws {
    try write(".crm/config.yaml", try read(".crm/config.yaml") + "hooks:\n  timeout: \(timeout)\n")
    _ = try git("commit", "-qam", "timeout")
  }

  func testPostChangeIsToldAfterTheCommitAndMayFail() throws {
    try write(
      ".crm/config.yaml",
      try read(".crm/config.yaml") + "automation:\n  - name: hello\n    on: contact.created\n    do: [{notify: \"{{name}} is new\"}]\n")
    _ = try git("commit", "-qam", "rules")
    try hook("post-change", "cat >> '\(seen)'\ngit -C \"$CRM_DIR\" log -1 --format=%s >> '\(seen)'\n\"$CRM\" task add \"Welcome $$\" >/dev/null\necho broken >&2\nexit 2\n")
    try crm("trust")
    assertRun(
      try crm("contact", "add", "Ann", env: ["CRM": CRMBinary.url.path]), status: 0,
      stderr: "automation: hello: contact ann: notify: Ann is new\ncrm: warning: .crm/hooks/post-change failed on contact ann (created) (exit 2): broken\n")
    let seen = try String(contentsOfFile: seen, encoding: .utf8)
    XCTAssertTrue(seen.hasPrefix(#"{"type":"contact","id":"ann","event":"created","notify":["Ann is new"],"before":null,"after":{"id":"ann","#), seen)
    XCTAssertTrue(seen.hasSuffix("}\ncontact add ann: Ann\n"), seen)
    // A write from post-change is fine: the lock is free by then.
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("tasks").path).filter { $0.hasSuffix(".md") }.count, 1)
    XCTAssertEqual(try git("status", "--porcelain"), "")
  }

  func testNoPlaceForTrust() throws {
    try hook("pre-change", "exit 1\n")
    let result = try run("/usr/bin/env", ["-u", "HOME", "-u", "XDG_CONFIG_HOME", CRMBinary.url.path, "contact", "add", "Ann"], in: root)
    assertRun(
      result, status: 0,
      stderr: "note: .crm/hooks/pre-change not run: there is no $HOME or $XDG_CONFIG_HOME to keep trust in\n"
        + "hint: hooks come with a clone; read them, then run 'crm trust' to let them run\n")
    assertRun(
      try run("/usr/bin/env", ["-u", "HOME", "-u", "XDG_CONFIG_HOME", CRMBinary.url.path, "trust"], in: root), status: 64,
      stderr: "crm: there is no $HOME or $XDG_CONFIG_HOME to keep trust in\nhint: set XDG_CONFIG_HOME to a folder of yours\n")
    assertRun(try crm("trust", env: ["XDG_CONFIG_HOME": config]), status: 0)
    XCTAssertTrue(FileManager.default.fileExists(atPath: config + "/crm/trust"))
    // Trusted there, the refusing hook runs.
    assertRun(try crm("contact", "add", "Bob", env: ["XDG_CONFIG_HOME": config]), status: 1)
  }

  func testTrustWithoutHooksAndABadTimeout() throws {
    assertRun(try crm("trust"), status: 0, stdout: "", stderr: "note: nothing to trust: .crm/hooks/ has no pre-change or post-change hook\n")
    let line = try read(".crm/config.yaml").split(separator: "\n", omittingEmptySubsequences: false).count
    try write(".crm/config.yaml", try read(".crm/config.yaml") + "hooks:\n  timeout: forever\n")
    assertRun(
      try crm("contact", "list"), status: 65,
      stderr: "crm: .crm/config.yaml:\(line + 1):12: 'hooks.timeout' must be a number of seconds from 1 to 3600, like 10 or 30s\n")
  }
}
