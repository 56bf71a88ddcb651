import ArgumentParser
import CRMKit

struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Make a new crm repo (or check an existing one is complete).",
    discussion: """
      Creates the record folders, a commented .crm/config.yaml and .crm/.gitignore, and runs 'git init' unless --no-git or git is missing. Running it again changes nothing that exists.

      Example:
        crm init ~/clients
      """)

  @Argument(help: "Where to make the repo (default: here).", completion: .directory)
  var directory: String = "."

  @Flag(help: "Do not run 'git init'.")
  var noGit = false

  func run() throws {
    let result = try Repository.initialize(at: directory, git: !noGit)
    if result.alreadyExisted {
      Terminal.output("crm repo already exists in \(result.root); added only what was missing")
    } else {
      Terminal.output("initialised an empty crm repo in \(result.root)" + (result.gitInitialised ? " (with git)" : ""))
    }
  }
}
