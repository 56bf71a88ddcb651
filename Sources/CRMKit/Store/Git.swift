/// The little crm asks of git: is this a work tree, are there conflicts, commit these paths.
public enum Git {
  /// Whether `directory` or an ancestor holds `.git` (a folder, or a file for worktrees).
  public static func isWorkTree(_ directory: String) -> Bool {
    var current = FileSystem.realPath(directory) ?? directory
    while true {
      if FileSystem.exists(current + "/.git") { return true }
      guard let slash = current.lastIndex(of: "/"), current != "/" else { return false }
      current = slash == current.startIndex ? "/" : String(current[..<slash])
    }
  }

  /// Whether git tracks `path` (relative to `root`); nil when git could not say.
  public static func isTracked(_ path: String, in root: String) -> Bool? {
    guard let output = Subprocess.run(["git", "-C", root, "ls-files", "--", path]), output.status == 0 else { return nil }
    return !output.stdout.isEmpty
  }

  /// Refuses writes while a merge or rebase left unmerged paths: a write then could bury a conflict.
  public static func ensureNoConflicts(in root: String) throws(CRMError) {
    guard let output = Subprocess.run(["git", "-C", root, "ls-files", "--unmerged"]), output.status == 0 else {
      return
    }
    let paths = Set(output.stdout.split(separator: "\n").compactMap { $0.split(separator: "\t").last.map(String.init) })
    guard paths.isEmpty else {
      throw CRMError(
        .failed, "the repo has unresolved git merge conflicts in \(paths.sorted().joined(separator: ", "))",
        hint: "resolve them and commit (git add, git commit), then run crm again")
    }
  }

  /// Commits exactly `paths` (relative to `root`) with `message`; never `git add .`.
  /// Returns a warning when git failed, since the files were written all the same.
  public static func commit(_ paths: [String], message: String, in root: String) -> String? {
    guard !paths.isEmpty else { return nil }
    guard let add = Subprocess.run(["git", "-C", root, "add", "-A", "--"] + paths) else {
      return "git is not installed; the change was not committed"
    }
    guard add.status == 0 else { return "git add failed: " + add.stderr.trimmingSpaces }
    guard let commit = Subprocess.run(["git", "-C", root, "commit", "-q", "--no-verify", "-m", message, "--"] + paths),
      commit.status == 0
    else {
      return "git commit failed; the change is written but not committed"
    }
    return nil
  }
}
