#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `crm report tickets`: how support is doing, from the tickets and the SLA config.
public enum SupportReports {
  /// What `--by` groups tickets by.
  public enum Group: String, Sendable, CaseIterable {
    case priority, owner, channel, company
  }

  /// The report's columns, the JSON/CSV contract; the first is the `--by` field, or `group`.
  public static let columns = [
    "group", "opened", "resolved", "backlog", "median_first_response_hours", "median_resolution_hours",
    "first_response_within_sla", "resolution_within_sla", "reopen_rate", "csat", "csat_positive",
  ]

  /// Per group (or one row, `all`), by name (priorities most urgent first): tickets opened in the range; resolved in the range;
  /// of those opened, how many are still open or pending; the median time to the first
  /// response and to the resolution, in the hours the SLA clocks count (business hours, not
  /// while pending); the percent of decided clocks (met or breached) met, for each clock;
  /// the percent of resolved tickets reopened; and of the rated ones the average
  /// satisfaction and the percent rated 4 or 5. Percentages and hours have one decimal.
  public static func tickets(_ index: RecordIndex, _ options: ReportOptions, sla: SLAContext, by group: Group?) -> Report {
    struct Cell {
      var opened = 0
      var resolved = 0
      var backlog = 0
      var firstResponse: [Int64] = []
      var resolution: [Int64] = []
      var responseMet = 0
      var responseDecided = 0
      var resolutionMet = 0
      var resolutionDecided = 0
      var reopened = 0
      var everResolved = 0
      var ratings: [Int] = []
    }
    var cells: [String: Cell] = [:]
    for ticket in options.records(.ticket, index) {
      guard let input = SLAInput(ticket: ticket) else { continue }
      let key: String
      switch group {
      case nil: key = "all"
      case let group?: key = ticket[group.rawValue]?.string ?? (group == .priority ? "normal" : "(none)")
      }
      var cell = cells[key] ?? Cell()
      if let resolved = input.resolvedAt, options.contains(resolved) { cell.resolved += 1 }
      if options.contains(input.openedAt) {
        cell.opened += 1
        if TicketLifecycle.isUnfinished(ticket) { cell.backlog += 1 }
        if let first = input.firstResponseAt { cell.firstResponse.append(sla.countedSeconds(of: input, until: first)) }
        if let resolved = input.resolvedAt { cell.resolution.append(sla.countedSeconds(of: input, until: resolved)) }
        if let status = sla.status(of: ticket) {
          for clock in status.clocks where clock.state == .met || clock.state == .breached {
            let met = clock.state == .met ? 1 : 0
            if clock.kind == .firstResponse {
              cell.responseDecided += 1
              cell.responseMet += met
            } else {
              cell.resolutionDecided += 1
              cell.resolutionMet += met
            }
          }
        }
        var reopens = 0
        if case .integer(let n)? = ticket["reopened"] { reopens = n }
        if input.resolvedAt != nil || reopens > 0 { cell.everResolved += 1 }
        if reopens > 0 { cell.reopened += 1 }
        if case .integer(let rating)? = ticket["satisfaction"] { cell.ratings.append(rating) }
      }
      cells[key] = cell
    }
    // By name; priorities most urgent first.
    func rank(_ key: String) -> Int { group == .priority ? TicketLifecycle.priorities.firstIndex(of: key) ?? Int.max : 0 }
    let rows = cells.sorted { (rank($0.key), $0.key) < (rank($1.key), $1.key) }.map { key, cell -> [Value] in
      [
        .string(key), .integer(cell.opened), .integer(cell.resolved), .integer(cell.backlog),
        .number(medianHours(cell.firstResponse)), .number(medianHours(cell.resolution)),
        .number(Stats.percent(cell.responseMet, cell.responseDecided)),
        .number(Stats.percent(cell.resolutionMet, cell.resolutionDecided)),
        .number(Stats.percent(cell.reopened, cell.everResolved)), .number(average(cell.ratings)),
        .number(Stats.percent(cell.ratings.filter { $0 >= 4 }.count, cell.ratings.count)),
      ]
    }
    let first = group?.rawValue ?? "group"
    return Report(columns: [first] + columns.dropFirst(), rows: rows, chart: Report.Chart(value: "opened", labels: [first]))
  }

  /// The median of counted seconds in hours, to a tenth, rounded half up.
  static func medianHours(_ seconds: [Int64]) -> Decimal? {
    guard !seconds.isEmpty else { return nil }
    let sorted = seconds.sorted()
    let mid = sorted.count / 2
    // Twice the median, so the mean of the middle two stays whole.
    let doubled = sorted.count % 2 == 1 ? 2 * sorted[mid] : sorted[mid - 1] + sorted[mid]
    return Decimal((doubled * 10 + 3600) / 7200) / 10
  }

  /// The mean to a tenth, rounded half up.
  static func average(_ values: [Int]) -> Decimal? {
    guard !values.isEmpty else { return nil }
    return Decimal((values.reduce(0, +) * 20 + values.count) / (2 * values.count)) / 10
  }
}
