import Foundation
import XCTest

/// scripts/generate-repo, which makes the test and benchmark repos.
final class GenerateRepoTests: CRMTestCase {
  /// Every file, by path under `folder`, with its text.
  func contents(of folder: URL) throws -> [String: String] {
    var result: [String: String] = [:]
    for path in FileManager.default.subpaths(atPath: folder.path) ?? [] where path.hasSuffix(".md") {
      result[path] = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }
    return result
  }

  func testTheSameSeedGivesTheSameValidRepo() throws {
    let first = root.appendingPathComponent("first")
    try generateRepo(first, total: 400)
    let files = try contents(of: first)
    XCTAssertEqual(files.count, 400)
    XCTAssertEqual(
      ["contacts/", "companies/", "deals/", "activities/"].map { folder in files.keys.filter { $0.hasPrefix(folder) }.count },
      [100, 20, 40, 240])
    XCTAssertTrue(files.keys.allSatisfy { $0.hasPrefix("activities/") ? $0.split(separator: "/").count == 4 : true })
    XCTAssertTrue(files.values.contains { $0.contains("\nhistory:\n  - stage: lead\n") })
    XCTAssertTrue(files.values.contains { $0.unicodeScalars.contains { $0.value > 0x7F } })

    try crm("init", "--no-git", first.path)
    assertRun(try crm("-C", first.path, "check"), status: 0, stdout: "ok: 400 records, no problems\n", stderr: "")

    let second = root.appendingPathComponent("second")
    try generateRepo(second, total: 400)
    XCTAssertEqual(try contents(of: second), files)
    let other = root.appendingPathComponent("other")
    try generateRepo(other, total: 400, seed: 8)
    XCTAssertNotEqual(try contents(of: other), files)
  }

  func testTicketsTakeTheirShareFromTheActivitiesAndLeaveTheRestAlone() throws {
    let plain = root.appendingPathComponent("plain")
    try generateRepo(plain, total: 400)
    let withTickets = root.appendingPathComponent("tickets")
    try generateRepo(withTickets, total: 400, tickets: 10)
    let (before, after) = (try contents(of: plain), try contents(of: withTickets))
    XCTAssertEqual(after.keys.filter { $0.hasPrefix("tickets/") }.count, 40)
    XCTAssertEqual(after.keys.filter { $0.hasPrefix("activities/") }.count, 200)
    for folder in ["contacts/", "companies/", "deals/"] {
      XCTAssertEqual(before.filter { $0.key.hasPrefix(folder) }, after.filter { $0.key.hasPrefix(folder) }, folder)
    }
    let statuses = Set(after.filter { $0.key.hasPrefix("tickets/") }.values.compactMap { text in
      text.split(separator: "\n").first { $0.hasPrefix("status: ") }.map(String.init)
    })
    XCTAssertEqual(statuses, ["status: open", "status: pending", "status: resolved", "status: closed"])
    try crm("init", "--no-git", withTickets.path)
    assertRun(try crm("-C", withTickets.path, "check"), status: 0, stdout: "ok: 400 records, no problems\n", stderr: "")
  }

  func testUsage() throws {
    let script = CRMBinary.packageRoot.appendingPathComponent("scripts/generate-repo").path
    let usage = "usage: scripts/generate-repo DIR [--total N] [--seed S] [--tickets P]\n"
    assertRun(try run(script, [], in: root), status: 64, stdout: "", stderr: usage)
    assertRun(try run(script, ["x", "--total", "many"], in: root), status: 64, stdout: "", stderr: usage)
    assertRun(try run(script, ["x", "--size", "3"], in: root), status: 64, stdout: "", stderr: usage)
  }
}
