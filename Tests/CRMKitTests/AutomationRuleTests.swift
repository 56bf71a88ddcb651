import XCTest

@testable import CRMKit

/// The `automation:` section: rules read from the config, templates, and what an action links to.
final class AutomationRuleTests: XCTestCase {
  func rules(_ text: String) throws -> [AutomationRule] { try Config(bytes: Array(text.utf8)).automation }

  func testRulesReadTheirTriggerFilterAndActions() throws {
    let read = try rules(
      """
      automation:
        - name: new lead
          on: contact.created
          if: "status:lead"
          do: [{task: {title: "Call {{name}}", due: +1d, priority: high}}, {tag: [new, web]}]
        - name: stale
          every: week
          for: deal
          do: {notify: "{{title}} is stale"}

      """)
    XCTAssertEqual(read.map(\.name), ["new lead", "stale"])
    XCTAssertEqual(read[0].trigger, .event(.contact, .created))
    XCTAssertEqual(read[0].filter?.text, "status:lead")
    XCTAssertEqual(read[0].actions.map(\.name), ["task", "tag"])
    XCTAssertEqual(read[1].trigger, .every(.week, .deal))
    XCTAssertEqual(read[1].actions.map(\.name), ["notify"])
    XCTAssertEqual(read[1].location.description, ".crm/config.yaml:6:5")
  }

  func testTemplatesArePlainTextOfTheRecordsFields() throws {
    let template = try Template("Call {{name}} <{{emails}}> at {{company}}{{missing}} ({{{title}}})", at: SourceLocation(path: Config.path))
    let jane = record(.contact, "jane-doe", "name: Jane & Co\nemails: [a@x.example, b@x.example]\ncompany: acme\n")
    XCTAssertEqual(template.render(jane), "Call Jane & Co <a@x.example, b@x.example> at acme (Jane & Co)")
    XCTAssertEqual(template.names, ["name", "emails", "company", "missing", "title"])
    XCTAssertThrowsError(try Template("{{#open}}", at: SourceLocation(path: Config.path)))
  }

  func testTasksAndActivitiesLinkToTheRecordOrWhatItNames() {
    let deal = record(.deal, "big", "title: Big\nstage: lead\ncontacts: [ann, bob]\n")
    XCTAssertEqual(Automation.links(of: deal, for: .task), [Field("contact", .string("ann")), Field("deal", .string("big"))])
    XCTAssertEqual(Automation.links(of: deal, for: .activity), [Field("contacts", .list([.string("ann")])), Field("deal", .string("big"))])
    let ticket = record(.ticket, "t1", "title: T\ncontact: ann\n")
    XCTAssertEqual(Automation.links(of: ticket, for: .activity), [Field("contacts", .list([.string("ann")])), Field("ticket", .string("t1"))])
    let company = record(.company, "acme", "name: Acme\n")
    XCTAssertEqual(Automation.links(of: company, for: .activity), [Field("company", .string("acme"))])
  }
}
