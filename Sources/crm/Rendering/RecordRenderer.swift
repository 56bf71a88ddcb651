import CRMKit

/// Draws records in every output format. `table` is for people; the others are contracts:
/// JSON keys are the file's keys plus `id` and `type`, CSV is RFC 4180 with a header row,
/// TSV has no header and escapes tabs, line breaks and backslashes.
enum RecordRenderer {
  /// The fields a table (and CSV/TSV) shows when `--fields` is not given.
  static func defaultFields(_ type: RecordType) -> [String] { type.spec.columns }

  static func render(_ records: [Record], format: OutputFormat, fields: [String]?, type: RecordType) -> String {
    switch format {
    case .ids:
      return records.map { $0.id + "\n" }.joined()
    case .json:
      guard !records.isEmpty else { return "[]\n" }
      return "[\n" + records.map { "  " + JSON.object(pairs($0, fields)) }.joined(separator: ",\n") + "\n]\n"
    case .ndjson:
      return records.map { JSON.object(pairs($0, fields)) + "\n" }.joined()
    case .yaml:
      return YAMLRendering.list(records.map { pairs($0, fields) })
    case .csv, .tsv, .table:
      let columns = fields ?? defaultFields(type)
      let rows = records.map { record in columns.map { record[type.canonicalKey($0)] ?? .null } }
      return Table(columns: columns, rows: rows).render(format)
    }
  }

  /// `id`, `type`, then the file's keys in file order; or exactly `fields`.
  static func pairs(_ record: Record, _ fields: [String]?) -> [(String, Value)] {
    if let fields { return fields.map { ($0, record[record.type.canonicalKey($0)] ?? .null) } }
    return [("id", .string(record.id)), ("type", .string(record.type.rawValue))]
      + (record.fields + record.derived).filter { $0.key != "id" }.map { ($0.key, $0.value) }
  }
}

/// Rows of values under named columns, drawn as an aligned table, CSV or TSV.
struct Table {
  var columns: [String]
  var rows: [[Value]]

  func render(_ format: OutputFormat) -> String {
    switch format {
    case .csv:
      return ([columns.map(Self.csvField)] + rows.map { $0.map { Self.csvField($0.text(separator: ",")) } })
        .map { $0.joined(separator: ",") + "\r\n" }.joined()
    case .tsv:
      return rows.map { $0.map { Self.tsvField($0.text(separator: ",")) }.joined(separator: "\t") + "\n" }.joined()
    default:
      return aligned()
    }
  }

  /// The most display columns a cell takes: a longer value is cut to it, ending in …, so one
  /// long value neither pushes the other columns off the screen nor pads every row to its
  /// width. The other formats carry it whole.
  static let maximumCellWidth = 60

  /// Columns padded to their widest cell; the header bold on a colour terminal.
  func aligned() -> String {
    let layout = Layout(self)
    var out: [UInt8] = []
    out.reserveCapacity(layout.size)
    layout.appendHeader(to: &out)
    out.append(UInt8(ascii: "\n"))
    for row in layout.rows {
      layout.append(row, to: &out)
      out.append(UInt8(ascii: "\n"))
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The aligned table indented by two spaces, for a section of a card; with or without
  /// its header line. Lines left empty are left out.
  func indented(header: Bool = true) -> String {
    let layout = Layout(self)
    var out: [UInt8] = []
    out.reserveCapacity(layout.size + 3 * layout.rows.count)
    func indent(_ draw: (inout [UInt8]) -> Void) {
      let start = out.count
      out += "  ".utf8
      draw(&out)
      if out.count == start + 2 { out.removeSubrange(start...) } else { out.append(UInt8(ascii: "\n")) }
    }
    if header { indent(layout.appendHeader) }
    for row in layout.rows { indent { layout.append(row, to: &$0) } }
    return String(decoding: out, as: UTF8.self)
  }

  /// The cells as drawn and the columns' widths, from which lines are drawn into one buffer
  /// of bytes: a table can have thousands of rows (an agenda's), and most of its cells are
  /// printable ASCII, which is drawn as it is, one column a byte.
  struct Layout {
    let header: [Cell]
    let rows: [[Cell]]
    let widths: [Int]

    init(_ table: Table) {
      header = table.columns.map { Cell($0.uppercased(), oneLine: false) }
      rows = table.rows.map { $0.map { Cell(Table.fit($0.text(), Table.maximumCellWidth)) } }
      var widths = table.columns.map { Table.width($0) }
      for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.width) } }
      self.widths = widths
    }

    /// About the bytes of the whole table, to reserve.
    var size: Int { (rows.count + 1) * (widths.reduce(0, +) + 2 * widths.count + 1) }

    /// The header's line, bold on a colour terminal.
    func appendHeader(to out: inout [UInt8]) {
      guard Terminal.useColor else { return append(header, to: &out) }
      out += "\u{1B}[1m".utf8
      append(header, to: &out)
      out += "\u{1B}[0m".utf8
    }

    /// Appends a row's line, without trailing spaces or a line break.
    func append(_ row: [Cell], to out: inout [UInt8]) {
      let start = out.count
      for (i, cell) in row.enumerated() {
        out += cell.text.utf8
        if i < row.count - 1 { out += repeatElement(UInt8(ascii: " "), count: widths[i] - cell.width + 2) }
      }
      if row.allSatisfy(\.plain) {
        while out.count > start && out.last == UInt8(ascii: " ") { out.removeLast() }
      } else {
        // Trimmed by characters: a space after some characters is part of them.
        let line = String(decoding: out[start...], as: UTF8.self).trimmingTrailingSpaces
        out.removeSubrange(start...)
        out += line.utf8
      }
    }
  }

  /// A cell as drawn on one line, and its display width.
  struct Cell {
    let text: String
    let width: Int
    /// Printable ASCII only: drawn as it is, a column a byte.
    let plain: Bool

    /// `oneLine`: drawn with its line breaks and tabs as spaces, as a value is (a header is not).
    init(_ text: String, oneLine: Bool = true) {
      var text = text
      plain = text.withUTF8 { $0.allSatisfy { (0x20...0x7E).contains($0) } }
      self.text = plain || !oneLine ? text : Table.oneLine(text)
      width = plain ? text.utf8.count : Table.width(self.text)
    }
  }

  /// A cell's text on one line, with no control characters (see `Terminal.visible`).
  static func oneLine(_ text: String) -> String {
    Terminal.visible(String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 }))
  }

  /// Display width: East Asian wide characters take two columns.
  static func width(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { $0 + width($1) }
  }

  private static func width(_ s: Unicode.Scalar) -> Int {
    if s.properties.generalCategory == .nonspacingMark { return 0 }
    let v = s.value
    let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
      || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
      || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
    return wide ? 2 : 1
  }

  /// Cuts `text` to `width` display columns, ending in … when it was cut. One pass that stops
  /// just past `width`: a cell may hold a whole file's worth of text.
  static func fit(_ text: String, _ width: Int) -> String {
    if text.utf8.count <= width { return text }  // no character takes more columns than bytes
    var used = 0
    var cut = text.startIndex  // where … goes if the text does not fit
    for i in text.indices {
      let next = used + text[i].unicodeScalars.reduce(0) { $0 + Self.width($1) }
      if used <= width - 1 { cut = i }
      if next > width { return text[..<cut] + "…" }
      used = next
    }
    return text
  }

  static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
  }

  static func tsvField(_ text: String) -> String {
    var out = ""
    for c in text {
      switch c {
      case "\\": out += "\\\\"
      case "\t": out += "\\t"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      default: out.append(c)
      }
    }
    return out
  }
}

extension String {
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for c in self { if c == target { out += replacement } else { out.append(c) } }
    return out
  }
}

/// JSON text for values; numbers stay exact (decimals are written as their digits).
enum JSON {
  static func object(_ pairs: [(String, Value)]) -> String {
    "{" + pairs.map { string($0.0) + ":" + value($0.1) }.joined(separator: ",") + "}"
  }

  static func value(_ v: Value) -> String {
    switch v {
    case .null: return "null"
    case .string(let s): return string(s)
    case .integer(let n): return String(n)
    case .decimal(let d): return d.description
    case .bool(let b): return b ? "true" : "false"
    case .date(let d): return string(d.description)
    case .timestamp(let t): return string(t.description)
    case .list(let items): return "[" + items.map(value).joined(separator: ",") + "]"
    case .map(let fields): return object(fields.map { ($0.key, $0.value) })
    }
  }

  static func string(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        // DEL and C1 too, which JSON allows raw but a terminal may act on.
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}

/// YAML output: a list of mappings, quoted by the same emitter that writes record files.
enum YAMLRendering {
  /// A YAML sequence of the mappings; `[]` when there are none, so a script reads an empty list.
  static func list(_ items: [[(String, Value)]]) -> String {
    items.isEmpty ? "[]\n" : items.map(item).joined()
  }

  static func item(_ pairs: [(String, Value)]) -> String {
    switch YAMLEmitter.text(for: .map(pairs.map { Field($0.0, $0.1) })) {
    case .inline(let text): return "- " + text + "\n"
    case .block(let lines):
      return lines.enumerated().map { ($0 == 0 ? "- " : "  ") + $1 + "\n" }.joined()
    }
  }
}
