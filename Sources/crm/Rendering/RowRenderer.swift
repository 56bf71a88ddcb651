import CRMKit

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Draws rows that are not records (pipeline totals, agenda items) in the machine formats:
/// the same JSON, CSV, TSV and YAML rules as records, with `columns` as the keys.
enum RowRenderer {
  static func render(columns: [String], rows: [[Value]], format: OutputFormat) -> String {
    let objects = rows.map { Array(zip(columns, $0)) }
    switch format {
    case .json:
      guard !rows.isEmpty else { return "[]\n" }
      return "[\n" + objects.map { "  " + JSON.object($0) }.joined(separator: ",\n") + "\n]\n"
    case .ndjson:
      return objects.map { JSON.object($0) + "\n" }.joined()
    case .yaml:
      return objects.map(YAMLRendering.item).joined()
    case .ids:
      return rows.compactMap { $0.first?.text() }.map { $0 + "\n" }.joined()
    case .csv, .tsv, .table:
      return Table(columns: columns, rows: rows).render(format)
    }
  }
}

/// Amounts for people: two decimals, thousands grouped, rounded half away from zero. Scripts
/// get the exact decimal from the machine formats instead.
enum Money {
  static func text(_ amount: Decimal, _ currency: String? = nil) -> String {
    var digits = amount.description
    let negative = digits.hasPrefix("-")
    if negative { digits.removeFirst() }
    let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
    var whole = Array(parts[0]).compactMap { $0.wholeNumberValue }
    var fraction = parts.count > 1 ? Array(parts[1]).compactMap { $0.wholeNumberValue } : []
    fraction += Array(repeating: 0, count: max(0, 3 - fraction.count))
    var cents = whole + fraction.prefix(2)
    if fraction[2] >= 5 {  // round up: carry through the digits
      var i = cents.count - 1
      while i >= 0 {
        if cents[i] == 9 { cents[i] = 0; i -= 1 } else { cents[i] += 1; break }
      }
      if i < 0 { cents.insert(1, at: 0) }
    }
    whole = Array(cents.dropLast(2))
    if whole.isEmpty { whole = [0] }
    var grouped = ""
    for (i, d) in whole.enumerated() {
      if i > 0 && (whole.count - i) % 3 == 0 { grouped += "," }
      grouped += String(d)
    }
    let isZero = cents.allSatisfy { $0 == 0 }
    let text = (negative && !isZero ? "-" : "") + grouped + "." + cents.suffix(2).map(String.init).joined()
    return currency.map { text + " " + $0 } ?? text
  }
}

/// Lengths of time for people: `45m`, `5h`, `12d`.
enum Duration {
  static func text(seconds: Int64) -> String {
    let s = max(0, seconds)
    if s >= 86400 { return "\(s / 86400)d" }
    if s >= 3600 { return "\(s / 3600)h" }
    return "\(s / 60)m"
  }
}
