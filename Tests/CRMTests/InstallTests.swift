import Foundation
import XCTest

/// `make install` and `make uninstall` (scripts/install), into a staging folder.
final class InstallTests: CRMTestCase {
  func files(under folder: URL) -> [String] {
    let base = folder.path + "/"
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    var result: [String] = []
    while let url = enumerator?.nextObject() as? URL {
      if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        result.append(String(url.path.dropFirst(base.count)))
      }
    }
    return result.sorted()
  }

  func testUninstallRemovesWhatInstallInstalled() throws {
    let stage = root.appendingPathComponent("stage")
    let script = CRMBinary.packageRoot.appendingPathComponent("scripts/install").path
    // CRM_BINARY: the crm under test, instead of a release build.
    let env = ["DESTDIR": stage.path, "CRM_BINARY": CRMBinary.url.path]
    assertRun(try run(script, ["/usr"], in: root, env: env), status: 0, stdout: "installed crm in \(stage.path)/usr/bin\n")
    let pages = try FileManager.default.contentsOfDirectory(atPath: CRMBinary.packageRoot.appendingPathComponent("man").path)
    let installed = files(under: stage)
    XCTAssertEqual(
      installed,
      (pages.map { "usr/share/man/man\($0.suffix(1))/\($0)" } + [
        "usr/bin/crm", "usr/share/bash-completion/completions/crm", "usr/share/fish/vendor_completions.d/crm.fish",
        "usr/share/zsh/site-functions/_crm",
      ]).sorted())
    XCTAssertTrue(installed.contains("usr/share/man/man1/crm-contact-add.1"))
    XCTAssertTrue(installed.contains("usr/share/man/man7/crm-filters.7"))
    XCTAssertEqual(try run(stage.path + "/usr/bin/crm", ["--version"], in: root).stdout, "0.1.0\n")
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/man") {
      let found = try run("/usr/bin/man", ["-w", "crm-contact-add"], in: root, env: ["MANPATH": stage.path + "/usr/share/man"])
      assertRun(found, status: 0, stdout: stage.path + "/usr/share/man/man1/crm-contact-add.1\n")
    }

    try write("stage/usr/share/man/man1/other.1", "someone else's page\n")
    assertRun(try run(script, ["--uninstall", "/usr"], in: root, env: ["DESTDIR": stage.path]), status: 0, stdout: "removed crm from \(stage.path)/usr\n")
    XCTAssertEqual(files(under: stage), ["usr/share/man/man1/other.1"])
  }
}
