import CRMKit

/// The hooks of `.crm/hooks/` for one write: found and checked against `crm trust` once, then
/// run with each changed record as JSON on stdin.
struct RunningHooks {
  private let session: Session
  private let found: [Hooks.Name: String]

  /// The repo's hooks that may run: none when they are not trusted, which is said once on
  /// stderr, with why.
  init(_ session: Session) {
    self.session = session
    // A write a hook makes runs no hooks, or a post-change that writes would never end.
    let present = Environment.variable(Hooks.runningVariable) == nil ? Hooks.present(in: session.repo) : [:]
    guard !present.isEmpty else {
      found = [:]
      return
    }
    if let why = HookTrust(environment: Environment.variables).distrust(of: session.repo) {
      if !RunningHooks.saidUntrusted {
        RunningHooks.saidUntrusted = true
        let names = present.values.sorted().joined(separator: " and ")
        Terminal.message("note: \(names) not run: \(why)")
        Terminal.message("hint: hooks come with a clone; read them, then run 'crm trust' to let them run")
      }
      found = [:]
    } else {
      found = present
    }
  }

  nonisolated(unsafe) private static var saidUntrusted = false

  var isEmpty: Bool { found.isEmpty }

  /// Runs `pre-change` on each change; its refusal, a timeout or a failure to start it is an
  /// error that undoes the write.
  func preChange(_ events: [RecordEvent]) throws(CRMError) {
    guard let path = found[.preChange] else { return }
    for event in events {
      let outcome = run(path, event, notes: [], adding: [Hooks.holdsLockVariable: session.repo.root])
      switch outcome {
      case .succeeded: continue
      case .failed(let status, let said):
        throw CRMError(
          .failed, "\(path) refused the change to \(Self.describe(event)) (exit \(status))" + (said.isEmpty ? "" : ": " + said),
          hint: "nothing was written")
      case .timedOut:
        throw CRMError(.failed, "\(path) took longer than \(Self.seconds(session.repo.config.hookTimeout)): the change is not written")
      case .notStarted(let why):
        throw CRMError(.failed, "\(path) could not run: \(why); the change is not written")
      }
    }
  }

  /// Runs `post-change` on each change, with what rules said about its record; a failure is
  /// a warning: the change is committed already.
  func postChange(_ events: [RecordEvent], reaction: Automation.Reaction) {
    guard let path = found[.postChange] else { return }
    for event in events {
      guard let record = event.record else { continue }
      let notes = reaction.firings.filter { $0.type == record.type && $0.id == record.id }.flatMap(\.notes)
      switch run(path, event, notes: notes, adding: [:]) {
      case .succeeded: continue
      case .failed(let status, let said):
        Terminal.warn("\(path) failed on \(Self.describe(event)) (exit \(status))" + (said.isEmpty ? "" : ": " + said))
      case .timedOut:
        Terminal.warn("\(path) took longer than \(Self.seconds(session.repo.config.hookTimeout)) on \(Self.describe(event)) and was stopped")
      case .notStarted(let why):
        Terminal.warn("\(path) could not run: \(why)")
      }
    }
  }

  private func run(_ path: String, _ event: RecordEvent, notes: [String], adding: [String: String]) -> Hooks.Outcome {
    // Checked again at the moment it runs: a pull since the write began may have changed it.
    if let why = HookTrust(environment: Environment.variables).distrust(of: session.repo) {
      return .notStarted("it is not trusted now: " + why)
    }
    let folder = Environment.variable("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    return Hooks.run(
      path, input: Array((Self.json(event, notes: notes) + "\n").utf8), adding: adding, timeout: session.repo.config.hookTimeout,
      temporaryFolder: folder, in: session.repo)
  }

  /// `{"type": …, "id": …, "event": …, "before": {…}, "after": {…}}`: the record's fields as
  /// `--format json` gives them, and its notes; null before a creation and after a deletion.
  static func json(_ event: RecordEvent, notes: [String]) -> String {
    func object(_ record: Record?) -> Value {
      guard let record else { return .null }
      let pairs = RecordRenderer.pairs(record, nil) + (record["notes"].map { [("notes", $0)] } ?? [])
      return .map(pairs.map { Field($0.0, $0.1) })
    }
    let record = event.record
    var pairs: [(String, Value)] = [
      ("type", .string(record?.type.rawValue ?? "")), ("id", .string(record?.id ?? "")), ("event", .string(event.kind.rawValue)),
    ]
    if !notes.isEmpty { pairs.append(("notify", .list(notes.map { .string($0) }))) }
    return JSON.object(pairs + [("before", object(event.before)), ("after", object(event.after))])
  }

  private static func describe(_ event: RecordEvent) -> String {
    "\(event.record?.type.rawValue ?? "record") \(event.record?.id ?? "") (\(event.kind.rawValue))"
  }

  private static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value))s" : "\(value)s"
  }
}
