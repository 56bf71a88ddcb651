/// The little crm asks of git: is this a work tree, are there conflicts, commit these paths.
public enum Git {
  /// Runs git on the repo at `root` (or, without one, where `arguments` say). The variables
  /// that point git at a repository are left out, as git itself does when it works on
  /// another repo: git sets them for its hooks, and a hook that runs crm must not send crm's
  /// commits into the hook's repository.
  public static func run(_ arguments: [String], in root: String? = nil) -> Subprocess.Output? {
    Subprocess.run(["git"] + (root.map { ["-C", $0] } ?? []) + arguments, removing: repositoryVariables)
  }

  /// `git rev-parse --local-env-vars`, and GIT_NAMESPACE.
  static let repositoryVariables: Set<String> = [
    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_OBJECT_DIRECTORY",
    "GIT_DIR", "GIT_WORK_TREE", "GIT_IMPLICIT_WORK_TREE", "GIT_GRAFT_FILE", "GIT_INDEX_FILE", "GIT_NO_REPLACE_OBJECTS",
    "GIT_REPLACE_REF_BASE", "GIT_PREFIX", "GIT_INTERNAL_SUPER_PREFIX", "GIT_SHALLOW_FILE", "GIT_COMMON_DIR", "GIT_NAMESPACE",
  ]

  /// Whether `directory` or an ancestor holds `.git` (a folder, or a file for worktrees):
  /// where `run` finds the repository, since it ignores GIT_DIR and GIT_WORK_TREE.
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
    guard let output = run(["ls-files", "--", path], in: root), output.status == 0 else { return nil }
    return !output.stdout.isEmpty
  }

  /// Refuses writes while a merge or rebase left unmerged paths: a write then could bury a conflict.
  public static func ensureNoConflicts(in root: String) throws(CRMError) {
    guard let output = run(["ls-files", "--unmerged"], in: root), output.status == 0 else {
      return
    }
    let paths = Set(output.stdout.split(separator: "\n").compactMap { $0.split(separator: "\t").last.map(String.init) })
    guard paths.isEmpty else {
      throw CRMError(
        .failed, "the repo has unresolved git merge conflicts in \(paths.sorted().joined(separator: ", "))",
        hint: "resolve them and commit (git add, git commit), then run crm again")
    }
  }

  /// Which of `paths` differ from what is committed (changed, new or removed); nil when git
  /// could not say.
  static func changed(_ paths: [String], in root: String) -> [String]? {
    guard let output = run(["status", "--porcelain", "-z", "--untracked-files=all", "--"] + paths, in: root), output.status == 0
    else { return nil }
    // Each entry is `XY path`; a rename adds its old path as the next entry.
    return output.stdout.split(separator: "\0").compactMap { entry in
      entry.count > 3 ? String(entry.dropFirst(3)) : nil
    }.filter(paths.contains)
  }

  /// Commits exactly `paths` (relative to `root`) with `message`; never `git add .`.
  /// Returns why git failed, since the files were written all the same.
  public static func commit(_ paths: [String], message: String, in root: String) -> String? {
    guard !paths.isEmpty else { return nil }
    guard let add = run(["add", "-A", "--"] + paths, in: root) else {
      return "git is not installed; the change is written but not committed"
    }
    guard add.status == 0 else { return "git add failed; the change is written but not committed: " + firstLine(add.stderr) }
    guard let commit = run(["commit", "-q", "--no-verify", "-m", message, "--"] + paths, in: root) else {
      return "git is not installed; the change is written but not committed"
    }
    guard commit.status == 0 else {
      return "git commit failed; the change is written but not committed: " + firstLine(commit.stderr + commit.stdout)
    }
    return nil
  }

  private static func firstLine(_ text: String) -> String {
    String(text.trimmingSpaces.split(separator: "\n").first ?? "").trimmingSpaces
  }
}
