import Foundation
import XCTest

/// Help screens, `crm help filters` and the man pages, as users read them.
final class HelpTests: CRMTestCase {
  func testHelpFiltersPrintsTheFilterLanguage() throws {
    let topic = try crm("help", "filters")
    assertRun(topic, status: 0, stderr: "")
    XCTAssertTrue(topic.stdout.hasPrefix("FILTERS\n\n"), topic.stdout)
    for part in ["field!=a,b      equal to none of the values", "has:field", "COMBINING TERMS", "in 3 days", "last_contacted"] {
      XCTAssertTrue(topic.stdout.contains(part), part)
    }
    // argument-parser's help subcommand still answers for commands.
    let command = try crm("help", "contact", "add")
    assertRun(command, status: 0)
    XCTAssertTrue(command.stdout.hasPrefix("OVERVIEW: Add a contact and print its new id."), command.stdout)
    XCTAssertTrue(try crm("--help").stdout.contains("'crm help filters' describes them."))
  }

  func testTheFilterGuidesErrorIsTheOneCrmGives() throws {
    try initRepo()
    let error = try crm("contact", "list", "score>high")
    assertRun(error, status: 64, stdout: "", stderr: "crm: bad filter term 'score>high': 'high' is not a number\n")
    XCTAssertTrue(try crm("help", "filters").stdout.contains("  $ crm contact list 'score>high'\n  " + error.stderr))
  }

  /// argument-parser wraps every paragraph to the terminal itself: a line broken by hand
  /// comes out ragged. Only examples (indented lines) keep their line breaks, and they fit
  /// an 80-column terminal and a man page's indent.
  func testHelpParagraphsAreOneLineAndExamplesFit() throws {
    for (command, discussion) in try discussions() {
      let lines = discussion.components(separatedBy: "\n")
      for (i, line) in lines.enumerated() {
        if line.hasPrefix(" ") {
          XCTAssertLessThanOrEqual(line.count, 75, "\(command): \(line)")
        } else if !line.isEmpty, i + 1 < lines.count {
          let next = lines[i + 1]
          XCTAssertTrue(next.isEmpty || next.hasPrefix(" "), "\(command): a paragraph wrapped by hand: \(line)")
        }
      }
    }
    for line in try crm("help", "filters").stdout.components(separatedBy: "\n") {
      XCTAssertLessThanOrEqual(line.count, line.hasPrefix(" ") ? 75 : 80, line)
    }
  }

  func testHelpNeverCitesTheSpec() throws {
    let help = try crm("--experimental-dump-help")
    XCTAssertEqual(help.status, 0)
    XCTAssertFalse(help.stdout.contains("SPEC"))
    XCTAssertFalse(help.stdout.contains("§"))
  }

  /// Every command's discussion, by command path, from argument-parser's dump of the CLI.
  func discussions() throws -> [(String, String)] {
    let dump = try crm("--experimental-dump-help")
    let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
    var result: [(String, String)] = []
    func walk(_ command: [String: Any], _ path: String) {
      let path = path + (path.isEmpty ? "" : " ") + (command["commandName"] as? String ?? "?")
      if let discussion = command["discussion"] as? String { result.append((path, discussion)) }
      for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub, path) }
    }
    walk(try XCTUnwrap(json["command"] as? [String: Any]), "")
    XCTAssertGreaterThan(result.count, 30)
    return result
  }

  var manFolder: URL { CRMBinary.packageRoot.appendingPathComponent("man") }

  func manPages() throws -> [String: String] {
    let names = try FileManager.default.contentsOfDirectory(atPath: manFolder.path)
    return try Dictionary(uniqueKeysWithValues: names.map { ($0, try String(contentsOf: manFolder.appendingPathComponent($0), encoding: .utf8)) })
  }

  /// `man crm-contact-add` finds crm-contact-add.1, as `man git-remote` finds git-remote.1.
  func testManPagesAreNamedAsManFindsThemAndReferToEachOther() throws {
    let pages = try manPages()
    XCTAssertNotNil(pages["crm.1"])
    XCTAssertNotNil(pages["crm-contact-add.1"])
    XCTAssertNotNil(pages["crm-filters.7"])
    let name = try NSRegularExpression(pattern: "^crm(-[a-z-]+)?\\.[17]$")
    let reference = try NSRegularExpression(pattern: "^\\.Xr (\\S+) (\\d)", options: .anchorsMatchLines)
    for (file, text) in pages {
      XCTAssertNotNil(name.firstMatch(in: file, range: NSRange(file.startIndex..., in: file)), file)
      for match in reference.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        let target = (text as NSString).substring(with: match.range(at: 1)) + "." + (text as NSString).substring(with: match.range(at: 2))
        XCTAssertNotNil(pages[target], "\(file) refers to \(target)")
      }
    }
    XCTAssertTrue(pages["crm-contact-add.1"]?.contains(".Dt CRM-CONTACT-ADD 1\n") == true)
    XCTAssertTrue(pages["crm-contact-add.1"]?.hasSuffix(".Sh \"SEE ALSO\"\n.Xr crm-contact 1\n") == true)
    XCTAssertTrue(pages["crm-deal-list.1"]?.hasSuffix(".Xr crm-deal 1 ,\n.Xr crm-filters 7\n") == true)
    XCTAssertTrue(pages["crm-filters.7"]?.contains(".Xr crm-contact-list 1 ,\n") == true)
  }

  func testManPagesKeepUTF8AndExamples() throws {
    let page = try XCTUnwrap(try manPages()["crm-contact-add.1"])
    XCTAssertTrue(page.contains("The id is made from the name (Jürgen Müller → jurgen-muller; a clash gets -2).\n.Pp\nA name another contact already has is added too, with a note on stderr naming that contact.\n.Pp\nExamples:\n.Bd -literal"), page)
    XCTAssertTrue(try XCTUnwrap(try manPages()["crm-filters.7"]).contains("name~jurgen finds Jürgen\nMüller"))
  }

  func testEveryManPageListsCrmsExitCodes() throws {
    let status = """
      .Sh "EXIT STATUS"
      .Bl -tag -width 4n -compact
      .It 0
      ok
      .It 1
      failed (e.g. an ambiguous name)
      .It 64
      usage error
      .It 65
      bad data in the repo
      .It 66
      not found (or no repo)
      .It 73
      cannot write
      .It 75
      try again (the write lock was busy, or git could not commit a change: it is written, and the next commit or 'crm check' takes it along)
      .El

      """
    for (file, text) in try manPages() where file.hasSuffix(".1") {
      XCTAssertTrue(text.contains(status), file)
    }
  }
}
