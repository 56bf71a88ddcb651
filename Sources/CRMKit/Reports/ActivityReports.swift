/// The interaction reports: how much contact happens, and who is slipping away.
public enum ActivityReports {
  public enum Grouping: Sendable, Equatable {
    case period(Period)
    case contact
  }

  /// Interactions per period (every period from the first to the last, empty ones too) or
  /// per contact (busiest first), with a column per kind. Activities count by `at`.
  public static func activity(_ index: RecordIndex, _ options: ReportOptions, by grouping: Grouping, kind: String?) -> Report {
    let kinds = kind.map { [$0] } ?? ["call", "email", "meeting", "note", "chat", "sms", "social"]
    var counts: [String: [String: Int]] = [:]
    var dates: [CalendarDate] = []
    for activity in options.records(.activity, index) {
      guard let at = activity.timestamp("at"), options.contains(at), let k = activity["kind"]?.string, kinds.contains(k) else { continue }
      let keys: [String]
      switch grouping {
      case .period(let period): keys = [period.label(at.date)]
      case .contact: keys = activity.strings("contacts").uniqued()
      }
      dates.append(at.date)
      for key in keys { counts[key, default: [:]][k, default: 0] += 1 }
    }
    var keys: [String]
    switch grouping {
    case .period(let period):
      let from = options.since?.date ?? dates.min()
      let to = options.until?.date ?? dates.max()
      keys = from.flatMap { f in to.map { period.labels(from: f, to: $0) } } ?? []
    case .contact:
      keys = counts.keys.sorted { a, b in
        let (x, y) = (counts[a, default: [:]].values.reduce(0, +), counts[b, default: [:]].values.reduce(0, +))
        return x != y ? x > y : a < b
      }
    }
    let rows = keys.map { key -> [Value] in
      let byKind = counts[key] ?? [:]
      return [.string(key), .integer(byKind.values.reduce(0, +))] + kinds.map { .integer(byKind[$0] ?? 0) }
    }
    let label = grouping == .contact ? "contact" : "period"
    return Report(columns: [label, "total"] + kinds, rows: rows, chart: Report.Chart(value: "total", labels: [label]))
  }

  /// Customers and open deals with no activity for `days` days, longest silence first. A
  /// customer's last activity is its last_contacted; a deal's, its last activity, stage
  /// change or creation. Both count by `created`.
  public static func stale(_ index: RecordIndex, _ options: ReportOptions, pipeline: Pipeline, clock: CRMClock, days: Int) -> Report {
    let cutoff = clock.today.adding(days: -days)
    var rows: [(days: Int?, row: [Value])] = []
    for contact in options.records(.contact, index) where contact["status"]?.string == "customer" {
      guard options.contains(contact.timestamp("created")) else { continue }
      let last = contact.timestamp("last_contacted")
      guard last.map({ $0.date < cutoff }) ?? true else { continue }
      let silent = last.map { clock.today.daysSinceEpoch - $0.date.daysSinceEpoch }
      rows.append((silent, [.string("contact"), .string(contact.id), .string(contact.title), last.map { .date($0.date) } ?? .null, silent.map { .integer($0) } ?? .null]))
    }
    for deal in options.records(.deal, index) where pipeline.isOpen(deal) {
      guard options.contains(deal.timestamp("created")) else { continue }
      let last = Agenda.lastActivity(of: deal, in: index)
      guard last.map({ $0.date < cutoff }) ?? true else { continue }
      let silent = last.map { clock.today.daysSinceEpoch - $0.date.daysSinceEpoch }
      rows.append((silent, [.string("deal"), .string(deal.id), .string(deal.title), last.map { .date($0.date) } ?? .null, silent.map { .integer($0) } ?? .null]))
    }
    rows.sort { a, b in
      if a.days != b.days { return (a.days ?? Int.max) > (b.days ?? Int.max) }  // never contacted first
      return a.row[1].text() < b.row[1].text()
    }
    return Report(
      columns: ["type", "id", "name", "last_activity", "days_silent"], rows: rows.map(\.row),
      chart: Report.Chart(value: "days_silent", labels: ["id"]))
  }
}
