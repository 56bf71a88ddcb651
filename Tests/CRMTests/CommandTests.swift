import Foundation
import XCTest

final class CommandTests: CRMTestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initRepo()
    try crm("company", "add", "Acme Corp", "--domain", "acme.example", "--tag", "key-account")
    try crm(
      "contact", "add", "Jane Doe", "--email", "jane@acme.example", "--phone", "0123", "--company", "acme",
      "--tag", "vip", "--status", "customer", "--set", "score=72", "--set", "linkedin=https://x.example/jane", "-m", "Met in Lisbon.")
    try crm("contact", "add", "Jürgen Müller", "--email", "j@m.example", "--tag", "vip", "--set", "score=15")
    try crm("contact", "add", "李伟", "--status", "lead")
  }

  var liWei: String { (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("contacts").path))?.first { !["jane-doe.md", "jurgen-muller.md", ".gitkeep"].contains($0) }?.replacingOccurrences(of: ".md", with: "") ?? "" }

  func testAddWritesACanonicalFileAndPrintsTheID() throws {
    XCTAssertEqual(
      try read("contacts/jane-doe.md"),
      """
      ---
      id: jane-doe
      name: Jane Doe
      emails: [jane@acme.example]
      phones: ["0123"]
      company: acme-corp
      tags: [vip]
      status: customer
      score: 72
      created: 2026-11-22T14:30:00Z
      updated: 2026-11-22T14:30:00Z
      linkedin: https://x.example/jane
      ---
      Met in Lisbon.

      """)
    XCTAssertTrue(liWei.range(of: "^[a-z0-9]{8}$", options: .regularExpression) != nil, liWei)
    assertRun(try crm("contact", "add", "Jane Doe"), status: 0, stdout: "jane-doe-2\n")
  }

  func testASecondRecordWithTheSameNameIsPointedOut() throws {
    assertRun(
      try crm("contact", "add", "Jane Doe"), status: 0, stdout: "jane-doe-2\n", stderr: "note: a contact named 'Jane Doe' exists: jane-doe\n")
    XCTAssertTrue(exists("contacts/jane-doe-2.md"))
    assertRun(
      try crm("contact", "add", " jane doe "), status: 0, stdout: "jane-doe-3\n",
      stderr: "note: a contact named 'Jane Doe' exists: jane-doe, jane-doe-2\n")
    assertRun(try crm("contact", "add", "Jane-Doe"), status: 0, stdout: "jane-doe-4\n", stderr: "")  // another name, the same slug
    assertRun(
      try crm("company", "add", "Acme Corp"), status: 0, stdout: "acme-corp-2\n", stderr: "note: a company named 'Acme Corp' exists: acme-corp\n")
    assertRun(try crm("company", "add", "Globex"), status: 0, stdout: "globex\n", stderr: "")
  }

  func testAddErrors() throws {
    assertRun(
      try crm("contact", "add", "X", "--email", "jane@acme.example"), status: 1,
      stderr: "crm: email 'jane@acme.example' already belongs to jane-doe (Jane Doe)\nhint: each address lives on one contact; see 'crm contact show jane-doe'\n")
    assertRun(try crm("contact", "add", "X", "--email", "nope"), status: 64, stderr: "crm: 'nope' is not an email address\n")
    assertRun(
      try crm("contact", "add", "X", "--status", "vip"), status: 64,
      stderr: "crm: 'status' must be one of lead, prospect, customer, former, not 'vip'\n")
    assertRun(try crm("contact", "add", "X", "--set", "score=lots"), status: 64, stderr: "crm: 'score' must be a whole number, not 'lots'\n")
    assertRun(try crm("contact", "add", "X", "--set", "nokey"), status: 64, stderr: "crm: --set needs key=value, not 'nokey'\n")
    assertRun(try crm("contact", "add", "X", "--set", "id=x"), status: 64, stderr: "crm: --set cannot change 'id': crm keeps it\n")
    assertRun(try crm("contact", "add", "  "), status: 64, stderr: "crm: the name is empty\n")
    let wrongFlag = try crm("contact", "add", "X", "--colour", "red")
    XCTAssertEqual(wrongFlag.status, 64)
    XCTAssertTrue(wrongFlag.stderr.hasPrefix("crm: unknown option '--colour'\nhint: did you mean '--color'?\n"), wrongFlag.stderr)
    XCTAssertFalse(exists("contacts/x.md"))
  }

  func testListFormats() throws {
    assertRun(
      try crm("contact", "list", "tag:vip", "--fields", "id,name,score"), status: 0,
      stdout: "ID             NAME           SCORE\njane-doe       Jane Doe       72\njurgen-muller  Jürgen Müller  15\n")
    assertRun(
      try crm("contact", "list", "tag:vip", "--format", "tsv", "--fields", "id,emails,tags"), status: 0,
      stdout: "jane-doe\tjane@acme.example\tvip\njurgen-muller\tj@m.example\tvip\n")
    assertRun(
      try crm("contact", "list", "name~jane", "--format", "csv", "--fields", "id,name,notes"), status: 0,
      stdout: "id,name,notes\r\njane-doe,Jane Doe,Met in Lisbon.\r\n")
    assertRun(try crm("contact", "list", "--format", "ids", "--sort=-score", "--limit", "2"), status: 0, stdout: "jane-doe\njurgen-muller\n")
    assertRun(
      try crm("contact", "list", "score>50", "--format", "json"), status: 0,
      stdout: """
        [
          {"id":"jane-doe","type":"contact","name":"Jane Doe","emails":["jane@acme.example"],"phones":["0123"],"company":"acme-corp","tags":["vip"],"status":"customer","score":72,"created":"2026-11-22T14:30:00Z","updated":"2026-11-22T14:30:00Z","linkedin":"https://x.example/jane","activity_count":0}
        ]

        """)
    assertRun(
      try crm("contact", "list", "jurgen", "--format", "ndjson"), status: 64,
      stderr: "crm: bad filter term 'jurgen': no field and operator\nhint: write field:value, field>value or field~text, e.g. name~jurgen\n")
    assertRun(
      try crm("contact", "list", "name~jurgen", "--format", "ndjson", "--fields", "id,score"), status: 0,
      stdout: "{\"id\":\"jurgen-muller\",\"score\":15}\n")
    assertRun(
      try crm("contact", "list", "name~jurgen", "--format", "yaml", "--fields", "id,name,emails"), status: 0,
      stdout: "- id: jurgen-muller\n  name: Jürgen Müller\n  emails: [j@m.example]\n")
    assertRun(try crm("contact", "list", "tag:nothing", "--format", "json"), status: 0, stdout: "[]\n")
    // An empty result is an empty YAML list, not no output.
    for arguments in [["contact", "list", "tag:nothing"], ["task", "list"], ["agenda"], ["timeline", "jane-doe"], ["find", "nothing-like-this"]] {
      assertRun(try run(CRMBinary.url.path, arguments + ["--format", "yaml"], in: root), status: 0, stdout: "[]\n", stderr: "")
    }
  }

  func testTheBodyIsTheNotesField() throws {
    try write("contacts/jurgen-muller.md", try read("contacts/jurgen-muller.md") + "\nFirst line.\nSecond, \"quoted\".\n\n")
    let list = ["contact", "list", "tag:vip", "--fields", "id,notes"]
    assertRun(try crm(list), status: 0, stdout: "ID             NOTES\njane-doe       Met in Lisbon.\njurgen-muller  First line. Second, \"quoted\".\n")
    assertRun(try crm(list + ["--format", "csv"]), status: 0,
      stdout: "id,notes\r\njane-doe,Met in Lisbon.\r\njurgen-muller,\"First line.\nSecond, \"\"quoted\"\".\"\r\n")
    assertRun(try crm(list + ["--format", "tsv"]), status: 0, stdout: "jane-doe\tMet in Lisbon.\njurgen-muller\tFirst line.\\nSecond, \"quoted\".\n")
    assertRun(try crm(list + ["--format", "json"]), status: 0,
      stdout: "[\n  {\"id\":\"jane-doe\",\"notes\":\"Met in Lisbon.\"},\n  {\"id\":\"jurgen-muller\",\"notes\":\"First line.\\nSecond, \\\"quoted\\\".\"}\n]\n")
    assertRun(try crm("contact", "list", "has:notes", "--fields", "id,notes", "--format", "tsv", "--sort", "-notes"), status: 0,
      stdout: "jane-doe\tMet in Lisbon.\njurgen-muller\tFirst line.\\nSecond, \"quoted\".\n")
    assertRun(try crm("contact", "list", "-has:notes", "--format", "ids"), status: 0, stdout: liWei + "\n")
  }

  func testCSVQuotingFollowsRFC4180() throws {
    try crm("company", "add", "Quote \"Co\", Ltd", "--address", "1 Road\nTown")
    assertRun(
      try crm("company", "list", "name~quote", "--format", "csv", "--fields", "name,address"), status: 0,
      stdout: "name,address\r\n\"Quote \"\"Co\"\", Ltd\",\"1 Road\nTown\"\r\n")
    assertRun(
      try crm("company", "list", "name~quote", "--format", "tsv", "--fields", "name,address"), status: 0,
      stdout: "Quote \"Co\", Ltd\t1 Road\\nTown\n")
  }

  func testListUsageErrors() throws {
    let unknown = try crm("contact", "list", "colour:red")
    XCTAssertEqual(unknown.status, 64)
    XCTAssertTrue(unknown.stderr.hasPrefix("crm: unknown field 'colour' in filter term 'colour:red'\nhint: contact fields: activity_count, company, converted_at, created, emails, id, last_contacted, linkedin, name"), unknown.stderr)
    assertRun(try crm("contact", "list", "updated>soon"), status: 64,
      stderr: "crm: bad filter term 'updated>soon': 'soon' is not a date\nhint: dates are YYYY-MM-DD, today, tomorrow, a weekday (friday, next friday), +3d, +2 weeks, -1m, in 3 days, next week or next month\n")
    XCTAssertTrue(try crm("contact", "list", "--sort", "age").stderr.hasPrefix("crm: unknown field 'age' in --sort\n"))
    XCTAssertTrue(try crm("contact", "list", "--fields", "id,age").stderr.hasPrefix("crm: unknown field 'age' in --fields\n"))
    let format = try crm("contact", "list", "--format", "xml")
    XCTAssertEqual(format.status, 64)
    XCTAssertTrue(format.stderr.contains("'xml'"), format.stderr)
    assertRun(try crm("contact", "list", "--limit", "-1"), status: 64)
  }

  func testBadFilesAreNamedAndTheRestStillListed() throws {
    let good = ["jane-doe", "jurgen-muller", liWei].sorted()
    try write("contacts/broken.md", "---\nname: Broken\nname: Twice\n---\n")
    try write("contacts/notes.md", "just text\n")
    assertRun(
      try crm("contact", "list", "--format", "ids"), status: 65,
      stdout: good.map { $0 + "\n" }.joined(),
      stderr: "crm: contacts/broken.md:3:1: duplicate key 'name'\ncrm: contacts/notes.md:1:1: missing front matter: the file must start with a '---' line\n")
    // A write never touches a file it cannot parse.
    let before = try read("contacts/broken.md")
    assertRun(
      try crm("contact", "edit", "broken", "--set", "title=x"), status: 65,
      stderr: "crm: contacts/broken.md:3:1: duplicate key 'name'\nhint: crm does not change a file it cannot read; fix it by hand, then try again\n")
    XCTAssertEqual(try read("contacts/broken.md"), before)
  }

  func testShow() throws {
    assertRun(
      try crm("contact", "show", "jane@acme.example"), status: 0,
      stdout: """
        Jane Doe  (contact jane-doe)
          emails          jane@acme.example
          phones          0123
          company         acme-corp (Acme Corp)
          tags            vip
          status          customer
          score           72
          created         2026-11-22T14:30:00Z
          updated         2026-11-22T14:30:00Z
          linkedin        https://x.example/jane
          activity_count  0

        Met in Lisbon.

        """)
    assertRun(
      try crm("company", "show", "acme"), status: 0,
      stdout: """
        Acme Corp  (company acme-corp)
          domain   acme.example
          tags     key-account
          created  2026-11-22T14:30:00Z
          updated  2026-11-22T14:30:00Z

        Contacts (1)
          jane-doe  Jane Doe  jane@acme.example

        """)
    let json = try crm("contact", "show", "jurgen-muller", "--format", "json")
    XCTAssertEqual(
      json.stdout,
      "{\"id\":\"jurgen-muller\",\"type\":\"contact\",\"name\":\"Jürgen Müller\",\"emails\":[\"j@m.example\"],\"tags\":[\"vip\"],\"score\":15,\"created\":\"2026-11-22T14:30:00Z\",\"updated\":\"2026-11-22T14:30:00Z\",\"activity_count\":0,\"body\":\"\",\"customer\":{\"open_tickets\":[],\"past_tickets\":0,\"purchases\":[],\"lifetime_value\":[],\"open_deals\":[],\"recent_activities\":[],\"open_tasks\":[]}}\n")
    assertRun(
      try crm("contact", "show", "nobody"), status: 66,
      stderr: "crm: no contact 'nobody'\nhint: give an id, a unique id prefix, an email, or the exact name; 'crm contact list' shows them\n")
    try crm("contact", "add", "Jane Roe")
    assertRun(
      try crm("contact", "show", "jane"), status: 1,
      stderr: "crm: 'jane' could be several contacts:\n  jane-doe  Jane Doe\n  jane-roe  Jane Roe\nhint: name one by its id\n")
  }

  func testEditFlags() throws {
    assertRun(
      try crm("contact", "edit", "jane-doe", "--add-tag", "referral", "--remove-tag", "vip", "--email", "jd@acme.example",
        "--unset", "linkedin", "--title", "CEO"),
      status: 0, stderr: "updated contacts/jane-doe.md\n")
    let text = try read("contacts/jane-doe.md")
    XCTAssertTrue(text.contains("emails: [jane@acme.example, jd@acme.example]\n"))
    XCTAssertTrue(text.contains("tags: [referral]\n"))
    XCTAssertTrue(text.contains("title: CEO\n"))
    XCTAssertFalse(text.contains("linkedin"))
    assertRun(try crm("contact", "edit", "jane-doe", "--title", "CEO"), status: 0, stderr: "jane-doe: nothing changed\n")
    assertRun(try crm("contact", "edit", "jane-doe", "--unset", "name"), status: 64, stderr: "crm: --unset cannot remove 'name': every contact needs one\n")
    assertRun(
      try crm("contact", "edit", "jurgen", "--company", "Globex"), status: 66,
      stderr: "crm: no company 'Globex'\nhint: pass --create-company to create it, or see 'crm company list'\n")
    assertRun(try crm("contact", "edit", "jurgen", "--company", "Globex", "--create-company"), status: 0)
    XCTAssertTrue(try read("contacts/jurgen-muller.md").contains("company: globex\n"))
    XCTAssertTrue(exists("companies/globex.md"))
    assertRun(try crm("company", "edit", "acme", "--industry", "retail"), status: 0, stderr: "updated companies/acme-corp.md\n")
  }

  func testEditorSavesAValidEdit() throws {
    let editor = try script("editor.sh", "#!/bin/sh\nsed -i 's/^status: customer/status: former/' \"$1\"\n")
    assertRun(try crmOnTerminal(["contact", "edit", "jane-doe"], env: ["EDITOR": editor, "VISUAL": ""]), status: 0, stdout: "updated contacts/jane-doe.md\n")
    XCTAssertTrue(try read("contacts/jane-doe.md").contains("status: former\n"))
    let untouched = try script("noop.sh", "#!/bin/sh\nexit 0\n")
    assertRun(try crmOnTerminal(["contact", "edit", "jane-doe"], env: ["EDITOR": untouched]), status: 0, stdout: "jane-doe: nothing changed\n")
    let failing = try script("fail.sh", "#!/bin/sh\nexit 3\n")
    assertRun(
      try crmOnTerminal(["contact", "edit", "jane-doe"], env: ["EDITOR": failing]), status: 1,
      stdout: "crm: the editor '\(failing)' exited with status 3; nothing was changed\n")
  }

  func testEditorResultThatIsInvalidIsKeptNotLost() throws {
    let before = try read("contacts/jane-doe.md")
    let editor = try script("editor.sh", "#!/bin/sh\nsed -i 's/^score: 72/score: lots/' \"$1\"\necho 'my precious note' >> \"$1\"\n")
    // On a terminal it offers to edit again; no answer (end of input) means no.
    assertRun(
      try crmOnTerminal(["contact", "edit", "jane-doe"], env: ["EDITOR": editor]), status: 65,
      stdout: "crm: contacts/jane-doe.md:9:8: 'score' must be a whole number, not 'lots'\nEdit again? [y/N] "
        + "crm: contacts/jane-doe.md:9:8: 'score' must be a whole number, not 'lots'\nhint: your text is kept in .crm/rejected/jane-doe-20261122143000.md; fix it there and copy it back, or run the edit again\n")
    XCTAssertEqual(try read("contacts/jane-doe.md"), before)
    XCTAssertTrue(try read(".crm/rejected/jane-doe-20261122143000.md").contains("my precious note"))
  }

  func testEditWithoutChangesNeedsATerminal() throws {
    let before = try read("contacts/jane-doe.md")
    let editor = try script("editor.sh", "#!/bin/sh\necho changed >> \"$1\"\n")
    let refused = "crm: contact edit jane-doe without changes opens an editor, which needs a terminal\nhint: give the changes as flags (--set key=value, --unset key), or run it in a terminal\n"
    // Not even vi is started when stdin is no terminal (cron, a pipe, </dev/null) ...
    assertRun(try crm("contact", "edit", "jane-doe", env: ["EDITOR": "", "VISUAL": ""]), status: 64, stdout: "", stderr: refused)
    assertRun(try crm("contact", "edit", "jane-doe", env: ["EDITOR": editor]), status: 64, stdout: "", stderr: refused)
    // ... or when stdout is not one.
    let piped = try run("/usr/bin/script", ["-qec", "'\(CRMBinary.url.path)' contact edit jane-doe | cat", "/dev/null"], in: root, env: ["EDITOR": editor])
    XCTAssertEqual(piped.stdout.replacingOccurrences(of: "\r\n", with: "\n"), refused)
    XCTAssertEqual(try read("contacts/jane-doe.md"), before)
    for noun in ["company", "deal", "task", "activity"] {
      let result = try crm(noun, "edit", "nobody-at-all")
      XCTAssertEqual(result.status, 66, "an unknown \(noun) is not found first: \(result.stderr)")
    }
    assertRun(try crm("company", "edit", "acme"), status: 64,
      stderr: refused.replacingOccurrences(of: "contact edit jane-doe", with: "company edit acme-corp"))
  }

  func testRemove() throws {
    assertRun(
      try crm("company", "rm", "acme"), status: 1,
      stderr: "crm: company 'acme-corp' is referenced by 1 record: contacts/jane-doe.md\nhint: change those references first, or pass --force to leave them dangling\n")
    assertRun(
      try crm("contact", "rm", "jurgen"), status: 64,
      stderr: "crm: refusing to remove 'jurgen-muller' without confirmation\nhint: pass --yes to remove it\n")
    assertRun(try crm("contact", "rm", "jurgen", "--yes"), status: 0, stderr: "removed contacts/jurgen-muller.md\n")
    XCTAssertFalse(exists("contacts/jurgen-muller.md"))
    assertRun(try crm("company", "rm", "acme", "--yes", "--force"), status: 0)
    let check = try crm("check")
    assertRun(check, status: 65, stdout: "contacts/jane-doe.md:6:10: 'company' names a company that does not exist: 'acme-corp'\n",
      stderr: "1 problem in the repo\n")
  }

  func testFind() throws {
    assertRun(
      try crm("find", "lisbon"), status: 0,
      stdout: "TYPE     ID        TITLE     FIELD\ncontact  jane-doe  Jane Doe  notes\n")
    assertRun(try crm("find", "acme.example", "--format", "ids"), status: 0, stdout: "jane-doe\nacme-corp\n")
    assertRun(try crm("find", "MULLER", "--format", "tsv"), status: 0, stdout: "contact\tjurgen-muller\tJürgen Müller\tid\n")
    assertRun(try crm("find", "nothing-like-this"), status: 0, stdout: "")
  }

  func testCheckListsEveryProblemSortedByPath() throws {
    try write("contacts/a-dup.md", "---\nname: Dup\nemails: [jane@acme.example]\ncompany: ghost\nBadKey: 1\n---\n")
    try write("contacts/b-alias.md", "---\nname: &n Bob\nalias: *n\n---\n")
    try write("contacts/c-id.md", "---\nid: other\nname: C\n---\n")
    try write("contacts/d-conflict.md", "---\nname: D\n<<<<<<< HEAD\ntitle: x\n=======\ntitle: y\n>>>>>>> b\n---\n")
    try write("companies/e-score.md", "---\nname: E\ncreated: yesterday\n---\n")
    try write("companies/.f.md.crm-tmp-123-abc", "partial")
    let check = try crm("check")
    assertRun(
      check, status: 65,
      stdout: """
        companies/.f.md.crm-tmp-123-abc: leftover temporary file from an interrupted write; crm check --fix removes it
        companies/e-score.md:3:10: 'created' must be a timestamp like 2026-11-22T14:30:00Z, not 'yesterday'
        contacts/a-dup.md:4:10: 'company' names a company that does not exist: 'ghost'
        contacts/a-dup.md:5:9: key 'BadKey' is not lower_snake_case
        contacts/b-alias.md:2:7: YAML anchors are not allowed ('&n')
        contacts/c-id.md:2:5: id 'other' does not match the file name 'c-id'
        contacts/d-conflict.md:3:1: unresolved git conflict marker '<<<<<<<'
        contacts/jane-doe.md:4:9: email 'jane@acme.example' is also on contacts/a-dup.md

        """,
      stderr: "8 problems in the repo\n")
    let json = try crm("check", "--format", "json")
    XCTAssertEqual(json.status, 65)
    XCTAssertTrue(json.stdout.hasPrefix("{\"records\":5,\"problems\":[{\"path\":\"companies/.f.md.crm-tmp-123-abc\",\"line\":null,\"column\":null,"), json.stdout)
  }

  func testCompletionScriptsAreCurrentAndIDsComplete() throws {
    for (shell, file) in [("bash", "crm.bash"), ("zsh", "_crm"), ("fish", "crm.fish")] {
      let generated = try crm("--generate-completion-script", shell).stdout
      let committed = try String(decoding: Data(contentsOf: CRMBinary.packageRoot.appendingPathComponent("completions/" + file)), as: UTF8.self)
      XCTAssertEqual(generated, committed, "completions/\(file) is stale: run scripts/docs")
    }
    let ids = try crm("---completion", "contact", "show", "--", "positional@0", "3", "1", "crm", "contact", "show", "j")
    // 李伟's id is random and may start with a j too.
    XCTAssertEqual(ids.stdout, (["jane-doe", "jurgen-muller"] + [liWei].filter { $0.hasPrefix("j") }).sorted().map { $0 + "\n" }.joined())
  }

  func testSmallUsageErrors() throws {
    assertRun(
      try crm("contact", "add", "X", env: ["CRM_NOW": "noon"]), status: 64,
      stderr: "crm: CRM_NOW is not a timestamp or date: 'noon'\nhint: e.g. CRM_NOW=2026-11-22T09:00:00Z\n")
    assertRun(try crm("contact", "edit", "jane-doe", "--name", " "), status: 64, stderr: "crm: --name is empty\n")
    assertRun(try crm("company", "edit", "acme", "--name", ""), status: 64, stderr: "crm: --name is empty\n")
    assertRun(try crm("company", "add", ""), status: 64, stderr: "crm: the name is empty\n")
    assertRun(try crm("find", " "), status: 64, stderr: "crm: find needs some text to look for\n")
    assertRun(
      try crm("contact", "edit", "jane-doe", "--unset", "created"), status: 64, stderr: "crm: --unset cannot change 'created': crm keeps it\n")
    let check = try crm("check", "--format", "csv")
    XCTAssertEqual(check.status, 64)
    XCTAssertTrue(check.stderr.contains("check supports --format table or json, not 'csv'"), check.stderr)
  }

  func testConfigErrorsNameTheLine() throws {
    let cases = [
      ("stale_after: soon\n", "crm: .crm/config.yaml:1:14: 'stale_after' must be a number of days\n"),
      ("git:\n  autocommit: maybe\n", "crm: .crm/config.yaml:2:15: 'git.autocommit' must be true or false\n"),
      ("pipeline: []\n", "crm: .crm/config.yaml:1:11: 'pipeline' must be a list of stages\n"),
      ("pipeline:\n  - stage: Won Big\n", "crm: .crm/config.yaml:2:5: each pipeline stage needs 'stage: name' (lowercase letters, digits, dashes)\n"),
      ("pipeline:\n  - stage: won\n    probability: 120\n", "crm: .crm/config.yaml:3:18: stage 'won': 'probability' must be 0 to 100\n"),
      ("pipeline:\n  - stage: won\n    outcome: yes\n", "crm: .crm/config.yaml:3:14: stage 'won': 'outcome' must be open, won or lost\n"),
      ("a: &x 1\n", "crm: .crm/config.yaml:1:4: YAML anchors are not allowed ('&x')\n"),
      ("timezone: Mars/Base\n", "crm: .crm/config.yaml:1:11: 'timezone' must be a time zone name like Europe/Berlin, not 'Mars/Base'\n"),
      ("timezone: zone.tab\n", "crm: .crm/config.yaml:1:11: 'timezone' must be a time zone name like Europe/Berlin, not 'zone.tab'\n"),
      ("timezone: [Europe/Berlin]\n", "crm: .crm/config.yaml:1:11: 'timezone' must be a time zone name like Europe/Berlin\n"),
    ]
    for (text, message) in cases {
      try write(".crm/config.yaml", text)
      assertRun(try crm("contact", "list"), status: 65, stderr: message)
    }
  }

  func testVersionAndHelp() throws {
    assertRun(try crm("--version"), status: 0, stdout: "0.1.0\n")
    let help = try crm("contact", "add", "--help")
    XCTAssertTrue(help.stdout.contains("crm contact add \"Jane Doe\" --email jane@acme.example"))
  }

  func testAnAddressRepeatedOnOneContactIsNoClash() throws {
    try write("contacts/val.md", "---\nname: Val\nemails:\n  - val@x.example\n  - val@x.example\n---\n")
    assertRun(try crm("check"), status: 0, stdout: "ok: 5 records, no problems\n")
  }

  private func crm(_ arguments: [String]) throws -> Run { try run(CRMBinary.url.path, arguments, in: root) }
}
