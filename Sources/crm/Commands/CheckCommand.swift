import ArgumentParser
import CRMKit

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Validate every file and reference in the repo, like git fsck.",
    discussion: """
      Prints one problem per line as path:line:column: reason, sorted by path, and exits 65 if there are any: parse errors, invalid fields, ids that do not match file names, references to missing records, an email on two contacts, leftover temporary files, records in sub-folders. In a git repo it also warns when git does not track .crm/config.yaml.

      Files crm wrote but could not commit (git failed, or crm was stopped between writing and committing) are committed first, when autocommit is on. Files you edited by hand are never committed by crm.

      --fix first removes the temporary files that interrupted writes left behind (it takes the write lock, so no write is under way) and names each one on stderr.

      Example:
        crm check || echo "fix the files above"
      """)

  @Option(help: "Output format: table (problem lines) or json.")
  var format: OutputFormat = .table

  @Flag(help: "Remove the temporary files that interrupted writes left behind, then check.")
  var fix = false

  @OptionGroup var store: StoreOptions

  func validate() throws {
    guard format == .table || format == .json else { throw ValidationError("check supports --format table or json, not '\(format.rawValue)'") }
  }

  func run() throws {
    let session = try Session(store)
    let repo = session.repo
    if fix {
      for path in try repo.removeLeftovers(lockTimeout: session.lockTimeout) { Terminal.message("removed \(path)") }
    }
    let waiting = repo.uncommitted()
    if !waiting.isEmpty {
      try session.write { ([], "crm check: commit what earlier crm runs wrote") }
      let left = Set(repo.uncommitted())
      let committed = waiting.filter { !left.contains($0) }
      if !committed.isEmpty { Terminal.message("committed what an earlier crm run wrote: " + committed.joined(separator: ", ")) }
    }
    let (problems, count) = Check.run(repo, keep: Session.keepUntilExit)
    if Git.isWorkTree(repo.root), Git.isTracked(Config.path, in: repo.root) == false {
      Terminal.warn("\(Config.path) is not tracked by git: a clone of this repo will not be a crm repo")
      Terminal.message("hint: git add .crm && git commit -m 'crm config'")
    }
    if format == .json {
      let items = problems.map { p in
        JSON.object([
          ("path", .string(p.location?.path ?? "")), ("line", p.location?.mark.map { .integer($0.line) } ?? .null),
          ("column", p.location?.mark.map { .integer($0.column) } ?? .null), ("message", .string(p.message)),
        ])
      }
      Terminal.output("{\"records\":\(count),\"problems\":[" + items.joined(separator: ",") + "]}")
    } else {
      Terminal.write(problems.map { Terminal.visible($0.description) + "\n" }.joined())
    }
    if problems.isEmpty {
      if format == .table { Terminal.output("ok: \(count) record\(count == 1 ? "" : "s"), no problems") }
    } else {
      Terminal.message("\(problems.count) problem\(problems.count == 1 ? "" : "s") in the repo")
      throw ExitCode(65)
    }
  }
}
