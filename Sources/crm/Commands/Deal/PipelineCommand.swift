import ArgumentParser
import CRMKit

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

struct PipelineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pipeline",
    abstract: "Show open deals as a board: a column per stage with count, total and weighted total.",
    discussion: """
      Totals are exact and kept per currency; amounts in different currencies are never added. The weighted total counts each deal at its probability (its own, else its stage's). Machine formats give one row per stage and currency: stage, probability, currency, count, total, weighted.

      Examples:
        crm pipeline
        crm pipeline company:acme --format tsv
      """)

  @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Filter terms for the deals, e.g. owner:me 'close<2027-01-01'.", valueName: "filter"))
  var filter: [String] = []

  @Option(help: "Output format: table (a board, for people), json, ndjson, csv, tsv, yaml or ids (the deals).")
  var format: OutputFormat = .table

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    let loaded = session.load([.deal])
    let deals = loaded.index[.deal]
    let query = try Query.parse(CommandLineWords.filterWords(filter), type: .deal, fields: Query.fields(of: .deal, in: deals), clock: session.clock)
    let pipeline = Pipeline(session.repo.config)
    let board = pipeline.board(deals.filter(query.matches))
    switch format {
    case .table:
      Terminal.write(Board.render(board, width: Terminal.width))
    case .ids:
      Terminal.write(board.flatMap(\.deals).map { $0.id + "\n" }.joined())
    default:
      let rows = board.flatMap { column -> [[Value]] in
        let currencies = column.total.byCurrency.keys.sorted()
        return (currencies.isEmpty ? [pipeline.currency] : currencies).map { currency in
          let count = column.deals.filter { pipeline.currency(of: $0) == currency }.count
          return [
            .string(column.stage.name), .integer(column.stage.probability), .string(currency), .integer(count),
            .decimal(column.total.byCurrency[currency] ?? 0), .decimal(column.weighted.byCurrency[currency] ?? 0),
          ]
        }
      }
      Terminal.write(
        RowRenderer.render(columns: ["stage", "probability", "currency", "count", "total", "weighted"], rows: rows, format: format))
    }
    try Session.finish(loaded.problems)
  }
}

/// The pipeline board for people: one column per stage, its totals, then its deals.
enum Board {
  static func render(_ columns: [Pipeline.Column], width: Int) -> String {
    guard !columns.isEmpty else { return "" }
    let gap = 2
    let columnWidth = max(18, (width - gap * (columns.count - 1)) / columns.count)
    let bold = Terminal.useColor ? ("\u{1B}[1m", "\u{1B}[0m") : ("", "")
    var heads: [[String]] = []
    var bodies: [[String]] = []
    for column in columns {
      var head = [column.stage.name.uppercased() + " (\(column.deals.count))"]
      head += column.total.sorted.map { "total " + Money.text($0.amount, $0.currency) }
      head += column.weighted.sorted.map { "weighted " + Money.text($0.amount, $0.currency) }
      heads.append(head)
      bodies.append(column.deals.flatMap { deal -> [String] in
        [Table.oneLine(deal.title), "  " + (Pipeline.value(of: deal).map { Money.text($0, deal["currency"]?.string) } ?? "no value")]
      })
    }
    let headHeight = heads.map(\.count).max() ?? 0
    heads = heads.map { $0 + Array(repeating: "", count: headHeight - $0.count) }
    let bodyHeight = bodies.map(\.count).max() ?? 0
    func line(_ cells: [String]) -> String {
      var out = ""
      for (i, cell) in cells.enumerated() {
        let text = Table.fit(cell, columnWidth)
        out += i == cells.count - 1 ? text : text + String(repeating: " ", count: columnWidth - Table.width(text) + gap)
      }
      return out.trimmingTrailingSpaces + "\n"
    }
    var out = ""
    for row in 0..<headHeight {
      let text = line(heads.map { $0[row] })
      out += row == 0 ? bold.0 + text.dropLast() + bold.1 + "\n" : text
    }
    out += line(columns.map { _ in String(repeating: "─", count: columnWidth) })
    for row in 0..<bodyHeight { out += line(bodies.map { row < $0.count ? $0[row] : "" }) }
    return out
  }

}
