#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A customer on one screen: what links to a contact or a company, sorted into what a
/// consultant looks at when the phone rings. Open tickets come first, by when their SLA
/// falls due; then what they bought and are about to buy, what happened last, and what
/// is still to do.
public struct CustomerView: Sendable {
  /// Tickets not yet resolved, by SLA due time (see `TicketLifecycle.dueFirst`).
  public let openTickets: [Record]
  /// How many of their tickets are resolved or closed.
  public let pastTickets: Int
  /// Won deals, most recently closed first.
  public let purchases: [Record]
  /// What the won deals add up to, per currency (amounts in two currencies never add), by currency.
  public let lifetimeValue: [(currency: String, amount: Decimal)]
  /// Deals still in the pipeline, by expected close (undated last).
  public let openDeals: [Record]
  /// The newest activities, at most `recentCount`, newest first.
  public let recentActivities: [Record]
  public let activityCount: Int
  /// Tasks not done, by due date.
  public let openTasks: [Record]
  /// What else links to the customer (a company's contacts, lost deals, done tasks), in
  /// the order given.
  public let others: [Record]

  public static let recentCount = 5

  /// The view of what links to a customer: `linked` (whole records, with their derived
  /// values, so tickets have their SLA) read against `pipeline`.
  public init(linked: [Record], pipeline: Pipeline) {
    let never = Timestamp(seconds: .min)
    let tickets = linked.filter { $0.type == .ticket }
    openTickets = tickets.filter(TicketLifecycle.isUnfinished).sorted(by: TicketLifecycle.dueFirst)
    pastTickets = tickets.count - openTickets.count
    let deals = linked.filter { $0.type == .deal }
    purchases = deals.filter { pipeline.stage(of: $0)?.outcome == .won }.sorted { a, b in
      let (closedA, closedB) = (a.timestamp("closed_at") ?? never, b.timestamp("closed_at") ?? never)
      return closedA.isSameInstant(as: closedB) ? a.id < b.id : closedA > closedB
    }
    var totals: [String: Decimal] = [:]
    for deal in purchases {
      if let value = Pipeline.value(of: deal) { totals[pipeline.currency(of: deal), default: 0] += value }
    }
    lifetimeValue = totals.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    openDeals = deals.filter(pipeline.isOpen).sorted { a, b in
      let (closeA, closeB) = (a.date("expected_close"), b.date("expected_close"))
      if closeA != closeB {
        guard let closeA else { return false }
        guard let closeB else { return true }
        return closeA < closeB
      }
      return a.id < b.id
    }
    let activities = linked.filter { $0.type == .activity }
    activityCount = activities.count
    recentActivities = Array(
      activities.sorted { a, b in
        let (atA, atB) = (a.timestamp("at") ?? never, b.timestamp("at") ?? never)
        return atA.isSameInstant(as: atB) ? a.id > b.id : atA > atB
      }.prefix(Self.recentCount))
    let tasks = linked.filter { $0.type == .task }
    openTasks = tasks.filter { $0["status"]?.string != "done" }.sorted(by: Agenda.dueFirst)
    let shown = Set((openTickets + purchases + openDeals + openTasks).map { ObjectIdentifier($0) })
    others = linked.filter { record in
      record.type != .activity && record.type != .ticket && !shown.contains(ObjectIdentifier(record))
    }
  }
}
