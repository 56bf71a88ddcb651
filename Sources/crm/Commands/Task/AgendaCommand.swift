import ArgumentParser
import CRMKit

struct AgendaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "agenda",
    abstract: "What needs doing: overdue and due tasks, deals past their close date, stale deals.",
    discussion: """
      Lists open tasks that are overdue or due within --days days (1: today), open deals whose expected_close has passed, and open deals with no activity or stage change for 'stale_after' days (.crm/config.yaml). Prints nothing and exits 0 when there is nothing to do, so a cron job can mail it only on days with work:

        0 7 * * 1-5 crm -C ~/clients agenda | mail -E -s agenda me@example.com

      Machine formats give one row per item: section (overdue, due, closing, stale), type, id, title, date, days (date minus today).
      """)

  @Option(help: ArgumentHelp("Show tasks due within N days; 1 is today only.", valueName: "N"))
  var days = 1

  @Option(help: "Output format: table (for people), json, ndjson, csv, tsv, yaml or ids.")
  var format: OutputFormat = .table

  @OptionGroup var store: StoreOptions

  func validate() throws {
    guard days >= 1 else { throw ValidationError("--days must be 1 or more, not '\(days)'") }
  }

  func run() throws {
    let session = try Session(store)
    let loaded = session.load([.task, .deal, .activity])
    let config = session.repo.config
    let items = Agenda.items(
      loaded.index, pipeline: Pipeline(config), clock: session.clock, days: days, staleAfter: config.staleAfterDays)
    if format == .table {
      Terminal.write(render(items, staleAfter: config.staleAfterDays))
    } else {
      let rows = items.map { item -> [Value] in
        [
          .string(item.section.rawValue), .string(item.record.type.rawValue), .string(item.record.id),
          .string(item.record.title), .date(item.date), .integer(item.days),
        ]
      }
      let columns = ["section", "type", "id", "title", "date", "days"]
      Terminal.write(format == .ids ? items.map { $0.record.id + "\n" }.joined() : RowRenderer.render(columns: columns, rows: rows, format: format))
    }
    try Session.finish(loaded.problems)
  }

  /// Sections with a heading each, columns aligned across them; empty sections are left
  /// out, so a day without work prints nothing.
  private func render(_ items: [Agenda.Item], staleAfter: Int) -> String {
    let bold = Terminal.useColor ? ("\u{1B}[1m", "\u{1B}[0m") : ("", "")
    let rows = items.map { item -> [Value] in
      let record = item.record
      let detail: [String?]
      switch item.section {
      case .overdue, .due: detail = [record["priority"]?.string, record["contact"]?.string, record["deal"]?.string]
      case .closing, .stale: detail = [record["stage"]?.string, Pipeline.value(of: record).map { Money.text($0, record["currency"]?.string) }]
      }
      return [
        .date(item.date), .string(Self.relative(item.days, item.section)), .string(record.id), .string(record.title),
        .string(detail.compactMap { $0 }.joined(separator: "  ")),
      ]
    }
    let lines = Table(columns: ["", "", "", "", ""], rows: rows).indented(header: false).split(separator: "\n")
    var out = ""
    for (i, item) in items.enumerated() {
      if i == 0 || items[i - 1].section != item.section {
        let heading: String
        switch item.section {
        case .overdue: heading = "Overdue"
        case .due: heading = days == 1 ? "Due today" : "Due in the next \(days) days"
        case .closing: heading = "Deals past their expected close"
        case .stale: heading = "Deals with no activity for \(staleAfter)+ days"
        }
        let count = items.filter { $0.section == item.section }.count
        out += (i == 0 ? "" : "\n") + bold.0 + heading + " (\(count))" + bold.1 + "\n"
      }
      out += lines[i] + "\n"
    }
    return out
  }

  private static func relative(_ days: Int, _ section: Agenda.Section) -> String {
    switch (section, days) {
    case (.stale, _): return "\(-days) days idle"
    case (_, 0): return "today"
    case (_, 1): return "tomorrow"
    case (_, -1): return "1 day late"
    case (_, ..<0): return "\(-days) days late"
    default: return "in \(days) days"
    }
  }
}
