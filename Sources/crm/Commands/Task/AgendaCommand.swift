import ArgumentParser
import CRMKit

struct AgendaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "agenda",
    abstract: "What needs doing: overdue and due tasks, tickets near their SLA, deals past their close date, stale deals.",
    discussion: """
      Lists open tasks that are overdue or due within --days days (1: today), unfinished tickets whose SLA is breached or falls due within those days, open deals whose expected_close has passed, and open deals with no activity or stage change for 'stale_after' days (.crm/config.yaml). Prints nothing and exits 0 when there is nothing to do, so a cron job can mail it only on days with work:

        0 7 * * 1-5 crm -C ~/clients agenda | mail -E -s agenda me@example.com

      Machine formats give one row per item: section (overdue, due, sla, closing, stale), type, id, title, date, days (date minus today).
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
    // Only what the agenda looks at (`Projection.agenda`), and of the activities, which are
    // most of a repo, only those that name an open deal.
    let config = session.repo.config
    let pipeline = Pipeline(config)
    let loaded = session.load(.about([.task, .deal, .ticket], .agenda) { first in Set(first.index[.deal].filter(pipeline.isOpen).map(\.id)) })
    let (index, problems) = (loaded.index, loaded.problems)
    let items = Agenda.items(
      index, pipeline: pipeline, clock: session.clock, days: days, staleAfter: config.staleAfterDays, sla: session.sla)
    if format == .table {
      Terminal.write(render(items, session: session, pipeline: pipeline, staleAfter: config.staleAfterDays))
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
    try Session.finish(problems)
  }

  /// Sections with a heading each, columns aligned across them; empty sections are left
  /// out, so a day without work prints nothing.
  private func render(_ items: [Agenda.Item], session: Session, pipeline: Pipeline, staleAfter: Int) -> [UInt8] {
    let bold = Terminal.useColor ? ("\u{1B}[1m", "\u{1B}[0m") : ("", "")
    // A deal past its close is often stale too: its detail is worked out once.
    var deals: [ObjectIdentifier: String] = [:]
    func dealDetail(_ deal: Record) -> String {
      if let known = deals[ObjectIdentifier(deal)] { return known }
      // A deal that does not name its currency is in the pipeline's (what `Derived` would fill in).
      let currency = deal["currency"] == nil ? pipeline.currency : deal["currency"]?.string
      let text = [deal["stage"]?.string, Pipeline.value(of: deal).map { Money.text($0, currency) }].compactMap { $0 }.joined(separator: "  ")
      deals[ObjectIdentifier(deal)] = text
      return text
    }
    let rows = items.map { item -> [Value] in
      let record = item.record
      let detail: String
      switch item.section {
      case .overdue, .due:
        detail = [record["priority"]?.string, record["contact"]?.string, record["deal"]?.string].compactMap { $0 }.joined(separator: "  ")
      case .sla:
        let clocks = session.sla.status(of: record)?.clocks ?? []
        let standing = clocks.map { ($0.kind == .firstResponse ? "response " : "resolution ") + $0.standing }
        detail = ([record["priority"]?.string, record["contact"]?.string].compactMap { $0 } + standing).joined(separator: "  ")
      case .closing, .stale: detail = dealDetail(record)
      }
      return [.date(item.date), .string(Self.relative(item.days, item.section)), .string(record.id), .string(record.title), .string(detail)]
    }
    // One table, so columns align across the sections, drawn into one buffer.
    let table = Table.Layout(Table(columns: ["", "", "", "", ""], rows: rows))
    var out: [UInt8] = []
    out.reserveCapacity(table.size + 200)
    var counts: [Agenda.Section: Int] = [:]
    for item in items { counts[item.section, default: 0] += 1 }
    for i in items.indices {
      let section = items[i].section
      if i == 0 || items[i - 1].section != section {
        let heading: String
        switch section {
        case .overdue: heading = "Overdue"
        case .due: heading = days == 1 ? "Due today" : "Due in the next \(days) days"
        case .sla: heading = days == 1 ? "Tickets breaching their SLA or due today" : "Tickets breaching their SLA or due in the next \(days) days"
        case .closing: heading = "Deals past their expected close"
        case .stale: heading = "Deals with no activity for \(staleAfter)+ days"
        }
        out += ((i == 0 ? "" : "\n") + bold.0 + heading + " (\(counts[section, default: 0]))" + bold.1 + "\n").utf8
      }
      out += "  ".utf8
      table.append(table.rows[i], to: &out)
      out.append(UInt8(ascii: "\n"))
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
