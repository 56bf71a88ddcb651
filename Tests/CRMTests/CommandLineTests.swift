import Foundation
import XCTest

/// The command line reads as git's does: filters however the shell split them, `--`, global
/// options anywhere, suggestions for typos, one error format, and --color.
final class CommandLineTests: CRMTestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initRepo()
    try write("contacts/jane-doe.md", "---\nname: Jane Doe\ntags: [vip]\nscore: 10\n---\n")
    try write("contacts/bob-stone.md", "---\nname: Bob Stone\ntags: [referral]\nscore: 70\n---\n")
    try write("contacts/cold-carl.md", "---\nname: Cold Carl\ntags: [cold]\nscore: 5\n---\n")
    try write("contacts/dan-o-brien.md", "---\nname: Dan O'Brien\nfirm: Müller & Söhne\n---\n")
  }

  func ids(_ arguments: String...) throws -> String {
    let result = try run(CRMBinary.url.path, ["contact", "list", "--format", "ids"] + arguments, in: root)
    XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
    return result.stdout
  }

  func testAFilterIsTheSameHoweverTheShellSplitIt() throws {
    let vipOrHigh = "bob-stone\njane-doe\n"
    XCTAssertEqual(try ids("(tag:vip", "or", "score>50)"), vipOrHigh)
    XCTAssertEqual(try ids("(tag:vip or score>50)"), vipOrHigh)
    XCTAssertEqual(try ids("(", "tag:vip or score>50", ")"), vipOrHigh)
    XCTAssertEqual(try ids("tag:vip or tag:referral"), vipOrHigh)
    XCTAssertEqual(try ids("not tag:cold"), "bob-stone\ndan-o-brien\njane-doe\n")
    XCTAssertEqual(try ids("-tag:cold and not tag:vip"), "bob-stone\ndan-o-brien\n")
    // Values with spaces, as the shell hands them over once it took the quotes off.
    XCTAssertEqual(try ids("name~Jane Doe"), "jane-doe\n")
    XCTAssertEqual(try ids("firm:Müller & Söhne"), "dan-o-brien\n")
    XCTAssertEqual(try ids("name~O'Brien"), "dan-o-brien\n")
    XCTAssertEqual(try ids("name~O'Brien or name~Carl"), "cold-carl\ndan-o-brien\n")
    // Quotes inside one word keep a value whole, even one with a keyword in it.
    XCTAssertEqual(try ids("name~\"Jane Doe\" or tag:cold"), "cold-carl\njane-doe\n")
    XCTAssertEqual(try ids("name~\"Stone or\""), "")
    // A word that cannot continue a value is a term of its own, and an error if it is not one.
    let unknown = try crm("contact", "list", "tag:vip fancy:yes")
    XCTAssertEqual(unknown.status, 64)
    XCTAssertTrue(unknown.stderr.hasPrefix("crm: unknown field 'fancy' in filter term 'fancy:yes'\nhint: contact fields: "), unknown.stderr)
  }

  func testDoubleDashEndsOptions() throws {
    XCTAssertEqual(try ids("--", "-tag:vip", "-tag:cold"), "bob-stone\ndan-o-brien\n")
    assertRun(try crm("contact", "list", "--", "-tag:vip", "--format", "ids"), status: 64,
      stderr: "crm: '--format' is not a filter term\nhint: options go before '--'\n")
    assertRun(try crm("task", "list", "--format", "ids", "--", "-has:due"), status: 0, stdout: "")
    assertRun(try crm("-C", root.path, "contact", "list", "--format", "ids", "--", "tag:vip"), status: 0, stdout: "jane-doe\n")
    // A name that starts with '-' reaches add and show after `--`.
    assertRun(try crm("contact", "add", "--", "-Prince"), status: 0, stdout: "prince\n")
    assertRun(try crm("contact", "show", "--format", "ids", "--", "-Prince"), status: 0, stdout: "prince\n")
  }

  /// A value that starts with '-' is still the value of the option before it.
  func testOptionValuesMayStartWithADash() throws {
    let logged = try crm("log", "note", "jane-doe", "-m", "--- not an option")
    assertRun(logged, status: 0, stderr: "")
    let id = logged.stdout.trimmingCharacters(in: .newlines)
    XCTAssertTrue(try read("activities/2026/11/\(id).md").hasSuffix("---\n--- not an option\n"))
    assertRun(try crm("contact", "add", "X", "--email", "-x@y.example", "--title", "-"), status: 0, stdout: "x\n", stderr: "")
    XCTAssertTrue(try read("contacts/x.md").contains("emails: [\"-x@y.example\"]\ntitle: \"-\"\n"))
    assertRun(try crm("contact", "edit", "jane-doe", "--set", "title=-interim-"), status: 0, stderr: "updated contacts/jane-doe.md\n")
    assertRun(
      try crm("contact", "add", "Y", "--email", "-not-an-address"), status: 64,
      stderr: "crm: '-not-an-address' is not an email address\n")
  }

  func testTyposGetSuggestions() throws {
    assertRun(try crm("contcat", "list"), status: 64, stderr: "crm: 'contcat' is not a crm command\nhint: did you mean 'contact'?\n")
    assertRun(try crm("contact", "lsit"), status: 64, stderr: "crm: 'lsit' is not a crm contact command\nhint: did you mean 'list'?\n")
    assertRun(try crm("zzz"), status: 64, stderr: "crm: 'zzz' is not a crm command\nhint: see 'crm --help'\n")
    assertRun(try crm("contact", "list", "--formt", "ids"), status: 64, stderr: "crm: unknown option '--formt'\nhint: did you mean '--format'?\n")
    assertRun(try crm("report", "forecast", "--perods", "2"), status: 64, stderr: "crm: unknown option '--perods'\nhint: did you mean '--periods'?\n")
    assertRun(try crm("pipeline", "--zzzzzz"), status: 64, stderr: "crm: unknown option '--zzzzzz'\nhint: see 'crm pipeline --help'\n")
    let add = try crm("contact", "add", "X", "--emial", "x@example.com")
    assertRun(add, status: 64, stderr: "crm: unknown option '--emial'\nhint: did you mean '--email'?\nusage: crm contact add [<options>] <name>\n")
    XCTAssertFalse(exists("contacts/x.md"))
  }

  func testGlobalOptionsWorkBeforeAndBetweenSubcommands() throws {
    let elsewhere = FileManager.default.temporaryDirectory.path
    assertRun(try crm("-C", root.path, "chekc", in: URL(fileURLWithPath: elsewhere)), status: 64,
      stderr: "crm: 'chekc' is not a crm command\nhint: did you mean 'check'?\n")
    assertRun(try crm("contact", "-C", root.path, "list", "--format", "ids", "tag:vip", in: URL(fileURLWithPath: elsewhere)), status: 0,
      stdout: "jane-doe\n")
    assertRun(try crm("--repo=" + root.path, "--no-cache", "contact", "--lock-timeout", "1", "list", "tag:vip", "--format", "ids",
      in: URL(fileURLWithPath: elsewhere)), status: 0, stdout: "jane-doe\n")
    assertRun(try crm("--color", "never", "contact", "list", "tag:vip", "--format", "ids"), status: 0, stdout: "jane-doe\n")
  }

  func testEveryErrorHasOneFormat() throws {
    let usage = "usage: crm contact list [<filter> ...] [--format <format>] [--fields <a,b,c>] [--sort <f,-g>] [--limit <N>] [--repo <DIR>] [--lock-timeout <SECONDS>] [--no-cache] [--color <color>] [--no-color]\n"
    assertRun(try crm("contact", "list", "--limit", "x"), status: 64,
      stderr: "crm: the value 'x' is invalid for '--limit <N>'\nhint: see 'crm contact list --help'\n" + usage)
    assertRun(try crm("contact", "list", "--limit=-1"), status: 64,
      stderr: "crm: --limit must be 0 or more, not '-1'\nhint: see 'crm contact list --help'\n" + usage)
    assertRun(try crm("contact", "show"), status: 64,
      stderr: "crm: missing expected argument '<who>'\nhint: see 'crm contact show --help'\nusage: crm contact show <who> [--format <format>] [--repo <DIR>] [--lock-timeout <SECONDS>] [--no-cache] [--color <color>] [--no-color]\n")
    // Nothing a user sees comes in argument-parser's own format.
    for arguments in [["contact", "show", "a", "b"], ["deal", "add"], ["agenda", "--days", "x"], ["contact", "list", "--color", "pink"]] {
      let result = try run(CRMBinary.url.path, arguments, in: root)
      XCTAssertEqual(result.status, 64, "\(arguments)")
      XCTAssertTrue(result.stderr.hasPrefix("crm: "), "\(arguments): \(result.stderr)")
      let lines = result.stderr.split(separator: "\n")
      XCTAssertLessThanOrEqual(lines.count, 3, "\(arguments): \(result.stderr)")
      XCTAssertFalse(lines.contains { $0.hasPrefix("Error:") || $0.hasPrefix("Usage:") || $0.hasPrefix("Help:") || $0.hasPrefix("  See") }, result.stderr)
    }
    // Help and the version still go to stdout and exit 0.
    assertRun(try crm("--version"), status: 0, stdout: "0.1.0\n", stderr: "")
    XCTAssertTrue(try crm("help", "contact").stdout.hasPrefix("OVERVIEW: Add, list, show, edit and remove contacts."))
  }

  func testColorChoice() throws {
    let escape = "\u{1B}["
    let piped = ["contact", "list", "tag:vip"]
    XCTAssertFalse(try crm(piped, env: ["NO_COLOR": ""]).stdout.contains(escape))
    XCTAssertTrue(try crm(piped + ["--color", "always"]).stdout.contains(escape))
    XCTAssertTrue(try crm(["--color=always"] + piped, env: ["NO_COLOR": "", "TERM": "dumb"]).stdout.contains(escape))
    // On a terminal: colour unless NO_COLOR, TERM=dumb, --no-color or --color never.
    func onTerminal(_ arguments: [String], env: [String: String] = [:]) throws -> String {
      try crmOnTerminal(arguments, env: ["NO_COLOR": "", "TERM": "xterm"].merging(env) { $1 }).stdout
    }
    XCTAssertTrue(try onTerminal(piped).contains(escape))
    XCTAssertFalse(try onTerminal(piped, env: ["NO_COLOR": "1"]).contains(escape))
    XCTAssertFalse(try onTerminal(piped, env: ["TERM": "dumb"]).contains(escape))
    XCTAssertFalse(try onTerminal(piped + ["--no-color"]).contains(escape))
    XCTAssertFalse(try onTerminal(["--color", "never"] + piped).contains(escape))
    XCTAssertTrue(try onTerminal(piped).contains("Jane Doe"))
  }

  func testBashCompletesIDsAfterTheRepoOption() throws {
    let script = CRMBinary.packageRoot.appendingPathComponent("completions/crm.bash").path
    func complete(_ line: String) throws -> String {
      let program = """
        source '\(script)'
        COMP_LINE='\(line)'; read -ra COMP_WORDS <<<"$COMP_LINE"; COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_POINT=${#COMP_LINE}
        _crm; printf '%s\\n' "${COMPREPLY[@]}"
        """
      let folder = CRMBinary.url.deletingLastPathComponent().path
      return try run("/bin/bash", ["-c", program], in: FileManager.default.temporaryDirectory,
        env: ["PATH": folder + ":/usr/bin:/bin"]).stdout
    }
    let expected = "jane-doe\n"
    XCTAssertEqual(try complete("crm -C \(root.path) contact show ja"), expected)
    XCTAssertEqual(try complete("crm contact -C \(root.path) show ja"), expected)
    XCTAssertEqual(try complete("crm contact show -C \(root.path) ja"), expected)
  }

  func testOutputThatCannotBeWrittenIsAnError() throws {
    let crm = "'\(CRMBinary.url.path)'"
    for (redirect, reason) in [("> /dev/full", "No space left on device"), (">&-", "Bad file descriptor")] {
      for command in ["contact list --format json", "contact show jane-doe", "report pipeline --format csv", "check", "--help", "--version", "help deal"] {
        let result = try run("/bin/bash", ["-c", "\(crm) \(command) \(redirect)"], in: root)
        assertRun(result, status: 73, stderr: "crm: cannot write to standard output: \(reason)\n")
      }
    }
    // A closed stdout is never mistaken for a file crm opens: the record is written whole.
    let add = try run("/bin/bash", ["-c", "\(crm) contact add Zed --email zed@x.example >&-"], in: root)
    assertRun(add, status: 73, stderr: "crm: cannot write to standard output: Bad file descriptor (written all the same: contacts/zed.md)\n")
    XCTAssertTrue(try read("contacts/zed.md").hasPrefix("---\nid: zed\nname: Zed\nemails: [zed@x.example]\ncreated: "))
    assertRun(try self.crm(["check"]), status: 0, stdout: "ok: 5 records, no problems\n")
    // A reader that stops early is no error to report.
    let head = try run("/bin/bash", ["-c", "\(crm) contact list --format ids | head -c0; echo ${PIPESTATUS[0]}"], in: root)
    XCTAssertTrue(["0\n", "141\n"].contains(head.stdout), head.stdout)
    XCTAssertEqual(head.stderr, "")
  }

  private func crm(_ arguments: [String], env: [String: String] = [:]) throws -> Run {
    try run(CRMBinary.url.path, arguments, in: root, env: env)
  }
}
