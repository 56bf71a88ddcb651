import Crypto

/// Which repos' hooks the user has said may run: a file outside every repo,
/// `$XDG_CONFIG_HOME/crm/trust` (else `~/.config/crm/trust`), a line per hook file: the repo's
/// path, the hook's name and the SHA-256 of its bytes, tab-separated. A hook runs only while
/// its bytes are the ones trusted, so a pull that changes it needs `crm trust` again, as
/// direnv and mise do. (No setting in config.yaml runs a program, so only hook files count.)
public struct HookTrust: Sendable {
  /// The trust file; nil when there is neither `$XDG_CONFIG_HOME` nor `$HOME` to keep it in.
  public let path: String?

  /// The trust file the environment names.
  public init(environment: [String: String]) {
    if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
      path = config + "/crm/trust"
    } else if let home = environment["HOME"], home.hasPrefix("/") {
      path = home + "/.config/crm/trust"
    } else {
      path = nil
    }
  }

  /// A hook file and the SHA-256 of what it holds now, hex.
  public struct Fingerprint: Sendable, Equatable {
    public let name: String
    public let sha256: String
  }

  /// The repo's hooks as they are now.
  public static func fingerprints(of repo: Repository) throws(CRMError) -> [Fingerprint] {
    var prints: [Fingerprint] = []
    for (name, path) in Hooks.present(in: repo).sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
      let bytes: [UInt8]
      do { bytes = try FileSystem.contents(of: repo.absolute(path)) } catch { throw error.located(in: path) }
      prints.append(Fingerprint(name: name.rawValue, sha256: SHA256.hash(data: bytes).map { byte in hex(byte) }.joined()))
    }
    return prints
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
  }

  /// Why the repo's hooks may not run, or nil when every one is trusted as it is now.
  public func distrust(of repo: Repository) -> String? {
    guard let path else { return "there is no $HOME or $XDG_CONFIG_HOME to keep trust in" }
    let prints: [Fingerprint]
    do { prints = try Self.fingerprints(of: repo) } catch { return error.description }
    let trusted = Set(lines().filter { $0.root == repo.root }.map { $0.name + "\t" + $0.sha256 })
    let changed = prints.filter { !trusted.contains($0.name + "\t" + $0.sha256) }.map(\.name)
    guard !changed.isEmpty else { return nil }
    let anyTrusted = lines().contains { $0.root == repo.root }
    let what = changed.map { Hooks.folder + "/" + $0 }.joined(separator: " and ")
    return (anyTrusted ? "\(what) changed since 'crm trust'" : "this repo is not trusted") + " (" + path.inOneLine + ")"
  }

  /// Records the repo's hooks as they are now, in place of what was trusted for it before.
  public func trust(_ repo: Repository) throws(CRMError) -> [Fingerprint] {
    guard let path else {
      throw CRMError(.usage, "there is no $HOME or $XDG_CONFIG_HOME to keep trust in", hint: "set XDG_CONFIG_HOME to a folder of yours")
    }
    let prints = try Self.fingerprints(of: repo)
    let kept = lines().filter { $0.root != repo.root }
    let all = kept.map { ($0.root, $0.name, $0.sha256) } + prints.map { (repo.root, $0.name, $0.sha256) }
    let text = all.map { "\($0.0)\t\($0.1)\t\($0.2)\n" }.joined()
    let folder = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
    try FileSystem.makeDirectories(folder)
    do {
      try FileSystem.replace(path, with: Array(("# Repos whose hooks crm runs: path, hook, SHA-256. Written by 'crm trust'.\n" + text).utf8))
    } catch {
      throw error.location == nil ? error.located(in: path) : error
    }
    return prints
  }

  /// Forgets what was trusted for the repo.
  public func revoke(_ repo: Repository) throws(CRMError) {
    guard let path, FileSystem.exists(path) else { return }
    let text = lines().filter { $0.root != repo.root }.map { "\($0.root)\t\($0.name)\t\($0.sha256)\n" }.joined()
    try FileSystem.replace(path, with: Array(("# Repos whose hooks crm runs: path, hook, SHA-256. Written by 'crm trust'.\n" + text).utf8))
  }

  private func lines() -> [(root: String, name: String, sha256: String)] {
    guard let path, let bytes = try? FileSystem.contents(of: path) else { return [] }
    return String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
      guard !line.hasPrefix("#") else { return nil }
      let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      return parts.count == 3 ? (parts[0], parts[1], parts[2]) : nil
    }
  }
}
