#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The deal reports: pure functions of the index, the options and the clock. Money is summed
/// per currency and never mixed; an empty repo gives the columns and no rows.
public enum SalesReports {
  /// Open deals per stage and currency: count, total, weighted total, median days in stage.
  /// Deals count by `created`.
  public static func pipeline(_ index: RecordIndex, _ options: ReportOptions, pipeline: Pipeline, clock: CRMClock) -> Report {
    let deals = options.records(.deal, index).filter { options.contains($0.timestamp("created")) }
    var rows: [[Value]] = []
    for column in pipeline.board(deals) {
      for currency in Set(column.deals.map(pipeline.currency)).sorted() {
        let inCurrency = column.deals.filter { pipeline.currency(of: $0) == currency }
        let ages = inCurrency.compactMap { Pipeline.enteredCurrentStage($0).map { Stats.days($0, clock.now) } }
        rows.append([
          .string(column.stage.name), .string(currency), .integer(inCurrency.count),
          .decimal(column.total.byCurrency[currency] ?? 0), .decimal(column.weighted.byCurrency[currency] ?? 0),
          .number(Stats.median(ages)),
        ])
      }
    }
    return Report(
      columns: ["stage", "currency", "deals", "total", "weighted", "median_days_in_stage"], rows: rows,
      chart: Report.Chart(value: "weighted", labels: ["stage"], oneChartPer: "currency"))
  }

  /// Open deals by the period of their expected close, weighted by probability, beside the
  /// revenue won in the `periods` periods before; open deals whose close date has passed are
  /// the `overdue` row, those without one the `undated` row.
  public static func forecast(
    _ index: RecordIndex, _ options: ReportOptions, pipeline: Pipeline, clock: CRMClock, by period: Period, periods: Int
  ) -> Report {
    let current = period.start(of: clock.today)
    let first = period.advance(current, by: -periods)
    let last = period.advance(current, by: periods)  // exclusive
    var labels = ["overdue"] + period.labels(from: first, to: last.adding(days: -1)) + ["undated"]
    struct Cell {
      var open = 0
      var value = Decimal(0)
      var weighted = Decimal(0)
      var won = 0
      var wonValue = Decimal(0)
    }
    var cells: [String: [String: Cell]] = [:]  // label → currency → cell
    for deal in options.records(.deal, index) {
      let currency = pipeline.currency(of: deal)
      let value = Pipeline.value(of: deal) ?? 0
      if pipeline.isOpen(deal) {
        let close = deal.date("expected_close")
        if let close, !options.contains(Timestamp(seconds: Int64(close.daysSinceEpoch) * 86400)) { continue }
        let label: String
        if let close {
          if close < clock.today {
            label = "overdue"
          } else if close < last {
            label = period.label(close)
          } else {
            continue
          }
        } else {
          label = "undated"
        }
        cells[label, default: [:]][currency, default: Cell()].open += 1
        cells[label, default: [:]][currency, default: Cell()].value += value
        cells[label, default: [:]][currency, default: Cell()].weighted += pipeline.weightedValue(of: deal) ?? 0
      } else if pipeline.stage(of: deal)?.outcome == .won, let closed = deal.timestamp("closed_at"), options.contains(closed),
        closed.date >= first, closed.date < last
      {
        cells[period.label(closed.date), default: [:]][currency, default: Cell()].won += 1
        cells[period.label(closed.date), default: [:]][currency, default: Cell()].wonValue += value
      }
    }
    labels = labels.filter { $0 != "overdue" && $0 != "undated" || cells[$0] != nil }
    var rows: [[Value]] = []
    for label in labels {
      let byCurrency = cells[label] ?? [pipeline.currency: Cell()]
      for (currency, cell) in byCurrency.sorted(by: { $0.key < $1.key }) {
        rows.append([
          .string(label), .string(currency), .integer(cell.open), .decimal(cell.value), .decimal(cell.weighted), .integer(cell.won),
          .decimal(cell.wonValue),
        ])
      }
    }
    return Report(
      columns: ["period", "currency", "open_deals", "open_value", "weighted", "won_deals", "won_value"], rows: rows,
      chart: Report.Chart(value: "weighted", labels: ["period"], oneChartPer: "currency", isTimeline: true))
  }

  /// Of the deals that reached each stage, how many reached the next, from the history; the
  /// last row is the overall conversion from the first stage to won. A deal reached a stage
  /// when it was ever in it or in a later open stage or won (skipping a stage passes it). Deals
  /// count by when they entered the pipeline (their first history entry, else `created`).
  public static func funnel(_ index: RecordIndex, _ options: ReportOptions, pipeline: Pipeline) -> Report {
    let ladder = pipeline.openStages + pipeline.stages.filter { $0.outcome == .won }.prefix(1)
    var reached = Array(repeating: 0, count: ladder.count)
    for deal in options.records(.deal, index) {
      let history = Pipeline.history(of: deal)
      guard options.contains(history.first?.at ?? deal.timestamp("created")) else { continue }
      let visited = history.map(\.stage) + [deal["stage"]?.string].compactMap { $0 }
      let furthest = visited.compactMap { name in ladder.firstIndex { $0.name == name } }.max()
      guard let furthest else { continue }
      for i in 0...furthest { reached[i] += 1 }
    }
    var rows: [[Value]] = []
    for (i, stage) in ladder.enumerated() {
      let next = i + 1 < ladder.count ? reached[i + 1] : nil
      rows.append([
        .string(stage.name), .integer(reached[i]), next.map { .integer($0) } ?? .null,
        .number(next.flatMap { Stats.percent($0, reached[i]) }),
      ])
    }
    if let first = reached.first, let won = reached.last, ladder.count > 1 {
      rows.append([.string("overall"), .integer(first), .integer(won), .number(Stats.percent(won, first))])
    }
    return Report(
      columns: ["stage", "reached", "reached_next", "conversion"], rows: rows, chart: Report.Chart(value: "reached", labels: ["stage"]))
  }

  public enum WinRateGroup: String, Sendable, CaseIterable { case source, owner, quarter, tag }

  /// Closed deals (won or lost, by `closed_at`): won ÷ (won + lost), average won size and
  /// median days from created to closed, per group and currency. The last row, `all` with no
  /// currency, is the win rate over every closed deal, each counted once: a win rate counts
  /// deals, whatever their currency (so its average won, which would mix them, is empty).
  public static func winRate(_ index: RecordIndex, _ options: ReportOptions, pipeline: Pipeline, by group: WinRateGroup?) -> Report {
    struct Cell {
      var won = 0
      var lost = 0
      var wonValue = Decimal(0)
      var days: [Int] = []

      mutating func add(_ other: Cell) {
        won += other.won
        lost += other.lost
        wonValue += other.wonValue
        days += other.days
      }
    }
    var cells: [String: [String: Cell]] = [:]
    var overall = Cell()
    for deal in options.records(.deal, index) {
      guard let outcome = pipeline.stage(of: deal)?.outcome, outcome != .open, let closed = deal.timestamp("closed_at"),
        options.contains(closed)
      else { continue }
      let groups: [String]
      switch group {
      case nil: groups = ["all"]
      case .source?: groups = [deal["source"]?.string ?? "(none)"]
      case .owner?: groups = [deal["owner"]?.string ?? "(none)"]
      case .quarter?: groups = [Period.quarter.label(closed.date)]
      case .tag?: groups = deal.strings("tags").isEmpty ? ["(none)"] : deal.strings("tags").uniqued()
      }
      var counted = Cell()
      if outcome == .won {
        counted.won = 1
        counted.wonValue = Pipeline.value(of: deal) ?? 0
        if let created = Pipeline.history(of: deal).first?.at ?? deal.timestamp("created") {
          counted.days = [Stats.days(created, closed)]
        }
      } else {
        counted.lost = 1
      }
      let currency = pipeline.currency(of: deal)
      for g in groups { cells[g, default: [:]][currency, default: Cell()].add(counted) }
      overall.add(counted)
    }
    func row(_ g: String, _ currency: String?, _ cell: Cell) -> [Value] {
      let averageWon: Value = currency != nil && cell.won > 0 ? .decimal(cell.wonValue / Decimal(cell.won)) : .null
      return [
        .string(g), currency.map { .string($0) } ?? .null, .integer(cell.won), .integer(cell.lost),
        .number(Stats.percent(cell.won, cell.won + cell.lost)), averageWon, .number(Stats.median(cell.days)),
      ]
    }
    var rows: [[Value]] = []
    for (g, byCurrency) in cells.sorted(by: { $0.key < $1.key }) {
      for (currency, cell) in byCurrency.sorted(by: { $0.key < $1.key }) { rows.append(row(g, currency, cell)) }
    }
    if !rows.isEmpty { rows.append(row("all", nil, overall)) }
    return Report(
      columns: [group?.rawValue ?? "group", "currency", "won", "lost", "win_rate", "average_won", "median_days_to_close"], rows: rows,
      chart: Report.Chart(value: "win_rate", labels: [group?.rawValue ?? "group", "currency"]))
  }

  public enum RevenueGroup: String, Sendable, CaseIterable { case month, quarter, company }

  /// Won revenue by the period it closed in, or per company: its purchase history (first and
  /// last win) and lifetime value. A `(total)` row per currency comes last.
  public static func revenue(_ index: RecordIndex, _ options: ReportOptions, pipeline: Pipeline, by group: RevenueGroup) -> Report {
    struct Cell {
      var deals = 0
      var value = Decimal(0)
      var first: CalendarDate?
      var last: CalendarDate?

      mutating func add(_ value: Decimal, closed: CalendarDate) {
        deals += 1
        self.value += value
        first = min(first ?? closed, closed)
        last = max(last ?? closed, closed)
      }
    }
    var cells: [String: [String: Cell]] = [:]
    var totals: [String: Cell] = [:]
    var periods: [CalendarDate] = []
    for deal in options.records(.deal, index) {
      guard pipeline.stage(of: deal)?.outcome == .won, let closed = deal.timestamp("closed_at"), options.contains(closed) else { continue }
      let key: String
      switch group {
      case .month: key = Period.month.label(closed.date)
      case .quarter: key = Period.quarter.label(closed.date)
      case .company: key = deal["company"]?.string ?? "(none)"
      }
      periods.append(closed.date)
      let (currency, value) = (pipeline.currency(of: deal), Pipeline.value(of: deal) ?? 0)
      cells[key, default: [:]][currency, default: Cell()].add(value, closed: closed.date)
      totals[currency, default: Cell()].add(value, closed: closed.date)
    }
    func row(_ key: String, _ currency: String, _ cell: Cell) -> [Value] {
      var row: [Value] = [.string(key), .string(currency), .integer(cell.deals), .decimal(cell.value)]
      if group == .company {
        row.append(cell.first.map { .date($0) } ?? .null)
        row.append(cell.last.map { .date($0) } ?? .null)
      }
      return row
    }
    var keys = cells.keys.sorted()
    if group != .company, let lo = periods.min(), let hi = periods.max() {
      keys = (group == .month ? Period.month : Period.quarter).labels(from: lo, to: hi)  // empty periods too
    }
    var rows: [[Value]] = []
    for key in keys {
      for (currency, cell) in (cells[key] ?? [pipeline.currency: Cell()]).sorted(by: { $0.key < $1.key }) {
        rows.append(row(key, currency, cell))
      }
    }
    if group == .company {
      // Per currency, the biggest lifetime value first: amounts in different currencies are
      // not compared.
      rows.sort { a, b in
        if a[1].text() != b[1].text() { return a[1].text() < b[1].text() }
        let (x, y) = (a[3].decimalValue, b[3].decimalValue)
        return x != y ? x > y : a[0].text() < b[0].text()
      }
    }
    rows += totals.sorted(by: { $0.key < $1.key }).map { row(Report.total, $0.key, $0.value) }
    let columns =
      group == .company ? ["company", "currency", "deals", "revenue", "first_won", "last_won"] : [group.rawValue, "currency", "deals", "revenue"]
    return Report(
      columns: columns, rows: rows, chart: Report.Chart(value: "revenue", labels: [columns[0]], oneChartPer: "currency", isTimeline: group != .company))
  }

  /// Contacts and deals per `source`: how many contacts became customers, and the deals and
  /// revenue won. Both count by `created`.
  public static func sources(_ index: RecordIndex, _ options: ReportOptions, pipeline: Pipeline) -> Report {
    struct Cell {
      var contacts = 0
      var customers = 0
      var deals = 0
      var won = 0
      var revenue: [String: Decimal] = [:]
    }
    var cells: [String: Cell] = [:]
    for contact in options.records(.contact, index) where options.contains(contact.timestamp("created")) {
      let source = contact["source"]?.string ?? "(none)"
      cells[source, default: Cell()].contacts += 1
      if contact["status"]?.string == "customer" { cells[source, default: Cell()].customers += 1 }
    }
    for deal in options.records(.deal, index) where options.contains(deal.timestamp("created")) {
      let source = deal["source"]?.string ?? "(none)"
      cells[source, default: Cell()].deals += 1
      if pipeline.stage(of: deal)?.outcome == .won {
        cells[source, default: Cell()].won += 1
        cells[source, default: Cell()].revenue[pipeline.currency(of: deal), default: 0] += Pipeline.value(of: deal) ?? 0
      }
    }
    var rows: [[Value]] = []
    for (source, cell) in cells.sorted(by: { $0.key < $1.key }) {
      let revenue = cell.revenue.isEmpty ? [(pipeline.currency, Decimal(0))] : cell.revenue.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
      for (currency, value) in revenue {
        rows.append([
          .string(source), .integer(cell.contacts), .integer(cell.customers), .number(Stats.percent(cell.customers, cell.contacts)),
          .integer(cell.deals), .integer(cell.won), .string(currency), .decimal(value),
        ])
      }
    }
    return Report(
      columns: ["source", "contacts", "customers", "conversion", "deals", "won_deals", "currency", "won_revenue"], rows: rows,
      chart: Report.Chart(value: "contacts", labels: ["source"]))
  }
}

extension Value {
  /// A number's exact value; 0 for anything else.
  public var decimalValue: Decimal {
    switch self {
    case .decimal(let d): return d
    case .integer(let n): return Decimal(n)
    default: return 0
    }
  }
}
