import Dispatch

/// A CRM repo on disk: its root, its config, and how records are found, loaded and written.
public struct Repository: Sendable {
  /// The absolute path of the folder that holds `.crm/`.
  public let root: String
  public let config: Config
  /// Use `.crm/cache/` to skip parsing files that did not change (`--no-cache` turns it off).
  public var cacheEnabled = true
  /// What tickets' SLA clocks are read against when a load fills in derived values; nil
  /// leaves them out. Set by whoever knows the moment and the zone (the command line).
  public var sla: SLAContext?
  /// Why the cache is not used whatever `cacheEnabled` says: `.crm/cache` is a symbolic link.
  /// It only costs speed, so crm goes on without it (the CLI warns).
  public let cacheRefused: CRMError?
  /// What the write in progress changed, for automation rules (see `writing`).
  let trail = WriteTrail()

  /// Opens the repo at `root` (which must hold `.crm/`, not a link to one) and reads its config.
  public init(root: String) throws(CRMError) {
    self.root = root
    try FileSystem.refuseLinks(in: ".crm", under: root)
    do {
      try FileSystem.refuseLinks(in: ".crm/cache", under: root)
      cacheRefused = nil
    } catch {
      cacheRefused = error
      cacheEnabled = false
    }
    let configPath = root + "/" + Config.path
    if FileSystem.exists(configPath) {
      let bytes: [UInt8]
      do { bytes = try FileSystem.contents(of: configPath) } catch { throw error.located(in: Config.path) }
      config = try Config(bytes: bytes)
    } else {
      config = Config()
    }
  }

  /// Finds the repo as git finds `.git`: `explicit` (`-C`/`--repo`) first, then `$CRM_DIR`,
  /// then the nearest ancestor of `directory` that has `.crm/`.
  public static func discover(explicit: String?, environment: [String: String], directory: String) throws(CRMError)
    -> Repository
  {
    let hint = "run 'crm init' to make one here, or point at one with -C DIR"
    for (given, source) in [(explicit, "-C"), (environment["CRM_DIR"], "CRM_DIR")] {
      guard let given, !given.isEmpty else { continue }
      let path = given.hasPrefix("/") ? given : directory + "/" + given
      guard let real = FileSystem.realPath(path), FileSystem.isDirectory(real + "/.crm") else {
        throw CRMError(.notFound, "not a crm repo: '\(given)' (from \(source))", hint: hint)
      }
      return try Repository(root: real)
    }
    var current = FileSystem.realPath(directory) ?? directory
    while true {
      if FileSystem.isDirectory(current + "/.crm") { return try Repository(root: current) }
      guard let slash = current.lastIndex(of: "/"), current != "/" else { break }
      current = slash == current.startIndex ? "/" : String(current[..<slash])
    }
    throw CRMError(.notFound, "not a crm repo (or any parent up to /): '\(directory)'", hint: hint)
  }

  /// What `crm init` did.
  public struct InitResult: Sendable {
    public let root: String
    public let alreadyExisted: Bool
    public let gitInitialised: Bool
    /// The files it made, relative to `root`.
    public let created: [String]
    /// Why the files it made are not committed, when git refused.
    public let commitWarning: String?
  }

  /// Makes the layout of SPEC §2, a commented config, `.crm/.gitignore`, `.gitattributes`, a
  /// `.gitignore` for the temporary files of interrupted writes, and runs `git init` unless
  /// `git` is false or git is missing. Existing files are never touched, and nothing is made
  /// through a symbolic link.
  /// What it made is committed when it made the git repo or autocommit is on, so a clone is
  /// a crm repo too.
  public static func initialize(at directory: String, git: Bool) throws(CRMError) -> InitResult {
    let existed = FileSystem.isDirectory(directory + "/.crm")
    for folder in [".crm/hooks"] + RecordType.allCases.map(\.folder) { try FileSystem.refuseLinks(in: folder, under: directory) }
    try FileSystem.makeDirectories(directory + "/.crm/hooks")
    for type in RecordType.allCases { try FileSystem.makeDirectories(directory + "/" + type.folder) }
    var files = [
      (Config.path, Config.initialText),
      (".crm/.gitignore", "# Rebuildable or per-machine: never committed.\ncache/\nlock\nrejected/\n"),
      (".gitattributes", "# Records are text with LF line ends on every system; diffs name the heading a change is under.\n*.md text eol=lf diff=markdown\n"),
      (".gitignore", "# What a crm write that was interrupted leaves; crm check --fix removes it.\n.*\(FileSystem.temporaryMarker)*\n"),
    ]
    // Keep the empty record folders in git so a fresh clone has the full layout.
    for type in RecordType.allCases where FileSystem.list(directory + "/" + type.folder).isEmpty {
      files.append((type.folder + "/.gitkeep", ""))
    }
    var created: [String] = []
    for (path, text) in files where !FileSystem.exists(directory + "/" + path) {
      try FileSystem.writeAtomically(Array(text.utf8), to: directory + "/" + path, replacing: nil)
      created.append(path)
    }
    var gitInitialised = false
    if git && !Git.isWorkTree(directory) {
      gitInitialised = Git.run(["init", "-q", directory])?.status == 0
    }
    let root = FileSystem.realPath(directory) ?? directory
    var commitWarning: String?
    if !created.isEmpty, Git.isWorkTree(root), gitInitialised || ((try? Repository(root: root))?.config.autocommit ?? false) {
      commitWarning = Git.commit(created, message: "crm init", in: root)
    }
    return InitResult(root: root, alreadyExisted: existed, gitInitialised: gitInitialised, created: created, commitWarning: commitWarning)
  }

  public func absolute(_ relative: String) -> String { root + "/" + relative }

  /// The absolute path of `relative`, a file in the repo, once none of the folders it is in
  /// is a symbolic link (one would lead out of the repo).
  public func inside(_ relative: String) throws(CRMError) -> String {
    try FileSystem.refuseLinks(in: String(relative[..<(relative.lastIndex(of: "/") ?? relative.startIndex)]), under: root)
    return absolute(relative)
  }

  /// The relative path of a record with this id (ids are validated slugs, so this never leaves the repo).
  public func path(of type: RecordType, id: String, month: CalendarDate? = nil) -> String {
    if type.isFiledByMonth, let month {
      return type.folder + "/" + pad(month.year, 4) + "/" + pad(month.month, 2) + "/" + id + ".md"
    }
    return type.folder + "/" + id + ".md"
  }

  /// Re-reads one record file, with the stamp a later replace checks against.
  public func read(_ record: Record) throws(CRMError) -> (file: FrontMatterFile, stamp: FileStamp) { try read(record.path) }

  /// Reads the record file at a path relative to the root.
  public func read(_ path: String) throws(CRMError) -> (file: FrontMatterFile, stamp: FileStamp) {
    let file = try inside(path)
    do {
      let (bytes, stamp) = try FileSystem.contentsWithStamp(of: file)
      return (try FrontMatterFile(bytes: bytes), stamp)
    } catch {
      throw error.located(in: path)
    }
  }
}
