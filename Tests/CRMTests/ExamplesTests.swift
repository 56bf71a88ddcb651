import Foundation
import XCTest

/// The demo repo in examples/ stays valid and tells the story the README shows.
final class ExamplesTests: CRMTestCase {
  var examples: String { CRMBinary.packageRoot.appendingPathComponent("examples").path }

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
        closing\tdeal\tmuller-sohne-fleet-tracking\tMüller & Söhne fleet tracking\t2026-11-15\t-7
        stale\tdeal\tmuller-sohne-fleet-tracking\tMüller & Söhne fleet tracking\t2026-09-25\t-58
        stale\tdeal\tglobex-energy-audit\tGlobex energy audit\t2026-10-19\t-34

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
}
