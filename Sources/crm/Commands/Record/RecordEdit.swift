import ArgumentParser
import CRMKit

#if canImport(Glibc)
  import Glibc
#endif

/// The field flags every `edit` has.
struct EditOptions: ParsableArguments {
  @Option(name: .customLong("set"), parsing: .unconditionalSingleValue, help: ArgumentHelp("Set any field, custom ones too.", valueName: "key=value"))
  var assignments: [String] = []

  @Option(help: ArgumentHelp("Remove a field.", valueName: "key"))
  var unset: [String] = []

  @Option(name: [.customLong("add-tag"), .customLong("tag")], help: ArgumentHelp("Add a tag.", valueName: "tag"))
  var addTag: [String] = []

  @Option(help: ArgumentHelp("Remove a tag.", valueName: "tag"))
  var removeTag: [String] = []

  @Flag(help: "Replace the record's file even if it is read-only.")
  var force = false

  func changes(_ type: RecordType, clock: CRMClock) throws(CRMError) -> [Change] {
    var changes = try FieldArguments.assignments(assignments, type: type, clock: clock).map { Change.set($0.key, $0.value) }
    for key in unset {
      let key = try FieldArguments.key(key, flag: "--unset", type: type)
      if type.fields.contains(where: { $0.key == key && $0.required }) {
        throw CRMError(.usage, "--unset cannot remove '\(key)': every \(type.rawValue) needs one")
      }
      changes.append(.unset(key))
    }
    changes += addTag.map { .add("tags", .string($0)) }
    changes += removeTag.map { .remove("tags", .string($0)) }
    return changes
  }
}

/// An edit worked out from its flags: the changes, and what a type must do under the lock.
struct RecordEditPlan {
  var changes: [Change]
  /// The types `prepare` needs loaded under the lock.
  var loading: Set<RecordType> = []
  /// Runs under the lock before the record changes: checks the repo as it is now (an address
  /// still free) and makes records the edit names (a new company), giving the files it wrote
  /// and the changes that name them.
  var prepare: ((Repository.Loaded) throws(CRMError) -> (written: [String], changes: [Change]))?
  /// Changes worked out from the record as it is under the lock (a deal's stage move), the
  /// key the commit message names them by, and a line to print once they are written; nil
  /// when the record needs none.
  var fromCurrent: ((Record) throws(CRMError) -> (changes: [Change], key: String, report: String)?)?

  /// Asks for nothing: the edit opens the editor instead.
  var isEmpty: Bool { changes.isEmpty && prepare == nil && fromCurrent == nil }
}

/// Applying field changes, or an editor session, to one record: shared by every `edit`.
enum RecordEditing {
  /// Applies `changes` to the record `who` names, commits, and says what changed; with no
  /// changes, opens the record in the editor (an `edit` without field flags).
  static func apply(_ changes: [Change], to who: String, type: RecordType, session: Session, loaded: Repository.Loaded, force: Bool) throws {
    try apply(RecordEditPlan(changes: changes), to: try Session.resolve(who, as: type, in: loaded), session: session, loaded: loaded, force: force)
  }

  /// Carries out `plan` on `record` under the lock, commits, and says what changed; an empty
  /// plan opens the record in the editor.
  static func apply(_ plan: RecordEditPlan, to record: Record, session: Session, loaded: Repository.Loaded, force: Bool) throws {
    let type = record.type
    guard !plan.isEmpty else { return try edit(record.id, type: type, session: session, loaded: loaded, force: force) }
    var updated: Record?
    var report: String?
    try session.write(loading: plan.loading) { current throws(CRMError) in
      try session.repo.checkNamed(in: plan.changes, of: type, found: loaded.index)
      let (written, named) = try plan.prepare?(current) ?? ([], [])
      let changes = plan.changes + named
      var keys = changes.map(\.key)
      updated = try session.repo.update(record, clock: session.clock, force: force) { now throws(CRMError) in
        guard let worked = try plan.fromCurrent?(now) ?? nil else { return changes }
        report = worked.report
        keys.append(worked.key)
        return changes + worked.changes
      }
      return (updated == nil ? [] : written + [record.path], "\(type.rawValue) edit \(record.id): \(keys.uniqued().joined(separator: ", "))")
    }
    if let report { Terminal.message(report) }
    Terminal.message(updated == nil ? "\(record.id): nothing changed" : "updated \(record.path)")
  }

  /// Opens the record in $VISUAL/$EDITOR (only on a terminal), validates the result, and saves it. An invalid
  /// result is offered for re-editing on a terminal; otherwise it is kept in `.crm/rejected/`
  /// and the command exits 65, so nothing the user typed is lost.
  static func edit(_ who: String, type: RecordType, session: Session, loaded: Repository.Loaded, force: Bool) throws {
    let record = try Session.resolve(who, as: type, in: loaded)
    // An editor needs a person at a terminal: a cron job or script must fail, never block.
    guard Environment.stdinIsTerminal && Environment.stdoutIsTerminal else {
      throw CRMError(
        .usage, "\(type.rawValue) edit \(record.id) without changes opens an editor, which needs a terminal",
        hint: "give the changes as flags (--set key=value, --unset key), or run it in a terminal")
    }
    let repo = session.repo
    try repo.checkReplaceable(record, force: force)
    let (file, stamp) = try repo.read(record)
    let scratch = try scratchFile(named: record.id + ".md", holding: file.bytes)
    defer { scratch.remove() }
    while true {
      try runEditor(on: scratch.path)
      // Read whole whatever its size: text too big for a record is refused below, and kept.
      let edited = try FileSystem.contents(of: scratch.path, limit: 1 << 30)
      if edited == file.bytes {
        Terminal.message("\(record.id): nothing changed")
        return
      }
      do throws(CRMError) {
        var result = try FrontMatterFile(bytes: edited)
        if let problem = repo.problems(in: try Record.parse(type: type, path: record.path, file: result)).first { throw problem }
        try result.set("updated", to: YAMLEmitter.text(for: .timestamp(session.clock.now)))
        try session.write { () throws(CRMError) in
          _ = try repo.replace(record, with: result.bytes, expecting: stamp, force: force)
          return ([record.path], "\(type.rawValue) edit \(record.id): edited by hand")
        }
        Terminal.message("updated \(record.path)")
        return
      } catch {
        let problem = error.location == nil || error.location?.path == "" ? error.located(in: record.path) : error
        if Environment.stdinIsTerminal {
          Terminal.report(problem)
          if Terminal.confirm("Edit again?") { continue }
        }
        var kept = problem
        let saved = try keepRejected(edited, id: record.id, repo: repo, clock: session.clock)
        kept.hint = "your text is kept in \(saved); fix it there and copy it back, or run the edit again"
        if kept.kind != .failed { kept.kind = .data }
        throw kept
      }
    }
  }

  /// A private copy for the editor, in $TMPDIR (else /tmp), removed when crm is done with it
  /// or killed.
  static func scratchFile(named name: String, holding bytes: [UInt8]) throws(CRMError) -> ScratchFile {
    let folder = Environment.variable("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    return try ScratchFile(named: name, bytes: bytes, temporaryFolder: folder)
  }

  /// Runs the editor like git does: through `sh -c '$EDITOR "$@"'`, so EDITOR may hold
  /// arguments (`code --wait`) while the file name is passed as argv, never spliced in. The
  /// shell execs the editor, so a signal crm passes on reaches the editor itself.
  static func runEditor(on path: String) throws(CRMError) {
    let editor = [Environment.variable("VISUAL"), Environment.variable("EDITOR")].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
    guard let status = Subprocess.runInteractive(["sh", "-c", "exec " + editor + " \"$@\"", editor, path]) else {
      throw CRMError(.failed, "cannot start the editor '\(editor)'", hint: "set VISUAL or EDITOR")
    }
    guard status == 0 else {
      throw CRMError(.failed, "the editor '\(editor)' exited with status \(status); nothing was changed")
    }
  }

  private static func keepRejected(_ bytes: [UInt8], id: String, repo: Repository, clock: CRMClock) throws(CRMError) -> String {
    let folder = ".crm/rejected"
    try FileSystem.refuseLinks(in: folder, under: repo.root)
    try FileSystem.makeDirectories(repo.absolute(folder))
    let stamp = clock.now.description.filter { $0.isNumber }.prefix(14)
    var path = folder + "/" + id + "-" + stamp + ".md"
    var n = 2
    while FileSystem.exists(repo.absolute(path)) {
      path = folder + "/" + id + "-" + stamp + "-" + String(n) + ".md"
      n += 1
    }
    try FileSystem.writeAtomically(bytes, to: repo.absolute(path), replacing: nil, mode: 0o600)  // what the user typed is theirs
    return path
  }
}

