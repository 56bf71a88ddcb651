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
}
