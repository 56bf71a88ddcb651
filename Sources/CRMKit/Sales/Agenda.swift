/// The day's work, for a person or a cron mail: overdue and due tasks, open deals past their
/// expected close, and open deals nobody has touched for a while.
public enum Agenda {
  public enum Section: String, Sendable, CaseIterable {
    /// Open tasks due before today.
    case overdue
    /// Open tasks due from today on, within the window.
    case due
    /// Unfinished tickets whose SLA is breached, or falls due within the window.
    case sla
    /// Open deals whose `expected_close` is before today.
    case closing
    /// Open deals with no activity or stage change for the stale period.
    case stale
  }

  public struct Item: Sendable {
    public let section: Section
    public let record: Record
    /// The date the item is about: the due date, the expected close, or the last activity.
    public let date: CalendarDate
    /// `date` minus today, in days (negative in the past).
    public var days: Int
  }

  /// The agenda for `clock.today` with tasks and tickets due within `days` days (1: today
  /// only), in section order, each section oldest first. `index` holds the tasks, the deals,
  /// the tickets, and at least the activities that name an open deal; `sla` reads the
  /// tickets' clocks (without it, tickets are left out).
  public static func items(
    _ index: RecordIndex, pipeline: Pipeline, clock: CRMClock, days: Int, staleAfter: Int, sla: SLAContext? = nil
  ) -> [Item] {
    let today = clock.today
    func item(_ section: Section, _ record: Record, _ date: CalendarDate) -> Item {
      Item(section: section, record: record, date: date, days: date.daysSinceEpoch - today.daysSinceEpoch)
    }
    var items: [Item] = []
    let openTasks = index[.task].filter { $0["status"]?.string != "done" }
    for task in openTasks {
      guard case .date(let due)? = task["due"] else { continue }
      if due < today {
        items.append(item(.overdue, task, due))
      } else if due < today.adding(days: days) {
        items.append(item(.due, task, due))
      }
    }
    // A ticket waiting on the customer is due only once they answer: listed when breached.
    for ticket in index[.ticket] where TicketLifecycle.isUnfinished(ticket) {
      guard let status = sla?.status(of: ticket), status.state != .met else { continue }
      let due = status.due.map { clock.local($0).date }
      if status.state == .breached || (status.state == .running && due.map { $0 < today.adding(days: days) } == true) {
        items.append(item(.sla, ticket, due ?? today))
      }
    }
    let openDeals = index[.deal].filter(pipeline.isOpen)
    let logged = lastLogged(index[.activity])
    for deal in openDeals {
      if case .date(let close)? = deal["expected_close"], close < today {
        items.append(item(.closing, deal, close))
      }
      if let last = lastActivity(of: deal, logged: logged[deal.id]), last.date < today.adding(days: -staleAfter) {
        items.append(item(.stale, deal, last.date))
      }
    }
    // By section, date, a task's priority, then id. Items are made in id order within a
    // section (the index is sorted by id), so their position stands for the id: the keys are
    // numbers worked out once per item, not looked up per comparison (an agenda can hold
    // thousands of stale deals).
    let sections = Section.allCases
    let keys = items.enumerated().map { i, item in
      (sections.firstIndex(of: item.section) ?? sections.count, item.date.daysSinceEpoch, item.record.type == .task ? priorityRank(item.record) : 0, i)
    }
    return keys.sorted { $0 < $1 }.map { items[$0.3] }
  }

  /// The last time anything happened to a deal: an activity logged against it, a stage
  /// change, or its creation.
  public static func lastActivity(of deal: Record, in index: RecordIndex) -> Timestamp? {
    lastActivity(of: deal, logged: lastLogged(index.referrers(of: deal).filter { $0.type == .activity })[deal.id])
  }

  /// `lastActivity(of:in:)` when the last activity logged against the deal is known: of
  /// equal times (at different offsets, so maybe on different dates) the first counts, a
  /// stage change before creation before an activity.
  static func lastActivity(of deal: Record, logged: Timestamp?) -> Timestamp? {
    var last = Pipeline.lastChange(of: deal)
    if case .timestamp(let created)? = deal["created"], last.map({ $0 < created }) ?? true { last = created }
    if let logged, last.map({ $0 < logged }) ?? true { last = logged }
    return last
  }

  /// The time of the last of `activities` (sorted by id) logged against each deal they name,
  /// by the deal's id, from one pass: the first of equal times, as `max()` keeps it.
  static func lastLogged(_ activities: [Record]) -> [String: Timestamp] {
    // The fields that name a deal (`deal`), looked up by key: this runs for every activity.
    let keys = RecordType.activity.referenceFields.filter { $0.target == .deal }.map(\.key)
    var logged: [String: Timestamp] = [:]
    for activity in activities {
      guard case .timestamp(let at)? = activity["at"] else { continue }
      func log(_ id: String) {
        if logged[id].map({ $0 < at }) ?? true { logged[id] = at }
      }
      for key in keys {
        switch activity[key] {
        case .string(let id)?: log(id)
        case .list(let items)?: for case .string(let id) in items { log(id) }
        default: continue
        }
      }
    }
    return logged
  }

  /// How tasks are listed: by due date (undated last), then priority, then id.
  public static func dueFirst(_ a: Record, _ b: Record) -> Bool {
    let dueA: CalendarDate? = if case .date(let d)? = a["due"] { d } else { nil }
    let dueB: CalendarDate? = if case .date(let d)? = b["due"] { d } else { nil }
    if dueA != dueB {
      guard let dueA else { return false }
      guard let dueB else { return true }
      return dueA < dueB
    }
    let (pa, pb) = (priorityRank(a), priorityRank(b))
    return pa != pb ? pa < pb : a.id < b.id
  }

  /// A task's priority as a rank: high before normal (or none) before low.
  public static func priorityRank(_ task: Record) -> Int {
    switch task["priority"]?.string {
    case "high": return 0
    case "low": return 2
    default: return 1
    }
  }
}

extension Repository.Projection {
  /// What the agenda looks at: a task's due date, state, priority and links; a deal's stage,
  /// dates, history, value and currency; an activity's time and deal (titles, and what a
  /// type requires, are always kept). No bodies, and none of the rest: most of a repo's
  /// records are activities, and their contacts, subjects and notes are most of what they hold.
  public static let agenda = Repository.Projection(name: "agenda") { type, key in
    switch (type, key) {
    case (.task, "due"), (.task, "status"), (.task, "priority"), (.task, "contact"), (.task, "deal"): return true
    case (.deal, "stage"), (.deal, "expected_close"), (.deal, "created"), (.deal, "history"), (.deal, "value"), (.deal, "currency"):
      return true
    case (.activity, "at"), (.activity, "deal"): return true
    case (.ticket, _): return SLAInput.keys.contains(key) || key == "contact"
    default: return key == type.titleKey
    }
  }
}
