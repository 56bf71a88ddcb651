import Foundation
import XCTest

/// What a hostile or careless user can put in a repo or on the command line must not take
/// over the terminal of whoever reads crm's output.
final class TerminalSafetyTests: CRMTestCase {
  /// Clears the screen, writes the clipboard (OSC 52), rings the bell, returns the carriage,
  /// and starts a C1 control sequence.
  let nasty = "\u{1B}[2J\u{1B}]52;c;aGk=\u{07}\r\u{9B}31m"

  func assertNoControls(_ text: String, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
    let controls = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    XCTAssertTrue(controls.isEmpty, "\(context) printed \(controls.map { String($0.value, radix: 16) }): \(text)", file: file, line: line)
  }

  func testControlCharactersAreShownEscapedNeverSent() throws {
    try initRepo()
    let yaml = "\\e[2J\\e]52;c;aGk=\\a\\r\\x9B31m"  // the same, as YAML escapes
    try write("contacts/eve.md", "---\nname: Eve\ntitle: \"CEO \(yaml)\"\ntags: [\"vip\(yaml)\"]\n---\nNotes \(nasty) end.\n")
    try write("deals/big.md", "---\ntitle: Big\nstage: lead\nvalue: 10\ncurrency: EUR\ncontacts: [eve]\nnote: \"\(yaml)\"\n---\n")
    try write("tasks/call.md", "---\ntitle: Call\ndue: 2026-11-20\ncontact: eve\nnote: \"\(yaml)\"\n---\n")
    for arguments in [
      ["contact", "list", "--fields", "id,name,title,tags,notes"], ["contact", "show", "eve"], ["find", "CEO"], ["timeline", "eve"],
      ["deal", "show", "big"], ["pipeline"], ["agenda"], ["task", "list", "--fields", "id,note"], ["report", "win-rate", "--by", "tag"],
      ["contact", "list", "--format", "json"], ["deal", "list", "--format", "ndjson", "--fields", "id,note"],
    ] {
      let result = try run(CRMBinary.url.path, arguments, in: root)
      XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
      assertNoControls(result.stdout + result.stderr, arguments.joined(separator: " "))
    }
    let shown = try crm("contact", "show", "eve").stdout
    XCTAssertTrue(shown.contains("  title           CEO \\x1B[2J\\x1B]52;c;aGk=\\x07 \\x9B31m\n"), shown)
    XCTAssertTrue(shown.contains("Notes \\x1B[2J\\x1B]52;c;aGk=\\x07\\x0D\\x9B31m end."), shown)
    XCTAssertTrue(try crm("contact", "list", "--format", "json").stdout.contains("\"CEO \\u001b[2J\\u001b]52;c;aGk=\\u0007\\r\\u009b31m\""))
    // A CR LF inside a value never splits a table row.
    try write("companies/acme.md", "---\nname: \"Acme\\r\\nCorp\"\n---\n")
    assertRun(try crm("company", "list", "--fields", "id,name"), status: 0, stdout: "ID    NAME\nacme  Acme Corp\n")
    // Error messages quote what was typed, escaped too.
    assertRun(try crm("contact", "show", "x" + nasty), status: 66,
      stderr: "crm: no contact 'x\\x1B[2J\\x1B]52;c;aGk=\\x07\\x0D\\x9B31m'\nhint: give an id, a unique id prefix, an email, or the exact name; 'crm contact list' shows them\n")
  }

  func testAFileNameWithALineBreakIsReportedOnOneLine() throws {
    try initRepo()
    try write("contacts/a\nb\u{1B}[2J.md", "---\nname: A\n---\n")
    let problem = "contacts/a\\x0Ab\\x1B[2J.md: file name 'a\\x0Ab\\x1B[2J' is not a valid id (lowercase letters, digits and single dashes)"
    assertRun(try crm("check"), status: 65, stdout: problem + "\n", stderr: "1 problem in the repo\n")
    assertRun(try crm("contact", "list", "--format", "ids"), status: 65, stdout: "", stderr: "crm: " + problem + "\n")
  }

  func testControlCharactersAreRefusedInNamesAndEmails() throws {
    try initRepo()
    assertRun(try crm("contact", "add", "Eve" + nasty), status: 64,
      stderr: "crm: 'name' must be one line without control characters, not 'Eve\\x1B[2J\\x1B]52;c;aGk=\\x07\\x0D\\x9B31m'\n")
    assertRun(try crm("contact", "add", "Eve", "--email", "eve\u{07}@x.example"), status: 64, stderr: "crm: 'eve\\x07@x.example' is not an email address\n")
    assertRun(try crm("deal", "add", "Big\u{1B}[2J"), status: 64, stderr: "crm: 'title' must be one line without control characters, not 'Big\\x1B[2J'\n")
    assertRun(try crm("contact", "add", "Eve"), status: 0, stdout: "eve\n")
    assertRun(try crm("contact", "edit", "eve", "--name", "Eve\u{9B}2J"), status: 64,
      stderr: "crm: 'name' must be one line without control characters, not 'Eve\\x9B2J'\n")
    assertRun(try crm("task", "add", "Call\u{07}"), status: 64, stderr: "crm: 'title' must be one line without control characters, not 'Call\\x07'\n")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("contacts").path).sorted(), [".gitkeep", "eve.md"])
    // Other fields keep what was given, written with YAML escapes so the file stays valid.
    assertRun(try crm("contact", "edit", "eve", "--set", "title=CEO\u{9B}"), status: 0, stderr: "updated contacts/eve.md\n")
    XCTAssertTrue(try read("contacts/eve.md").contains("title: \"CEO\\u009b\"\n"))
    // A file that has one already is read (and shown escaped); a write may keep it as it is.
    try write("contacts/mallory.md", "---\nname: \"Mal\\e[2J\"\n---\n")
    assertRun(try crm("contact", "list", "name~mal", "--fields", "id,name"), status: 0, stdout: "ID       NAME\nmallory  Mal\\x1B[2J\n")
    assertRun(try crm("contact", "edit", "mallory", "--set", "score=3"), status: 0, stderr: "updated contacts/mallory.md\n")
    assertRun(try crm("check"), status: 0, stdout: "ok: 2 records, no problems\n")
  }
}
