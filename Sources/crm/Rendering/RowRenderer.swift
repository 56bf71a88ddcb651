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
    // The exact decimal's digits, worked on as bytes in two buffers: an agenda or a report
    // draws thousands of amounts.
    let written = Array(amount.description.utf8)
    let negative = written.first == UInt8(ascii: "-")
    let point = written.firstIndex(of: UInt8(ascii: ".")) ?? written.endIndex
    func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    // The whole part's digits, then the fraction's, to one past `scale` (the one to round by).
    var kept: [UInt8] = []
    kept.reserveCapacity(point + scale + 2)
    for byte in written[..<point] where isDigit(byte) { kept.append(byte - 0x30) }
    let whole = kept.count
    for byte in written[min(point + 1, written.endIndex)...].prefix(while: { $0 != UInt8(ascii: ".") }) where isDigit(byte) {
      kept.append(byte - 0x30)
    }
    while kept.count < whole + scale + 1 { kept.append(0) }
    let roundUp = kept[whole + scale] >= 5
    kept.removeSubrange((whole + scale)...)
    if roundUp {  // carry through the digits
      var i = kept.count - 1
      while i >= 0 && kept[i] == 9 {
        kept[i] = 0
        i -= 1
      }
      if i >= 0 { kept[i] += 1 } else { kept.insert(1, at: 0) }
    }
    var text: [UInt8] = []
    text.reserveCapacity(kept.count * 2 + 8 + (currency?.utf8.count ?? 0))
    if negative && kept.contains(where: { $0 != 0 }) { text.append(UInt8(ascii: "-")) }
    let wholeDigits = kept.count - scale
    if wholeDigits == 0 { text.append(UInt8(ascii: "0")) }
    for i in 0..<wholeDigits {
      if i > 0 && (wholeDigits - i) % 3 == 0 { text.append(UInt8(ascii: ",")) }
      text.append(0x30 + kept[i])
    }
    if scale > 0 {
      text.append(UInt8(ascii: "."))
      for digit in kept[wholeDigits...] { text.append(0x30 + digit) }
    }
    if let currency {
      text.append(UInt8(ascii: " "))
      text += currency.utf8
    }
    return String(decoding: text, as: UTF8.self)
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
