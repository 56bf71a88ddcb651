import Foundation
import XCTest

/// The demo repo in examples/ stays valid and tells the story the README shows.
final class ExamplesTests: CRMTestCase {
  var examples: String { CRMBinary.packageRoot.appendingPathComponent("examples").path }

  /// The README's first command: every step of the demo works, with nothing on stderr.
  func testTheDemoScriptRuns() throws {
    let demo = CRMBinary.packageRoot.appendingPathComponent("scripts/demo").path
    let result = try run(demo, [], in: root, env: ["CRM_BINARY": CRMBinary.url.path])
    assertRun(result, status: 0, stderr: "")
    XCTAssertTrue(result.stdout.hasPrefix("\n$ crm check\nok: "), result.stdout)
    XCTAssertTrue(result.stdout.contains("\n$ crm pipeline\nLEAD (2)"), result.stdout)
  }

  func testDemoRepoPassesCheck() throws {
    let result = try crm("-C", examples, "check")
    assertRun(result, status: 0, stderr: "")
    XCTAssertTrue(result.stdout.hasPrefix("ok: "), result.stdout)
  }

  func testDemoAgendaAndPipeline() throws {
    let day = ["CRM_NOW": "2026-11-22T09:00:00Z"]
    assertRun(
      try crm("-C", examples, "agenda", "--format", "tsv", env: day), status: 0,
      stdout: """
        overdue\ttask\task-sam-for-an-intro-to-hank\tAsk Sam for an intro to Hank's boss\t2026-11-18\t-4
        overdue\ttask\tcall-ana-about-payment-terms\tCall Ana about payment terms\t2026-11-21\t-1
        due\ttask\tchase-umbrella-legal-review\tChase Umbrella legal review\t2026-11-22\t0
        sla\tticket\t20261120-1600-checkout-page-times-out\tCheckout page times out\t2026-11-20\t-2
        closing\tdeal\tmuller-sohne-fleet-tracking\tMüller & Söhne fleet tracking\t2026-11-15\t-7
        stale\tdeal\tmuller-sohne-fleet-tracking\tMüller & Söhne fleet tracking\t2026-09-25\t-58
        stale\tdeal\tglobex-energy-audit\tGlobex energy audit\t2026-10-19\t-34

        """)
    assertRun(
      try crm("-C", examples, "agenda", env: day), status: 0,
      stdout: """
        Overdue (2)
          2026-11-18  4 days late   ask-sam-for-an-intro-to-hank           Ask Sam for an intro to Hank's boss  low  sam-taylor
          2026-11-21  1 day late    call-ana-about-payment-terms           Call Ana about payment terms         high  ana-silva  northwind-erp-integration

        Due today (1)
          2026-11-22  today         chase-umbrella-legal-review            Chase Umbrella legal review          high  umbrella-contact  umbrella-health-compliance-review

        Tickets breaching their SLA or due today (1)
          2026-11-20  2 days late   20261120-1600-checkout-page-times-out  Checkout page times out              urgent  jane-doe  response 40h over  resolution 33h over

        Deals past their expected close (1)
          2026-11-15  7 days late   muller-sohne-fleet-tracking            Müller & Söhne fleet tracking        proposal  31,500.00 EUR

        Deals with no activity for 30+ days (2)
          2026-09-25  58 days idle  muller-sohne-fleet-tracking            Müller & Söhne fleet tracking        proposal  31,500.00 EUR
          2026-10-19  34 days idle  globex-energy-audit                    Globex energy audit                  qualified  8,500.00 USD

        """)
    // Open deals per stage and currency; won and lost deals are not in the pipeline.
    assertRun(
      try crm("-C", examples, "pipeline", "--format", "tsv", env: day), status: 0,
      stdout: """
        lead\t10\tUSD\t2\t124500\t12450
        qualified\t25\tJPY\t1\t2400000\t600000
        qualified\t25\tUSD\t1\t8500\t2125
        proposal\t50\tEUR\t2\t44000\t22000
        negotiation\t75\tEUR\t2\t84000\t65400

        """)
  }

  func testSampleEmailsImportIntoACopy() throws {
    _ = try run("/bin/cp", ["-R", examples + "/.", root.path], in: root)
    try pinCloneID()
    assertRun(try crm("log", "email", "--eml", "mail/juergen-questions.eml"), status: 0, stdout: "20261120-0742-email-jurgen-muller-k3x9\n")
    assertRun(try crm("log", "email", "--eml", "mail/jane-reply.eml"), status: 0, stdout: "20261121-1605-email-jane-doe-k3x9\n")
    let text = try read("activities/2026/11/20261121-1605-email-jane-doe-k3x9.md")
    XCTAssertTrue(text.contains("contacts: [jane-doe, john-smith]\ndirection: out\nsubject: \"Re: Website proposal v2\"\n"), text)
    XCTAssertTrue(try read("activities/2026/11/20261120-0742-email-jurgen-muller-k3x9.md").contains("subject: Angebot Flottenverfolgung – Rückfragen\n"))
    assertRun(try crm("log", "email", "--eml", "mail/jane-reply.eml"), status: 1)
    assertRun(try crm("check"), status: 0)
  }

  func testDemoTimelineAndLastContacted() throws {
    let day = ["CRM_NOW": "2026-11-22T09:00:00Z"]
    let timeline = try crm("-C", examples, "timeline", "northwind", "--format", "tsv", env: day)
    assertRun(timeline, status: 0)
    let rows = timeline.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
    XCTAssertGreaterThan(rows.count, 5)
    XCTAssertEqual(rows.map { String($0[0]) }, rows.map { String($0[0]) }.sorted(by: >), "newest first")
    XCTAssertTrue(rows.contains { $0[2] == "northwind-erp-integration" && $0[3] == "stage proposal -> negotiation" })
    let stale = try crm("-C", examples, "contact", "list", "status:customer", "last_contacted<-90d", "--format", "ids", env: day)
    assertRun(stale, status: 0)
    let all = try crm("-C", examples, "contact", "list", "status:customer", "--fields", "id,last_contacted", "--format", "tsv", env: day)
    let old = all.stdout.split(separator: "\n").filter { line in
      let date = line.split(separator: "\t", omittingEmptySubsequences: false)[1]
      return !date.isEmpty && date < "2026-08-24"
    }.map { String($0.split(separator: "\t")[0]) + "\n" }.joined()
    XCTAssertEqual(stale.stdout, old, "the filter agrees with the listed dates")
  }
}
