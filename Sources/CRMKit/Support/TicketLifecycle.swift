/// How a ticket moves from open to closed: which moves are allowed, and what each writes.
/// Every move is timestamped in the ticket's `history` (`{status, at, from}`), which the SLA
/// clocks read to pause while a ticket waits on the customer.
public enum TicketLifecycle {
  /// The statuses in the order a ticket goes through them.
  public static let statuses = ["open", "pending", "resolved", "closed"]

  /// The fields a new ticket starts with: open since `at`, with that as its first history entry.
  public static func opening(at: Timestamp) -> [Field] {
    [
      Field("status", .string("open")), Field("opened_at", .timestamp(at)),
      Field("history", .list([.map([Field("status", .string("open")), Field("at", .timestamp(at))])])),
    ]
  }

  /// A new ticket's fields after its title: the `given` ones (contact, company, deal,
  /// priority, channel), the contact's company when none is given, priority normal when none
  /// is; then open since `at` with that as its first history entry; from an email (`intake`),
  /// channel email and its Message-ID; `extra` (tags, `--set`) last. `extra` may not set what
  /// opening sets: the status, the opening time or the history.
  public static func newTicket(
    _ given: [Field], contact: Record?, at: Timestamp, intake: TicketIntake?, extra: [Field]
  ) throws(CRMError) -> [Field] {
    if let key = extra.map(\.key).first(where: { ["status", "opened_at", "history"].contains($0) }) {
      throw CRMError(
        .usage, "--set cannot set '\(key)' on a new ticket: opening it sets that",
        hint: "give the time it came in with --at; move it with 'crm ticket pending|resolve|close' after")
    }
    var fields = given
    func missing(_ key: String) -> Bool { !fields.contains { $0.key == key } }
    if missing("company"), let company = contact?["company"] { fields.append(Field("company", company)) }
    if missing("priority") { fields.append(Field("priority", .string("normal"))) }
    if intake != nil, missing("channel") { fields.append(Field("channel", .string("email"))) }
    fields += opening(at: at)
    if let messageID = intake?.messageID { fields.append(Field("message_id", .string(messageID))) }
    return fields + extra
  }

  /// The changes that move `ticket` to `status` at `at`: the status, a history entry,
  /// `resolved_at` or `closed_at` when it gets there, and on a reopen (back to open from
  /// resolved or closed) both cleared and `reopened` counted. A move the lifecycle does not
  /// make (closing a ticket nobody resolved, anything but reopening a closed one) is
  /// refused unless `force`; a move to the status it has is always refused.
  /// `note` goes into the history entry.
  public static func move(_ ticket: Record, to status: String, at: Timestamp, note: String? = nil, force: Bool) throws(CRMError)
    -> [Change]
  {
    guard statuses.contains(status) else {
      throw CRMError(.usage, "'\(status)' is not a ticket status", hint: "statuses: " + statuses.joined(separator: ", "))
    }
    let from = ticket["status"]?.string ?? "open"
    guard from != status else { throw CRMError(.failed, "ticket '\(ticket.id)' is already \(status)") }
    if !force, let refusal = refusal(from: from, to: status, ticket.id) { throw refusal }
    // The history is the clocks' record: a move before the last one would rewrite it.
    if let input = SLAInput(ticket: ticket) {
      let last = SLA.ordered(input.history).last.map { ($0.at, "its last move (\($0.status) at \($0.at))") } ?? (input.openedAt, "it was opened (\(input.openedAt))")
      if at < last.0 {
        throw CRMError(.usage, "--at \(at) is before \(last.1)", hint: "a ticket's moves are kept in order; give a later time")
      }
    }
    var entry = [Field("status", .string(status)), Field("at", .timestamp(at)), Field("from", .string(from))]
    if let note, !note.isEmpty { entry.append(Field("note", .string(note))) }
    var changes: [Change] = [.set("status", .string(status)), .add("history", .map(entry))]
    switch status {
    case "resolved":
      changes.append(.set("resolved_at", .timestamp(at)))
    case "closed":
      if ticket["resolved_at"] == nil { changes.append(.set("resolved_at", .timestamp(at))) }
      changes.append(.set("closed_at", .timestamp(at)))
    default:
      guard from == "resolved" || from == "closed" else { break }
      for key in ["resolved_at", "closed_at"] where ticket[key] != nil { changes.append(.unset(key)) }
      var reopened = 0
      if case .integer(let count)? = ticket["reopened"] { reopened = count }
      changes.append(.set("reopened", .integer(reopened + 1)))
    }
    return changes
  }

  /// Whether a history entry has a known status and an ISO 8601 time, as the clocks need.
  public static func isWellFormed(entry: Value) -> Bool {
    guard case .map(let fields) = entry, let status = fields.first(where: { $0.key == "status" })?.value.string else { return false }
    let at = fields.first { $0.key == "at" }?.value
    let timed = if case .timestamp? = at { true } else { at?.string.flatMap { Timestamp($0) } != nil }
    return statuses.contains(status) && timed
  }

  /// What is wrong with a ticket that parsed: history entries the clocks cannot read.
  public static func problems(in ticket: Record) -> [CRMError] {
    guard case .list(let items)? = ticket["history"] else { return [] }
    let history = ticket.fields.first { $0.key == "history" }?.mark
    return items.filter { !isWellFormed(entry: $0) }.map { item in
      var mark = history
      if case .map(let fields) = item { mark = (fields.first { $0.key == "status" } ?? fields.first)?.mark ?? mark }
      return CRMError(
        .data, "each 'history' entry needs a 'status' (\(statuses.joined(separator: ", "))) and an ISO 8601 'at'",
        at: SourceLocation(path: ticket.path, mark: mark))
    }
  }

  /// An edit's changes with the status taken out: a status set by `--status` (`flag`) or,
  /// later and so winning, by `--set status=…` becomes the target of a move (see `move`), so
  /// the history records it. Changing `history` or removing the status is refused.
  public static func statusEdit(_ changes: [Change], status flag: String?) throws(CRMError) -> (changes: [Change], target: String?) {
    if changes.contains(where: { $0.key == "history" }) {
      throw CRMError(.usage, "--set/--unset cannot change 'history': crm keeps it", hint: "move the ticket with its verbs or --status")
    }
    let (rest, target) = try changes.takingOut("status", given: flag, hint: "move the ticket with --status instead")
    if let target, !statuses.contains(target) {
      throw CRMError(.usage, "'\(target)' is not a ticket status", hint: "statuses: " + statuses.joined(separator: ", "))
    }
    return (rest, target)
  }

  /// What a reply sets: `first_response_at`, when it is the first reply the customer sees.
  /// A reply before the ticket was opened is refused.
  public static func reply(to ticket: Record, at: Timestamp, internal isInternal: Bool) throws(CRMError) -> [Change] {
    if let opened = SLAInput(ticket: ticket)?.openedAt, at < opened {
      throw CRMError(.usage, "--at \(at) is before the ticket was opened (\(opened))", hint: "a reply comes after the question; give a later time")
    }
    return isInternal || ticket["first_response_at"] != nil ? [] : [.set("first_response_at", .timestamp(at))]
  }

  private static func refusal(from: String, to: String, _ id: String) -> CRMError? {
    switch (from, to) {
    case ("open", "closed"), ("pending", "closed"):
      return CRMError(.failed, "ticket '\(id)' is \(from): resolve it before closing it", hint: "pass --force to close it anyway")
    case ("closed", "pending"), ("closed", "resolved"):
      return CRMError(.failed, "ticket '\(id)' is closed: reopen it first", hint: "pass --force to set it \(to) anyway")
    case ("resolved", "pending"):
      return CRMError(.failed, "ticket '\(id)' is resolved: reopen it first", hint: "pass --force to set it pending anyway")
    default:
      return nil
    }
  }

  /// The statuses of a ticket that needs no more work.
  public static let finished: Set<String> = ["resolved", "closed"]

  /// Whether a ticket still needs work: not resolved or closed.
  public static func isUnfinished(_ ticket: Record) -> Bool { !finished.contains(ticket["status"]?.string ?? "open") }

  /// How tickets are listed: unfinished ones first, by the time their SLA is due (none
  /// last), then by priority; then the finished ones; opening order (the id) last.
  public static func dueFirst(_ a: Record, _ b: Record) -> Bool {
    let (openA, openB) = (isUnfinished(a), isUnfinished(b))
    if openA != openB { return openA }
    let dueA: Timestamp? = if case .timestamp(let t)? = a["sla_due"] { t } else { nil }
    let dueB: Timestamp? = if case .timestamp(let t)? = b["sla_due"] { t } else { nil }
    if openA {
      switch (dueA, dueB) {
      case (let x?, let y?) where !x.isSameInstant(as: y): return x < y
      case (.some, nil): return true
      case (nil, .some): return false
      default: break
      }
    }
    let (rankA, rankB) = (priorityRank(a), priorityRank(b))
    return rankA != rankB ? rankA < rankB : a.id < b.id
  }

  /// The priorities, most urgent first.
  public static let priorities = ["urgent", "high", "normal", "low"]

  /// urgent 0, high 1, normal (or none) 2, low 3.
  public static func priorityRank(_ ticket: Record) -> Int {
    priorities.firstIndex(of: ticket["priority"]?.string ?? "normal") ?? 2
  }
}
