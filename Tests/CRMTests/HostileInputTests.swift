import Foundation
import XCTest

/// Hand-written files made to break crm: each is reported as what it is, and the rest of
/// the repo keeps working.
final class HostileInputTests: CRMTestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initRepo()
    try crm("contact", "add", "Jane Doe", "--email", "jane@acme.example")
  }

  /// `[[[…]]]` twenty thousand deep (40 KB) would overflow the stack of any reader that
  /// recurses: it is one malformed file, named at the first level too deep.
  func testDeepNestingIsOneMalformedFile() throws {
    let deep = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
    try write("contacts/deep.md", "---\nname: Deep\nx: " + deep + "\n---\n")
    let problem = "contacts/deep.md:3:67: nested deeper than 64 levels"
    assertRun(try crm("check"), status: 65, stdout: problem + "\n", stderr: "1 problem in the repo\n")
    // Twice: the second run reads the first one's cache.
    for _ in 0..<2 {
      assertRun(try crm("contact", "list", "--format", "ids"), status: 65, stdout: "jane-doe\n", stderr: "crm: \(problem)\n")
    }
    assertRun(try crm("contact", "show", "jane-doe", "--format", "json"), status: 65, stderr: "crm: \(problem)\n")
    assertRun(try crm("find", "jane", "--format", "tsv"), status: 65, stdout: "contact\tjane-doe\tJane Doe\tid\n", stderr: "crm: \(problem)\n")
    assertRun(
      try crm("report", "sources"), status: 65,
      stderr: "crm: \(problem)\ncrm: the report would leave out 1 malformed file\nhint: fix them, or pass --skip-invalid\n")
    assertRun(
      try crm("contact", "edit", "deep", "--set", "title=x"), status: 65,
      stderr: "crm: \(problem)\nhint: crm does not change a file it cannot read; fix it by hand, then try again\n")
    assertRun(try crm("contact", "edit", "jane-doe", "--phone", "0123"), status: 0, stdout: "", stderr: "updated contacts/jane-doe.md\n")

    let config = try read(".crm/config.yaml")
    let line = config.split(separator: "\n", omittingEmptySubsequences: false).count
    try write(".crm/config.yaml", config + "x: " + String(repeating: "{a: ", count: 20_000) + "b" + String(repeating: "}", count: 20_000) + "\n")
    assertRun(try crm("contact", "list"), status: 65, stderr: "crm: .crm/config.yaml:\(line):256: nested deeper than 64 levels\n")
  }

  /// A 100 KB name (the size that took minutes to lay out) is cut to the table's widest
  /// cell, wide characters counted as two columns; other formats carry it whole.
  func testAWideCellIsCutInATableAndWholeElsewhere() throws {
    let long = String(repeating: "Ada Lovelace ", count: 8_000) + "Byron"
    try write("contacts/ada.md", "---\nname: \(long)\n---\n")
    try write("contacts/li.md", "---\nname: \(String(repeating: "李", count: 40))\n---\n")
    let cutLong = String(long.prefix(59)) + "…"
    let cutWide = String(repeating: "李", count: 29) + "…"  // 58 columns: a 30th would not leave room for …
    let nameColumn = 60 + 2  // the widest cell, then the gap
    assertRun(
      try crm("contact", "list", "--fields", "id,name,emails"), status: 0,
      stdout: """
        ID        \("NAME".padding(toLength: nameColumn, withPad: " ", startingAt: 0))EMAILS
        ada       \(cutLong)
        jane-doe  \("Jane Doe".padding(toLength: nameColumn, withPad: " ", startingAt: 0))jane@acme.example
        li        \(cutWide)

        """)
    let csv = try crm("contact", "list", "--fields", "id,name", "--format", "csv")
    XCTAssertTrue(csv.stdout.split(separator: "\r\n")[1] == "ada,\(long)", "the CSV row carries the whole name")
    let json = try crm("contact", "list", "--fields", "name", "--format", "ndjson")
    XCTAssertTrue(json.stdout.split(separator: "\n")[0] == "{\"name\":\"\(long)\"}", "the JSON carries the whole name")
  }

  /// Quiet YAML readings that lose what the writer meant are problems `check` names at
  /// their place: a plain value a ` #` cut short (`#1`; a `# ` comment is meant as one), a
  /// required field written as a null word;
  /// a tab in the indentation says why it is an error.
  func testCheckNamesWhatYAMLReadsOtherwiseThanMeant() throws {
    try write("contacts/ann.md", "---\nname: Ann\nnote: Smith #1 client\ntags: [a #x\n  , b]\nphone: # none yet\ntitle: 'quoted #1' # a comment after a quoted value loses nothing\ncountry: NO   # a comment meant as one\nlinkedin: x # and this\n---\nBody # is not YAML\n")
    try write("contacts/bob.md", "---\nid: bob\nname: Null\n---\n")
    try write("contacts/cy.md", "---\nname: Cy\nemails:\n\t- cy@x.example\n---\n")
    let problems = """
      contacts/ann.md:3:12: 'note' ends at ' #': YAML reads the rest of the line as a comment; quote the value
      contacts/ann.md:4:9: 'tags' ends at ' #': YAML reads the rest of the line as a comment; quote the value
      contacts/bob.md:3:7: required field 'name' is empty: YAML reads 'Null' as no value; quote it to mean the text
      contacts/cy.md:4:1: invalid YAML: found character that cannot start any token while scanning for the next token; indent with spaces: YAML does not allow tabs

      """
    try age()
    assertRun(try crm("check"), status: 65, stdout: problems, stderr: "4 problems in the repo\n")
    try FileManager.default.removeItem(at: root.appendingPathComponent(".crm/cache/check.bin"))
    assertRun(try crm("check"), status: 65, stdout: problems, stderr: "4 problems in the repo\n")  // from the record cache
    assertRun(try crm("check"), status: 65, stdout: problems, stderr: "4 problems in the repo\n")  // from the check's own
    assertRun(try crm("check", "--no-cache"), status: 65, stdout: problems, stderr: "4 problems in the repo\n")
    let list = try crm("contact", "list", "--fields", "id,note", "--format", "tsv")
    XCTAssertEqual(list.stdout, "ann\tSmith\njane-doe\t\n")
  }

  func testABrokenFileIsTheRecordItsIDNamesNeverOneItPrefixes() throws {
    try write("contacts/jane-doe.md", "---\nname: Jane\nname: Doe\n---\n")
    try write("contacts/jane-doe-2.md", "---\nname: Jane Doe\n---\n")
    let refusal = "crm: contacts/jane-doe.md:3:1: duplicate key 'name'\nhint: crm does not change a file it cannot read; fix it by hand, then try again\n"
    assertRun(try crm("contact", "rm", "jane-doe", "--yes"), status: 65, stderr: refusal)
    assertRun(try crm("contact", "edit", "jane-doe", "--title", "X"), status: 65, stderr: refusal)
    XCTAssertEqual(try read("contacts/jane-doe-2.md"), "---\nname: Jane Doe\n---\n")
  }

  func testAFilterNestedTooDeepIsAUsageError() throws {
    let deep = "crm: the filter nests 'not' and parentheses deeper than 64 levels\n"
    assertRun(try crm("contact", "list", String(repeating: "(", count: 5000) + "tag:vip" + String(repeating: ")", count: 5000)), status: 64, stderr: deep)
    assertRun(try run(CRMBinary.url.path, ["contact", "list"] + Array(repeating: "not", count: 3000) + ["tag:vip"], in: root), status: 64, stderr: deep)
    assertRun(try crm("contact", "list", String(repeating: "(", count: 64) + "tag:vip" + String(repeating: ")", count: 64)), status: 0)
  }

  func testValuesAndNegatedTermsThatStartWithADash() throws {
    try crm("contact", "add", "Carl Cold", "--tag", "Cold")
    try crm("contact", "add", "Jane")
    XCTAssertEqual(try crm("log", "note", "jane", "-m", "- Ask about the Contract").status, 0)
    XCTAssertEqual(try crm("log", "note", "jane", "-m", "-Call back Monday").status, 0)
    XCTAssertEqual(try crm("log", "note", "jane", "-m", "-C").status, 0)
    assertRun(try crm("activity", "list", "--fields", "notes", "--format", "tsv", "--sort", "id"), status: 0,
      stdout: "- Ask about the Contract\n-Call back Monday\n-C\n")
    assertRun(try crm("contact", "list", "-tag:Cold", "--format", "ids"), status: 0, stdout: "jane\njane-doe\n")
    assertRun(try crm("contact", "list", "--format", "ids", "-name~Carl"), status: 0, stdout: "jane\njane-doe\n")
    assertRun(try crm("contact", "edit", "jane", "--title", "-Chief"), status: 0, stderr: "updated contacts/jane.md\n")
    XCTAssertTrue(try read("contacts/jane.md").contains("title: -Chief\n"))
  }

  func testEveryWayToGiveAnEmailKeepsOneOwnerAndAStrictForm() throws {
    try crm("contact", "add", "Bob", "--email", "bob@x.example")
    try crm("contact", "add", "Carl")
    let taken = "crm: email 'bob@x.example' already belongs to bob (Bob)\nhint: each address lives on one contact; see 'crm contact show bob'\n"
    assertRun(try crm("contact", "edit", "carl", "--set", "emails=bob@x.example"), status: 1, stderr: taken)
    assertRun(try crm("contact", "add", "Dan", "--set", "emails=bob@x.example"), status: 1, stderr: taken)
    for address in ["[q@y.example]", "a,b@y.example", "a;b@y.example", "\"a\"@y.example"] {
      assertRun(try crm("contact", "add", "Q", "--email", address), status: 64, stderr: "crm: '\(address)' is not an email address\n")
    }
    assertRun(try crm("check"), status: 0, stdout: "ok: 3 records, no problems\n")
  }

  func testCatchUpCommitsOnlyWhatCrmWroteAsItWroteIt() throws {
    _ = try git("init", "-q")
    _ = try git("add", "-A")
    _ = try git("commit", "-qm", "the repo")
    try crm("contact", "add", "Jane")
    try crm("contact", "add", "Bob")
    try write(".git/index.lock", "")
    XCTAssertEqual(try crm("contact", "edit", "jane", "--title", "Boss").status, 75)
    XCTAssertEqual(try crm("contact", "edit", "bob", "--title", "Chief").status, 75)
    try FileManager.default.removeItem(at: root.appendingPathComponent(".git/index.lock"))
    // Jane's file is edited by hand after crm wrote it: that edit is the user's to commit.
    try write("contacts/jane.md", try read("contacts/jane.md") + "my private hand note\n")
    let check = try crm("check")
    XCTAssertEqual(check.status, 0, check.stderr)
    XCTAssertEqual(try git("status", "--porcelain"), " M contacts/jane.md\n")
    XCTAssertEqual(try git("show", "--stat", "--format=", "HEAD"), " contacts/bob.md | 1 +\n 1 file changed, 1 insertion(+)\n")
  }

  func testLocalStateIsNeverReadOrWrittenThroughALinkOrAFIFO() throws {
    let elsewhere = root.appendingPathComponent("elsewhere")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    try? FileManager.default.removeItem(at: root.appendingPathComponent(".crm/local"))
    try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent(".crm/local").path, withDestinationPath: elsewhere.path)
    let linked = try crm("log", "note", "x", "-m", "hi")
    XCTAssertNotEqual(linked.status, 0)
    assertRun(try crm("contact", "add", "L2"), status: 65,
      stderr: "crm: .crm/local: is a symbolic link (to \(elsewhere.path)): crm never reads or writes outside the repo\n")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path), [])
    try FileManager.default.removeItem(at: root.appendingPathComponent(".crm/local"))
    // A FIFO where crm keeps a file is refused, never waited on.
    try FileManager.default.createDirectory(at: root.appendingPathComponent(".crm/local"), withIntermediateDirectories: true)
    XCTAssertEqual(mkfifo(root.appendingPathComponent(".crm/local/uncommitted").path, 0o644), 0)
    assertRun(try crm("contact", "add", "F"), status: 73, stderr: "crm: .crm/local/uncommitted: No such device or address\n")
    try FileManager.default.removeItem(at: root.appendingPathComponent(".crm/local/uncommitted"))
    let config = root.appendingPathComponent(".crm/config.yaml")
    try FileManager.default.removeItem(at: config)
    XCTAssertEqual(mkfifo(config.path, 0o644), 0)
    assertRun(try crm("contact", "list"), status: 65, stderr: "crm: .crm/config.yaml: is not a regular file\n")
  }
}
