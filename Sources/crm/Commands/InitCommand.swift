import ArgumentParser
import CRMKit

struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Make a new crm repo (or check an existing one is complete).",
    discussion: """
      Creates the record folders, a commented .crm/config.yaml, .crm/.gitignore and .gitattributes, and runs 'git init' unless --no-git or git is missing. What it created is committed when it made the git repo, or when the repo is in git and autocommit is on, so a clone is a crm repo too. Running it again changes nothing that exists. With -C DIR, it works as if started in DIR, as git does.

      Example:
        crm init ~/clients
      """)

  @Argument(help: "Where to make the repo (default: here).", completion: .directory)
  var directory: String = "."

  @Flag(help: "Do not run 'git init'.")
  var noGit = false

  /// -C DIR works as in `git -C DIR init`: as if crm were started in DIR.
  @OptionGroup var store: StoreOptions

  func run() throws {
    let base = store.repo.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    let target = directory.hasPrefix("/") ? directory : (base ?? "") + directory
    let result = try Repository.initialize(at: target, git: !noGit)
    if result.alreadyExisted {
      Terminal.output("crm repo already exists in \(result.root); added only what was missing")
    } else {
      Terminal.output("initialised an empty crm repo in \(result.root)" + (result.gitInitialised ? " (with git)" : ""))
    }
    if let warning = result.commitWarning {
      Terminal.warn(warning)
      Terminal.message("hint: commit .crm/ yourself, or a clone of the repo will not be a crm repo")
    }
  }
}
