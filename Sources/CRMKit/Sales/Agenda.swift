/// The day's work, for a person or a cron mail: overdue and due tasks, open deals past their
/// expected close, and open deals nobody has touched for a while.
public enum Agenda {
  public enum Section: String, Sendable, CaseIterable {
    /// Open tasks due before today.
    case overdue
    /// Open tasks due from today on, within the window.
    case due
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

  /// The agenda for `clock.today` with tasks due within `days` days (1: today only), in
  /// section order, each section oldest first.
  public static func items(
    _ index: RecordIndex, pipeline: Pipeline, clock: CRMClock, days: Int, staleAfter: Int
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
    let openDeals = index[.deal].filter(pipeline.isOpen)
    for deal in openDeals {
      if case .date(let close)? = deal["expected_close"], close < today {
        items.append(item(.closing, deal, close))
      }
      if let last = lastActivity(of: deal, in: index), last.date < today.adding(days: -staleAfter) {
        items.append(item(.stale, deal, last.date))
      }
    }
    let sections = Section.allCases
    return items.sorted { a, b in
      if a.section != b.section {
        return sections.firstIndex(of: a.section)! < sections.firstIndex(of: b.section)!
      }
      if a.date != b.date { return a.date < b.date }
      if a.record.type == .task, priorityRank(a.record) != priorityRank(b.record) {
        return priorityRank(a.record) < priorityRank(b.record)
      }
      return a.record.id < b.record.id
    }
  }

  /// The last time anything happened to a deal: an activity logged against it, a stage
  /// change, or its creation.
  public static func lastActivity(of deal: Record, in index: RecordIndex) -> Timestamp? {
    var stamps: [Timestamp] = Pipeline.history(of: deal).map(\.at)
    if case .timestamp(let created)? = deal["created"] { stamps.append(created) }
    for activity in index.referrers(of: deal) where activity.type == .activity {
      if case .timestamp(let at)? = activity["at"] { stamps.append(at) }
    }
    return stamps.max()
  }

  /// high before normal (or none) before low.
  public static func priorityRank(_ task: Record) -> Int {
    switch task["priority"]?.string {
    case "high": return 0
    case "low": return 2
    default: return 1
    }
  }
}
