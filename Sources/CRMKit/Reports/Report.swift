#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A report's result: named columns of exact values, one row per group. The column names
/// are the JSON/CSV contract; `chart` says how a bar chart draws the rows.
public struct Report: Sendable {
  public let columns: [String]
  public var rows: [[Value]]
  public let chart: Chart?

  /// The group value of a row that sums the rows above it in one currency: in parentheses
  /// like `(none)`, so it is never a period, an id or a name.
  public static let total = "(total)"

  public init(columns: [String], rows: [[Value]], chart: Chart?) {
    self.columns = columns
    self.rows = rows
    self.chart = chart
  }

  /// How a report's bar chart draws its rows: the numeric column `value` as bars labelled
  /// by the `labels` columns, with one chart for each value of `oneChartPer` (`currency`
  /// when the bars are money: amounts in different currencies are never compared). When the
  /// labels are periods (`isTimeline`), each of those charts has a bar for every period.
  public struct Chart: Sendable {
    public let value: String
    public let labels: [String]
    public let oneChartPer: String?
    public let isTimeline: Bool

    public init(value: String, labels: [String], oneChartPer: String? = nil, isTimeline: Bool = false) {
      self.value = value
      self.labels = labels
      self.oneChartPer = oneChartPer
      self.isTimeline = isTimeline
    }
  }

  /// One labelled bar of a chart.
  public struct Bar: Sendable, Equatable {
    public let label: String
    public let value: Value
  }

  /// Bars drawn on one scale, under a title (the currency) when the chart is split.
  public struct ChartSection: Sendable, Equatable {
    public let title: String?
    public let bars: [Bar]
  }

  /// The chart's sections in the order of their titles, the bars in row order; on a
  /// timeline a period a section has no row for is a bar of 0. Total rows are left out: a
  /// total's bar would dwarf the bars it sums. A currency with no bar above 0 gets no chart.
  public var chartSections: [ChartSection] {
    guard let chart, let valueIndex = columns.firstIndex(of: chart.value) else { return [] }
    let labelIndexes = chart.labels.compactMap { columns.firstIndex(of: $0) }
    let splitIndex = chart.oneChartPer.flatMap { columns.firstIndex(of: $0) }
    var sections: [String: [Bar]] = [:]
    var periods: [String] = []
    for row in rows where row.first != .string(Report.total) {
      let label = labelIndexes.map { row[$0].text() }.filter { !$0.isEmpty }.joined(separator: " ")
      sections[splitIndex.map { row[$0].text() } ?? "", default: []].append(Bar(label: label, value: row[valueIndex]))
      if periods.last != label { periods.append(label) }
    }
    if chart.isTimeline {
      for (title, bars) in sections {
        sections[title] = periods.map { period in bars.first { $0.label == period } ?? Bar(label: period, value: .decimal(0)) }
      }
    }
    if splitIndex != nil { sections = sections.filter { $0.value.contains { $0.value.decimalValue > 0 } } }
    return sections.sorted { $0.key < $1.key }.map { ChartSection(title: splitIndex == nil ? nil : $0.key, bars: $0.value) }
  }
}

/// What every report takes: the records it counts are filtered by `filter` (per type) and by
/// the date each report counts them at, within `since`/`until`.
public struct ReportOptions: Sendable {
  public var filters: [RecordType: Query] = [:]
  public var since: Timestamp?
  public var until: Timestamp?

  public init(filters: [RecordType: Query] = [:], since: Timestamp? = nil, until: Timestamp? = nil) {
    self.filters = filters
    self.since = since
    self.until = until
  }

  /// The records of `type` that pass the filter.
  func records(_ type: RecordType, _ index: RecordIndex) -> [Record] {
    guard let query = filters[type] else { return index[type] }
    return index[type].filter(query.matches)
  }

  /// Whether an instant is inside `since`…`until` (until inclusive of its instant).
  func contains(_ t: Timestamp?) -> Bool {
    guard let t else { return since == nil && until == nil }
    if let since, t < since { return false }
    if let until, until < t { return false }
    return true
  }
}

/// Calendar periods and their labels: `2026-11-22`, `2026-W47` (ISO 8601 weeks), `2026-11`,
/// `2026-Q4`.
public enum Period: String, Sendable, CaseIterable {
  case day, week, month, quarter

  /// The first day of the period that holds `date`.
  public func start(of date: CalendarDate) -> CalendarDate {
    switch self {
    case .day: return date
    case .week: return date.adding(days: 1 - date.weekday)
    case .month: return date.adding(days: 1 - date.day)
    case .quarter: return date.adding(days: 1 - date.day).adding(months: -((date.month - 1) % 3))
    }
  }

  /// The start of the period `n` periods after the one starting at `start`.
  public func advance(_ start: CalendarDate, by n: Int) -> CalendarDate {
    switch self {
    case .day: return start.adding(days: n)
    case .week: return start.adding(days: 7 * n)
    case .month: return start.adding(months: n)
    case .quarter: return start.adding(months: 3 * n)
    }
  }

  public func label(_ date: CalendarDate) -> String {
    switch self {
    case .day: return date.description
    case .month: return String(date.description.prefix(7))
    case .quarter: return "\(date.year)-Q\((date.month - 1) / 3 + 1)"
    case .week:
      // The ISO week belongs to the year of its Thursday.
      let thursday = date.adding(days: 4 - date.weekday)
      let firstOfYear = thursday.adding(days: 1 - thursday.day).adding(months: 1 - thursday.month)
      let week = (thursday.daysSinceEpoch - firstOfYear.daysSinceEpoch) / 7 + 1
      return "\(thursday.year)-W" + (week < 10 ? "0" : "") + String(week)
    }
  }

  /// The labels of every period from the one holding `from` through the one holding `to`.
  public func labels(from: CalendarDate, to: CalendarDate) -> [String] {
    var labels: [String] = []
    var current = start(of: from)
    while current <= to && labels.count < 10_000 {
      labels.append(label(current))
      current = advance(current, by: 1)
    }
    return labels
  }
}

/// Small exact statistics for reports.
public enum Stats {
  /// `part / whole` in percent with one decimal, rounded half up; nil when `whole` is 0.
  public static func percent(_ part: Int, _ whole: Int) -> Decimal? {
    guard whole > 0 else { return nil }
    let tenths = (part * 2000 + whole) / (2 * whole)  // round(part * 1000 / whole)
    return Decimal(tenths) / 10
  }

  /// The median; the mean of the middle two for an even count.
  public static func median(_ values: [Int]) -> Decimal? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? Decimal(sorted[mid]) : Decimal(sorted[mid - 1] + sorted[mid]) / 2
  }

  /// Whole days from `a` to `b`.
  public static func days(_ a: Timestamp, _ b: Timestamp) -> Int {
    Int((b.seconds - a.seconds) / 86400)
  }
}

extension Record {
  func timestamp(_ key: String) -> Timestamp? {
    if case .timestamp(let t)? = self[key] { return t }
    return nil
  }

  func date(_ key: String) -> CalendarDate? {
    switch self[key] {
    case .date(let d)?: return d
    case .timestamp(let t)?: return t.date
    default: return nil
    }
  }

  /// The record's values of a list or scalar field as strings (`tags`, `source`).
  func strings(_ key: String) -> [String] {
    (self[key]?.items ?? []).compactMap { $0.string }
  }
}

extension Value {
  /// `.decimal` of an optional, else null.
  static func number(_ d: Decimal?) -> Value { d.map { .decimal($0) } ?? .null }
}
