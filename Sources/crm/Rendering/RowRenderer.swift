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
      return YAMLRendering.list(objects)
    case .ids:
      return rows.compactMap { $0.first?.text() }.map { $0 + "\n" }.joined()
    case .csv, .tsv, .table:
      return Table(columns: columns, rows: rows).render(format)
    }
  }
}

/// Amounts for people: the currency's minor units (two decimals, none for JPY), thousands
/// grouped, rounded half away from zero. Scripts get the exact decimal from the machine
/// formats instead.
enum Money {
  static func text(_ amount: Decimal, _ currency: String? = nil) -> String {
    let scale = currency.map(minorUnits) ?? 2
    var digits = amount.description
    let negative = digits.hasPrefix("-")
    if negative { digits.removeFirst() }
    let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
    var fraction = parts.count > 1 ? Array(parts[1]).compactMap { $0.wholeNumberValue } : []
    fraction += Array(repeating: 0, count: max(0, scale + 1 - fraction.count))
    var kept = Array(parts[0]).compactMap { $0.wholeNumberValue } + fraction.prefix(scale)
    if fraction[scale] >= 5 {  // round up: carry through the digits
      var i = kept.count - 1
      while i >= 0 && kept[i] == 9 {
        kept[i] = 0
        i -= 1
      }
      if i >= 0 { kept[i] += 1 } else { kept.insert(1, at: 0) }
    }
    var whole = Array(kept.dropLast(scale))
    if whole.isEmpty { whole = [0] }
    var text = negative && kept.contains(where: { $0 != 0 }) ? "-" : ""
    for (i, d) in whole.enumerated() {
      if i > 0 && (whole.count - i) % 3 == 0 { text += "," }
      text += String(d)
    }
    if scale > 0 { text += "." + kept.suffix(scale).map(String.init).joined() }
    return currency.map { text + " " + $0 } ?? text
  }

  /// ISO 4217 minor units of the currencies that do not use two decimals.
  static func minorUnits(_ currency: String) -> Int {
    switch currency {
    case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF": return 0
    case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND": return 3
    default: return 2
    }
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
