/// The `automation:` rules at work: on the records a write changed (inside that write), or
/// on a schedule (`crm automate run`). Each rule acts only through the fixed actions, and
/// what it writes never sets off another rule.
public struct Automation: Sendable {
  /// What one rule did to one record.
  public struct Firing: Sendable, Equatable {
    public let rule: String
    public let type: RecordType
    public let id: String
    /// Each action taken, in words: `tag stale`, `task call-jane-doe`, `notify: …`.
    public var done: [String] = []
    /// The texts of its `notify` actions.
    public var notes: [String] = []

    /// `stale deals: deal acme-website: tag stale, notify: …`
    public var line: String { "\(rule): \(type.rawValue) \(id): " + done.joined(separator: ", ") }
  }

  /// What rules did in one write: the files, each firing, and the rules that could not act.
  public struct Reaction: Sendable {
    public var paths: [String] = []
    public var firings: [Firing] = []
    public var problems: [CRMError] = []

    public init() {}

    /// The lines the commit message gets: which rules fired, on what, doing what.
    public var commitText: String {
      firings.isEmpty ? "" : "\n\nautomation:\n" + firings.map { "- " + $0.line + "\n" }.joined()
    }
  }

  let rules: [AutomationRule]
  let config: Config
  let clock: CRMClock

  public init(config: Config, clock: CRMClock) {
    rules = config.automation
    self.config = config
    self.clock = clock
  }

  /// Whether any rule runs on changes: only then does a write tell the rules what it changed.
  public var reactsToChanges: Bool { rules.contains { if case .event = $0.trigger { true } else { false } } }

  /// The scheduled rules (`every:`).
  public var scheduled: [AutomationRule] { rules.filter { if case .every = $0.trigger { true } else { false } } }

  /// Runs the rules that wait for `events`, on the record after each change (before it, for a
  /// deletion), in config order. A rule that cannot act is a problem, not a failed write: the
  /// user's change stands.
  public func react(to events: [RecordEvent], in repo: Repository) -> Reaction {
    var reaction = Reaction()
    let openTasks = OpenTasks()
    for event in events {
      guard let record = event.record else { continue }
      for rule in rules {
        guard case .event(let type, let kind) = rule.trigger, type == record.type, kind == event.kind else { continue }
        do {
          if let filter = rule.filter, !(try filter.query(type, clock: clock).matches(record)) { continue }
          // A deleted record can only be told about.
          let actions = event.after == nil ? rule.actions.filter { if case .notify = $0 { true } else { false } } : rule.actions
          if let firing = try fire(rule, actions, on: record, in: repo, dryRun: false, paths: &reaction.paths, openTasks: openTasks) {
            reaction.firings.append(firing)
          }
        } catch {
          reaction.problems.append(Self.failed(rule, record, error))
        }
      }
    }
    return reaction
  }

  /// Runs the scheduled rules once over `index` (loaded with the rules' types and their
  /// derived values): each on every record its filter matches, unless `log` shows it fired on
  /// that record in this period already. With `dryRun`, says what it would do and writes nothing.
  public func runScheduled(_ index: RecordIndex, in repo: Repository, log: [AutomationLog.Entry], dryRun: Bool) -> Reaction {
    var reaction = Reaction()
    let openTasks = OpenTasks()
    // Every firing of one run shares its time: each time's local date is worked out once.
    var dates: [Int64: CalendarDate] = [:]
    var byRule: [String: [AutomationLog.Entry]] = [:]
    for entry in log { byRule[entry.rule, default: []].append(entry) }
    for rule in scheduled {
      guard case .every(let period, let type) = rule.trigger else { continue }
      let thisPeriod = period.start(of: clock.today)
      var fired: Set<String> = []
      for entry in byRule[rule.name] ?? [] {
        let date = dates[entry.at.seconds] ?? clock.local(entry.at).date
        dates[entry.at.seconds] = date
        if period.start(of: date) == thisPeriod { fired.insert(entry.id) }
      }
      do {
        let query = try rule.filter?.query(type, clock: clock) ?? .all
        for record in index[type] where !fired.contains(record.id) && query.matches(record) {
          do {
            if let firing = try fire(rule, rule.actions, on: record, in: repo, dryRun: dryRun, paths: &reaction.paths, openTasks: openTasks, index: index) {
              reaction.firings.append(firing)
            }
          } catch {
            reaction.problems.append(Self.failed(rule, record, error))
          }
        }
      } catch {
        reaction.problems.append(error)
      }
    }
    return reaction
  }

  private static func failed(_ rule: AutomationRule, _ record: Record, _ error: CRMError) -> CRMError {
    CRMError(error.kind, "automation rule '\(rule.name)' could not act on \(record.type.rawValue) \(record.id): \(error.message)", hint: error.hint)
  }

  /// Takes the rule's actions on `record`; nil when none of them had anything to do (a tag
  /// there already, an open task from the rule already).
  func fire(
    _ rule: AutomationRule, _ actions: [AutomationRule.Action], on original: Record, in repo: Repository, dryRun: Bool,
    paths: inout [String], openTasks: OpenTasks, index: RecordIndex? = nil
  ) throws(CRMError) -> Firing? {
    var firing = Firing(rule: rule.name, type: original.type, id: original.id)
    var record = original
    func change(_ changes: [Change], _ words: String) throws(CRMError) {
      if dryRun {
        if Self.wouldChange(record, changes) { firing.done.append(words) }
        return
      }
      if let updated = try repo.update(record, changes, clock: clock) {
        record = updated
        if !paths.contains(record.path) { paths.append(record.path) }
        firing.done.append(words)
      }
    }
    for action in actions {
      switch action {
      case .set(let pairs):
        var changes: [Change] = []
        for (key, template) in pairs {
          let text = template.render(record)
          changes.append(text.isEmpty ? .unset(key) : .set(key, try Value.parse(text, as: record.type.kind(of: key), field: key, clock: clock)))
        }
        try change(changes, "set " + pairs.map { "\($0.key)=\($0.value.render(record))" }.joined(separator: " "))
      case .tag(let tags):
        for tag in tags { try change([.add("tags", .string(tag))], "tag \(tag)") }
      case .untag(let tags):
        for tag in tags { try change([.remove("tags", .string(tag))], "untag \(tag)") }
      case .move(let name):
        let pipeline = Pipeline(config)
        let stage = try pipeline.stage(named: name)
        guard record["stage"]?.string != stage.name else { continue }
        try change(pipeline.move(record, to: stage, at: clock.now, note: "automation: \(rule.name)").changes, "move \(stage.name)")
      case .task(let title, let due, let priority):
        let fields = try taskFields(rule, title.render(record), due: due, priority: priority, about: record)
        if openTasks.keys == nil { openTasks.read(index ?? repo.load(.records([.task])).index) }
        let key = OpenTasks.key(rule: rule.name, fields)
        guard openTasks.keys?.contains(key) != true else { continue }
        let id = repo.newID(for: .task, name: title.render(record))
        if !dryRun {
          paths.append(try repo.create(.task, id: id, fields: fields, body: "", clock: clock).path)
        }
        openTasks.keys?.insert(key)
        firing.done.append("task \(id)")
      case .log(let kind, let text):
        var fields = [Field("kind", .string(kind)), Field("at", .timestamp(clock.now))] + Self.links(of: record, for: .activity)
        fields.append(Field("automation", .string(rule.name)))
        if !dryRun {
          let id = try repo.newActivityID(at: clock.now, kind: kind, about: record.id)
          paths.append(try repo.create(.activity, id: id, fields: fields, body: text.render(record) + "\n", clock: clock, month: clock.now.date).path)
          firing.done.append("log \(kind) \(id)")
        } else {
          firing.done.append("log \(kind)")
        }
      case .notify(let text):
        let note = text.render(record)
        firing.notes.append(note)
        firing.done.append("notify: " + note)
      }
    }
    return firing.done.isEmpty ? nil : firing
  }

  /// A new task's fields for `rule` about `record`: linked to it, or to its contact and deal.
  func taskFields(_ rule: AutomationRule, _ title: String, due: String?, priority: String?, about record: Record) throws(CRMError) -> [Field] {
    var fields = [Field("title", .string(title.isEmpty ? rule.name : title))]
    if let due {
      guard let date = clock.date(due) else {
        throw CRMError(.data, "'due' must be a date like +1d or friday, not '\(due)'", at: rule.location, hint: CRMClock.dateHint)
      }
      fields.append(Field("due", .date(date)))
    }
    fields += Self.links(of: record, for: .task)
    fields.append(Field("status", .string("open")))
    if let priority { fields.append(Field("priority", .string(priority))) }
    fields.append(Field("automation", .string(rule.name)))
    return fields
  }

  /// The fields that link a new task or activity to `record`: the record itself where the
  /// type has a field for it, else the contact (and deal) it names.
  static func links(of record: Record, for type: RecordType) -> [Field] {
    let contact: Value?
    var deal: Value?
    var rest: [Field] = []
    switch record.type {
    case .contact: contact = .string(record.id)
    case .deal:
      deal = .string(record.id)
      contact = record["contacts"]?.items.first
    case .activity:
      contact = record["contacts"]?.items.first
      deal = record["deal"]
    default:
      contact = record["contact"] ?? record["contacts"]?.items.first
      deal = record["deal"]
    }
    if type == .activity {
      if let contact { rest.append(Field("contacts", .list([contact]))) }
      if record.type == .company { rest.append(Field("company", .string(record.id))) }
      if let deal { rest.append(Field("deal", deal)) }
      if record.type == .ticket { rest.append(Field("ticket", .string(record.id))) }
      return rest
    }
    if let contact { rest.append(Field("contact", contact)) }
    if let deal { rest.append(Field("deal", deal)) }
    return rest
  }

  /// Whether `changes` would change `record`: what a dry run reports.
  static func wouldChange(_ record: Record, _ changes: [Change]) -> Bool {
    changes.contains { change in
      switch change {
      case .set(let key, let value): return record[key] != value
      case .unset(let key): return record[key] != nil
      case .add(let key, let item): return !(record[key]?.items.contains(item) ?? false)
      case .remove(let key, let item): return record[key]?.items.contains(item) ?? false
      }
    }
  }
}

/// The open tasks rules added, by rule, title and what they link to: a rule adds no second
/// such task while the first is open. Read once per run, on the first task action.
final class OpenTasks: @unchecked Sendable {
  var keys: Set<String>?

  func read(_ index: RecordIndex) {
    var keys: Set<String> = []
    for task in index[.task] where task["status"]?.string != "done" {
      guard let rule = task["automation"]?.string else { continue }
      keys.insert(Self.key(rule: rule, task.fields))
    }
    self.keys = keys
  }

  /// The rule, and the title, contact and deal among `fields`: a rule for companies (which a
  /// task cannot link to) tells its tasks apart by their titles.
  static func key(rule: String, _ fields: [Field]) -> String {
    let links = ["title", "contact", "deal"].map { key in fields.first { $0.key == key }?.value.text() ?? "" }
    return ([rule] + links).joined(separator: "\u{0}")
  }
}
