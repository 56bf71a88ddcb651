#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `crm report leads`: where leads come from and how many become prospects or customers.
public enum LeadReports {
  /// What the rows are grouped by.
  public enum Group: String, Sendable, CaseIterable {
    /// Each source, month by month.
    case source
    case owner
  }

  /// The columns after the group's: the JSON/CSV contract.
  public static let columns = ["leads", "converted", "conversion_rate", "median_days_to_convert"]

  /// Per source and month (or per owner): the leads created in the range (contacts that are
  /// leads, or were until `crm lead convert` set converted_at), how many of them were
  /// converted, the percent converted, and the median whole days from created to converted_at.
  public static func leads(_ index: RecordIndex, _ options: ReportOptions, by group: Group) -> Report {
    struct Cell {
      var leads = 0
      var days: [Int64] = []
    }
    var cells: [[String]: Cell] = [:]
    for contact in options.records(.contact, index) {
      let converted = contact.timestamp("converted_at")
      guard contact["status"]?.string == "lead" || converted != nil, let created = contact.timestamp("created"), options.contains(created)
      else { continue }
      let key: [String]
      switch group {
      case .source: key = [contact["source"]?.text() ?? "(none)", String(created.date.description.prefix(7))]
      case .owner: key = [contact["owner"]?.text() ?? "(none)"]
      }
      var cell = cells[key] ?? Cell()
      cell.leads += 1
      if let converted { cell.days.append(max(0, converted.seconds - created.seconds) / 86400) }
      cells[key] = cell
    }
    let rows = cells.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { key, cell -> [Value] in
      key.map { Value.string($0) } + [
        .integer(cell.leads), .integer(cell.days.count), .number(Stats.percent(cell.days.count, cell.leads)), .number(median(cell.days)),
      ]
    }
    let labels = group == .source ? ["source", "month"] : ["owner"]
    return Report(columns: labels + columns, rows: rows, chart: Report.Chart(value: "leads", labels: labels))
  }

  /// The median to a tenth (the mean of the middle two when there is an even number).
  static func median(_ values: [Int64]) -> Decimal? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? Decimal(sorted[mid]) : Decimal(sorted[mid - 1] + sorted[mid]) / 2
  }
}
