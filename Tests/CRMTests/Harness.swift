import Foundation
import XCTest

/// Runs the built `crm` binary on temporary repos.
struct Run {
  let status: Int32
  let stdout: String
  let stderr: String
}

enum CRMBinary {
  /// `$CRM_BINARY` when set (scripts/test runs these tests against the release build that
  /// users install), else `.build/<config>/crm`, next to the test bundle.
  static var url: URL {
    if let binary = ProcessInfo.processInfo.environment["CRM_BINARY"], !binary.isEmpty {
      return URL(fileURLWithPath: binary, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).absoluteURL
    }
    var folder = Bundle(for: Probe.self).bundleURL.deletingLastPathComponent()
    if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("crm").path) {
      folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }
    return folder.appendingPathComponent("crm")
  }

  static var packageRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  private final class Probe {}
}

/// A fresh temporary repo per test, with a fixed clock and git identity.
class CRMTestCase: XCTestCase {
  var root: URL!

  override func setUpWithError() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("crm-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: root)
  }

  var environment: [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["CRM_NOW"] = "2026-11-22T14:30:00Z"
    env["GIT_AUTHOR_NAME"] = "Test"
    env["GIT_AUTHOR_EMAIL"] = "test@example.com"
    env["GIT_COMMITTER_NAME"] = "Test"
    env["GIT_COMMITTER_EMAIL"] = "test@example.com"
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["HOME"] = root.path
    env.removeValue(forKey: "CRM_DIR")
    env["NO_COLOR"] = "1"
    env["TZ"] = "UTC"  // local times (and a date's midnight) read the same on every machine
    return env
  }

  @discardableResult
  func crm(_ arguments: String..., in directory: URL? = nil, env extra: [String: String] = [:], stdin: String? = nil) throws -> Run {
    try run(CRMBinary.url.path, Array(arguments), in: directory ?? root, env: extra, stdin: stdin)
  }

  func run(_ program: String, _ arguments: [String], in directory: URL, env extra: [String: String] = [:], stdin: String? = nil)
    throws -> Run
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = environment.merging(extra) { $1 }
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
    let stderrData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
      stderr: String(decoding: stderrData, as: UTF8.self))
  }

  /// Runs `crm` on a pseudo-terminal (through util-linux `script`), as a person at a terminal
  /// would: its stdout and stderr both arrive in `stdout`, with plain line breaks.
  func crmOnTerminal(_ arguments: [String], env extra: [String: String] = [:]) throws -> Run {
    let command = ([CRMBinary.url.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    let result = try run("/usr/bin/script", ["-qec", command.joined(separator: " "), "/dev/null"], in: root, env: extra)
    return Run(status: result.status, stdout: result.stdout.replacingOccurrences(of: "\r\n", with: "\n"), stderr: result.stderr)
  }

  /// Starts `crm` without waiting, for concurrency and crash tests.
  func start(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = CRMBinary.url
    process.arguments = arguments
    process.currentDirectoryURL = root
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }

  func git(_ arguments: String...) throws -> String {
    try run("/usr/bin/env", ["git"] + arguments, in: root).stdout
  }

  func write(_ path: String, _ text: String) throws {
    let url = root.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  func read(_ path: String) throws -> String {
    try String(decoding: Data(contentsOf: root.appendingPathComponent(path)), as: UTF8.self)
  }

  /// Writes an executable script at `path` (default: in `.crm/`) and returns its absolute path.
  func script(_ name: String, _ text: String, in folder: String = ".crm") throws -> String {
    try write(folder + "/" + name, text)
    let url = root.appendingPathComponent(folder + "/" + name)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    return url.path
  }

  /// A realistic repo of `total` records (scripts/generate-repo), without its config.
  func generateRepo(_ folder: URL, total: Int, seed: Int = 7, tickets: Int = 0) throws {
    let script = CRMBinary.packageRoot.appendingPathComponent("scripts/generate-repo").path
    let result = try run(script, [folder.path, "--total", String(total), "--seed", String(seed), "--tickets", String(tickets)], in: root)
    XCTAssertEqual(result.status, 0, result.stderr)
  }

  /// Dates every record file and the config an hour back, so the caches keep them (they
  /// leave out files changed in the last two seconds).
  func age(repo: URL? = nil) throws {
    let repo: URL = repo ?? root
    let enumerator = FileManager.default.enumerator(at: repo, includingPropertiesForKeys: nil)
    while let url = enumerator?.nextObject() as? URL {
      guard url.pathExtension == "md" else { continue }
      try age(file: url)
    }
    try age(file: repo.appendingPathComponent(".crm/config.yaml"))
  }

  func age(file: URL) throws {
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: file.path)
  }

  func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) }

  /// An initialised repo without git, unless asked, with the clone id pinned.
  func initRepo(git: Bool = false) throws {
    let result = git ? try crm("init") : try crm("init", "--no-git")
    XCTAssertEqual(result.status, 0, result.stderr)
    try pinCloneID()
  }

  /// The clone id every test repo has, so the activities it logs get known ids.
  static let cloneID = "k3x9"

  /// Gives the repo at `folder` (default: the test's) the clone id `id`.
  func pinCloneID(_ id: String = cloneID, in folder: String = "") throws {
    let local = (folder.isEmpty ? "" : folder + "/") + ".crm/local/"
    try write(local + ".gitignore", "*\n")  // as crm makes it: the folder is never committed
    try write(local + "clone-id", id + "\n")
  }

  func assertRun(
    _ result: Run, status: Int32, stdout: String? = nil, stderr: String? = nil, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(result.status, status, "stderr: \(result.stderr)", file: file, line: line)
    if let stdout { XCTAssertEqual(result.stdout, stdout, file: file, line: line) }
    if let stderr { XCTAssertEqual(result.stderr, stderr, file: file, line: line) }
  }
}
