import ArgumentParser
import CRMKit

/// What a command works with: the repo, the clock, and the shared steps of reading and writing.
struct Session {
  let repo: Repository
  let clock: CRMClock
  /// What tickets' SLA clocks are read against now; loads fill them in with it.
  let sla: SLAContext
  let lockTimeout: Double

  init(_ store: StoreOptions) throws(CRMError) {
    var repo = try store.open()
    clock = try Environment.clock(timeZone: repo.config.timeZone)
    let config = repo.config
    sla = SLAContext(
      config: config.support, now: clock.now,
      offsetAtWallClock: Environment.offsets(in: config.supportTimeZone, besides: config.timeZone))
    repo.sla = sla
    self.repo = repo
    lockTimeout = store.lockTimeout
    Terminal.color = store.noColor ? .never : store.color
  }

  /// Loads what `request` asks for. The records are kept until the process exits: freeing a
  /// big index record by record costs a tenth of a run, and the process ends right after.
  func load(_ request: LoadRequest) -> Repository.Loaded {
    let loaded = repo.load(request)
    Session.keepUntilExit(loaded)
    return loaded
  }

  /// Loads every record of `types`, whole, with their derived values.
  func load(_ types: Set<RecordType>) -> Repository.Loaded { load(.records(types)) }

  static func keepUntilExit(_ value: any Sendable) { keptUntilExit.append(value) }

  nonisolated(unsafe) private static var keptUntilExit: [any Sendable] = []

  /// Names every bad file on stderr and exits 65 if there were any (SPEC §8); call after
  /// printing the valid records.
  static func finish(_ problems: [CRMError]) throws {
    guard !problems.isEmpty else { return }
    for problem in problems { Terminal.report(problem) }
    throw ExitCode(65)
  }

  static let unreadableHint = "crm does not change a file it cannot read; fix it by hand, then try again"

  /// Finds the record `who` names. When nothing matches but a file of that name failed to
  /// load, or the type's folder could not be read, the error is that one, so the user sees why.
  static func resolve(_ who: String, as type: RecordType, in loaded: Repository.Loaded) throws(CRMError) -> Record {
    // `who` is the id of a file that failed to load: that file is meant, never another
    // record its id happens to be a prefix of (jane-doe-2 for a broken jane-doe).
    if let bad = loaded.problems.first(where: { $0.location?.path == type.folder + "/" + who + ".md" }) {
      var problem = bad
      problem.hint = Session.unreadableHint
      throw problem
    }
    do {
      return try loaded.index.resolve(who, as: type)
    } catch {
      if error.kind == .notFound, let folder = loaded.problems.first(where: { $0.location?.path == type.folder }) { throw folder }
      throw error
    }
  }

  /// The record `who` names. When `who` is the id of an existing file, that one file is read,
  /// so a write on a big repo does not load every record of the type (the index would find
  /// the same record: an exact id wins there too); anything else loads the type.
  func record(_ who: String, as type: RecordType) throws(CRMError) -> Record {
    if !type.isFiledByMonth, RecordID.isValid(who) {
      let path = repo.path(of: type, id: who)
      if FileSystem.exists(repo.absolute(path)) {
        do {
          return try Record.parse(type: type, path: path, file: repo.read(path).file)
        } catch {
          var problem = error
          problem.hint = problem.hint ?? Session.unreadableHint
          throw problem
        }
      }
    }
    return try Session.resolve(who, as: type, in: load([type]))
  }

  /// Runs `body` under the write lock and commits the paths it returns with its message.
  /// When the commit fails the change stays written, and the command goes on to say what it
  /// did but exits 75 (try again), so a script notices; the next commit takes the files along.
  /// The `automation:` rules that wait for changes act on what `body` changed, in the same
  /// write and commit, unless `reacting` is false (the rules' own writes).
  ///
  /// The trusted hooks of `.crm/hooks/` run too: `pre-change` on each changed record before
  /// the commit (a refusal puts every file back), `post-change` after it.
  func write(reacting: Bool = true, _ body: () throws(CRMError) -> (paths: [String], message: String)) throws(CRMError) {
    if Environment.variable(Hooks.holdsLockVariable) == repo.root {
      throw CRMError(
        .lockBusy, "the \(Hooks.folder)/pre-change hook runs while its change holds the repo's lock: a crm write from it would wait for itself",
        hint: "make the change from the post-change hook, which runs once the lock is free")
    }
    var written: [String] = []
    let automation = Automation(config: repo.config, clock: clock)
    let hooks = RunningHooks(self)
    var reaction = Automation.Reaction()
    var changes: [RecordEvent] = []
    let react: (([RecordEvent]) throws(CRMError) -> (paths: [String], message: String))? =
      (reacting && automation.reactsToChanges) || !hooks.isEmpty
      ? { [repo, clock] events throws(CRMError) in
        changes = events
        try hooks.preChange(events)
        guard reacting else { return ([], "") }
        reaction = automation.react(to: events, in: repo)
        // The log is this clone's bookkeeping: failing to keep it never undoes the change.
        do throws(CRMError) { try AutomationLog.append(reaction.firings, at: clock.now, in: repo) } catch { reaction.problems.append(error) }
        return (reaction.paths, reaction.commitText)
      } : nil
    let warning = try repo.writing(lockTimeout: lockTimeout, react: react) { () throws(CRMError) in
      let result = try body()
      written = result.paths
      return result
    }
    Terminal.written += written + reaction.paths
    Session.report(reaction)
    hooks.postChange(changes, reaction: reaction)
    if let warning { Session.commitFailed(warning) }
  }

  /// Says on stderr what automation rules did, and which could not act.
  static func report(_ reaction: Automation.Reaction) {
    for firing in reaction.firings { Terminal.message("automation: " + firing.line) }
    for problem in reaction.problems { Terminal.warn(problem.message + (problem.hint.map { " (\($0))" } ?? "")) }
  }

  /// `write(_:)` with `types` loaded under the lock, for the checks that guard the write (an
  /// email on one contact, a record that others still reference): they must see every write
  /// that finished before this one, never a copy loaded before another crm wrote.
  func write(
    loading types: Set<RecordType>, _ body: (Repository.Loaded) throws(CRMError) -> (paths: [String], message: String)
  ) throws(CRMError) {
    try write { () throws(CRMError) in try body(load(types)) }
  }

  /// Says why a commit failed and makes the process exit 75 when it ends.
  static func commitFailed(_ warning: String) {
    Terminal.warn(warning)
    Terminal.message("hint: crm commits it with the next change, or run 'crm check' once git works again")
    exitStatus = 75
  }

  /// The exit status of a command that did its work but could not commit it.
  nonisolated(unsafe) static var exitStatus: Int32 = 0

  /// Points out on stderr the records of `type` that already have `name`, so the user can
  /// merge them rather than keep two.
  static func noteSameName(_ type: RecordType, _ name: String, in index: RecordIndex) {
    let same = index.records(type, named: name.trimmingSpaces)
    guard let first = same.first else { return }
    Terminal.message("note: a \(type.rawValue) named '\(first.title)' exists: " + same.map(\.id).joined(separator: ", "))
  }

  /// The instant a `--at WHEN` option names, or now.
  func instant(_ text: String?, flag: String = "--at") throws(CRMError) -> Timestamp {
    guard let text else { return clock.now }
    guard let instant = clock.timestamp(text) else {
      throw CRMError(.usage, "\(flag) must be a date or time, not '\(text)'", hint: CRMClock.timeHint)
    }
    return instant
  }

}

/// `--set key=value` / `--unset key` parsing, shared by add and edit.
enum FieldArguments {
  /// Keys crm manages itself, which `--set`/`--unset` must not touch.
  static let reserved: Set<String> = ["id", "type", "created", "updated"]

  static func key(_ key: String, flag: String, type: RecordType) throws(CRMError) -> String {
    guard !reserved.contains(key) else { throw CRMError(.usage, "\(flag) cannot change '\(key)': crm keeps it") }
    if Derived.keys(of: type).contains(key) {
      let from = Derived.sources(of: type).contains(.activity) ? " from the activities" : " each time it reads the \(type.rawValue)"
      throw CRMError(.usage, "\(flag) cannot change '\(key)': crm works it out" + from)
    }
    guard LeadsConfig.isKey(key) else {
      throw CRMError(.usage, "\(flag): '\(key)' is not a field name", hint: "field names are lower_snake_case, e.g. linkedin_url")
    }
    return key
  }

  /// Parses `key=value` pairs into typed fields of `type`.
  static func assignments(_ pairs: [String], type: RecordType, clock: CRMClock) throws(CRMError) -> [Field] {
    var fields: [Field] = []
    for pair in pairs {
      guard let eq = pair.firstIndex(of: "=") else {
        throw CRMError(.usage, "--set needs key=value, not '\(pair)'")
      }
      let key = try key(String(pair[..<eq]), flag: "--set", type: type)
      let text = String(pair[pair.index(after: eq)...])
      fields.append(Field(key, try Value.parse(text, as: type.kind(of: key), field: key, clock: clock)))
    }
    return fields
  }

  /// A typed value for a dedicated flag such as `--status`.
  static func value(_ text: String?, _ key: String, _ type: RecordType, clock: CRMClock) throws(CRMError) -> Field? {
    guard let text else { return nil }
    return Field(key, try Value.parse(text, as: type.kind(of: key), field: key, clock: clock))
  }
}
