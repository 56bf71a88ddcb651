import ArgumentParser
import CRMKit

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Reports: pipeline, forecast, funnel, win rate, activity, sources, stale, revenue, tickets, leads.",
    discussion: """
      Every report takes filter terms (applied to the records it counts), --since/--until, and --format table|json|ndjson|csv|tsv|yaml. On a terminal the table comes with a bar chart (--chart forces it, --no-chart hides it); amounts get a chart per currency, each on its own scale. Money is exact and per currency. Malformed files make a report refuse (exit 65) unless --skip-invalid.
      """,
    subcommands: [
      PipelineReport.self, ForecastReport.self, FunnelReport.self, WinRateReport.self, ActivityReport.self, SourcesReport.self,
      StaleReport.self, RevenueReport.self, TicketsReport.self, LeadsReport.self,
    ])

  /// Read by the subcommand (see CommandLineWords.prepare); here for help and completion.
  @OptionGroup var store: StoreOptions
}

/// The options every report has.
struct ReportArguments: ParsableArguments {
  @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Filter terms for the records counted, e.g. owner:maria tag:vip.", valueName: "filter"))
  var filter: [String] = []

  @Option(parsing: .unconditional, help: ArgumentHelp("Count records from then on: 2026-01-01, -90d, monday…", valueName: "when"))
  var since: String?

  @Option(parsing: .unconditional, help: ArgumentHelp("Count records up to then.", valueName: "when"))
  var until: String?

  @Option(help: "Output format: table (for people), json, ndjson, csv, tsv or yaml.")
  var format: OutputFormat = .table

  @Flag(inversion: .prefixedNo, help: "Draw a bar chart under the table (default: on a terminal).")
  var chart: Bool?

  @Flag(help: "Go on when files are malformed, with a warning for each, instead of refusing.")
  var skipInvalid = false

  @OptionGroup var store: StoreOptions

  func validate() throws {
    if format == .ids { throw ValidationError("reports support --format table, json, ndjson, csv, tsv or yaml") }
  }

  /// Loads `types`, refuses on malformed files unless --skip-invalid, and parses the filter
  /// (for each of the `filtering` types) and the date range.
  func prepare(_ types: Set<RecordType>, filtering: [RecordType]) throws -> (Session, RecordIndex, ReportOptions) {
    let session = try Session(store)
    let loaded = session.load(types)
    if !loaded.problems.isEmpty {
      for problem in loaded.problems { Terminal.report(problem) }
      guard skipInvalid else {
        let count = loaded.problems.count
        throw CRMError(.data, "the report would leave out \(count) malformed file\(count == 1 ? "" : "s")", hint: "fix them, or pass --skip-invalid")
      }
    }
    var options = ReportOptions()
    let known = filter.isEmpty ? [] : filtering.reduce(into: Set<String>()) { $0.formUnion(Query.fields(of: $1, in: loaded.index[$1])) }
    for type in filtering where !filter.isEmpty {
      options.filters[type] = try Query.parse(CommandLineWords.filterWords(filter), type: type, fields: known, clock: session.clock)
    }
    options.since = try since.map { text throws(CRMError) in try session.instant(text, flag: "--since") }
    options.until = try until.map { text throws(CRMError) in try Self.end(of: text, session) }
    return (session, loaded.index, options)
  }

  /// The last instant `--until` takes in: a time itself; a date (2026-11-30, today, -1w) to
  /// its end, so `--until today` counts today.
  static func end(of text: String, _ session: Session) throws(CRMError) -> Timestamp {
    let instant = try session.instant(text, flag: "--until")
    guard session.clock.time(text) == nil, text.lowercased().trimmingSpaces != "now" else { return instant }
    let next = session.clock.timestamp(session.clock.local(instant).date.adding(days: 1).description) ?? instant
    return Timestamp(seconds: next.seconds - 1, nanoseconds: 999_999_999, offset: next.offset)
  }

  func print(_ report: Report) {
    guard format == .table else {
      Terminal.write(RowRenderer.render(columns: report.columns, rows: report.rows, format: format))
      return
    }
    Terminal.write(Table(columns: report.columns, rows: report.rows).aligned())
    let sections = report.chartSections
    if chart ?? Environment.stdoutIsTerminal, !sections.isEmpty {
      Terminal.write("\n" + BarChart.render(sections, width: Terminal.width))
    }
  }
}

struct PipelineReport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pipeline",
    abstract: "Open deals per stage: count, total, weighted total, median days in the stage.",
    discussion: "Columns: stage, currency, deals, total, weighted, median_days_in_stage. Deals count by created.")

  @OptionGroup var arguments: ReportArguments

  func run() throws {
    let (session, index, options) = try arguments.prepare([.deal], filtering: [.deal])
    arguments.print(SalesReports.pipeline(index, options, pipeline: Pipeline(session.repo.config), clock: session.clock))
  }
}

struct ForecastReport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "forecast",
    abstract: "Open deals by expected close period, weighted, beside revenue won in past periods.",
    discussion: """
      Rows: 'overdue' (open deals whose expected close has passed), then N past periods, the current one and N-1 ahead, then 'undated'. Columns: period, currency, open_deals, open_value, weighted, won_deals, won_value.
      """)

  @Option(help: "month or quarter.")
  var by: String = "month"

  @Option(help: ArgumentHelp("Periods to look back and ahead.", valueName: "N"))
  var periods = 3

  @OptionGroup var arguments: ReportArguments

  func validate() throws {
    guard by == "month" || by == "quarter" else { throw ValidationError("--by must be month or quarter, not '\(by)'") }
    guard (1...120).contains(periods) else { throw ValidationError("--periods must be 1 to 120, not '\(periods)'") }
  }

  func run() throws {
    let (session, index, options) = try arguments.prepare([.deal], filtering: [.deal])
    arguments.print(
      SalesReports.forecast(
        index, options, pipeline: Pipeline(session.repo.config), clock: session.clock, by: Period(rawValue: by) ?? .month, periods: periods))
  }
}

struct FunnelReport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "funnel",
    abstract: "Of the deals that reached each stage, how many reached the next; lead to won overall.",
    discussion: "Columns: stage, reached, reached_next, conversion (percent). Deals count by when they entered the pipeline.")

  @OptionGroup var arguments: ReportArguments

  func run() throws {
    let (session, index, options) = try arguments.prepare([.deal], filtering: [.deal])
    arguments.print(SalesReports.funnel(index, options, pipeline: Pipeline(session.repo.config)))
  }
}

struct WinRateReport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "win-rate",
    abstract: "Won ÷ (won + lost), average won size, median days to close.",
    discussion: """
      Columns: group (or the --by field), currency, won, lost, win_rate, average_won, \
      median_days_to_close. Deals count by closed_at. The last row, 'all' with no currency, \
      is the win rate over every closed deal, whatever its currency.
      """)

  @Option(help: "Group by source, owner, quarter or tag.")
  var by: String?

  @OptionGroup var arguments: ReportArguments

  func validate() throws {
    if let by, SalesReports.WinRateGroup(rawValue: by) == nil { throw ValidationError("--by must be source, owner, quarter or tag, not '\(by)'") }
  }

  func run() throws {
    let (session, index, options) = try arguments.prepare([.deal], filtering: [.deal])
    arguments.print(
      SalesReports.winRate(index, options, pipeline: Pipeline(session.repo.config), by: by.flatMap(SalesReports.WinRateGroup.init)))
  }
}

struct TicketsReport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tickets",
    abstract: "Support: tickets opened and resolved, backlog, response and resolution times, SLA, reopens, satisfaction.",
    discussion: """
      Columns: group (or the --by field), opened, resolved, backlog, median_first_response_hours, \
      median_resolution_hours, first_response_within_sla, resolution_within_sla, reopen_rate, csat, \
      csat_positive. Tickets count by opened_at (resolved by resolved_at); backlog is those of \
      them still open or pending. Times are in the hours the SLA clocks count: business hours \
      from 'support:' in .crm/config.yaml, not while a ticket was pending. within_sla is the \
      percent of clocks met of those met or breached; csat is the average satisfaction (1-5) and \
      csat_positive the percent rated 4 or 5.

      Example:
        crm report tickets --since -90d --by priority
      """)

  @Option(help: "Group by priority, owner, channel or company.")
  var by: String?

  @OptionGroup var arguments: ReportArguments

  func validate() throws {
    if let by, SupportReports.Group(rawValue: by) == nil {
      throw ValidationError("--by must be priority, owner, channel or company, not '\(by)'")
    }
  }

  func run() throws {
    let (session, index, options) = try arguments.prepare([.ticket], filtering: [.ticket])
    arguments.print(SupportReports.tickets(index, options, sla: session.sla, by: by.flatMap(SupportReports.Group.init)))
  }
}

struct LeadsReport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "leads",
    abstract: "Leads per source and month, or per owner: how many, how many converted, how fast.",
    discussion: """
      Columns: source and month (or owner), leads, converted, conversion_rate, median_days_to_convert. A lead is a contact with status lead, or one 'crm lead convert' converted (it has converted_at); it counts in the month it was created, and converted counts those with converted_at. conversion_rate is the percent converted; median_days_to_convert the median whole days from created to converted_at.

      Example:
        crm report leads --since 2026-01-01 --by owner
      """)

  @Option(help: "Group by source (and month) or owner.")
  var by: String = "source"

  @OptionGroup var arguments: ReportArguments

  func validate() throws {
    if LeadReports.Group(rawValue: by) == nil { throw ValidationError("--by must be source or owner, not '\(by)'") }
  }

  func run() throws {
    let (_, index, options) = try arguments.prepare([.contact], filtering: [.contact])
    arguments.print(LeadReports.leads(index, options, by: LeadReports.Group(rawValue: by) ?? .source))
  }
}

struct ActivityReport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "activity",
    abstract: "Interactions per period and kind, or per contact.",
    discussion: "Columns: period (or contact), total, then one per kind. Periods are labelled 2026-11-22, 2026-W47, 2026-11.")

  @Option(help: "day, week, month or contact.")
  var by: String = "month"

  @Option(help: ArgumentHelp("Only this kind: call, email, meeting, note, chat, sms or social.", valueName: "kind"))
  var kind: String?

  @OptionGroup var arguments: ReportArguments

  func validate() throws {
    guard by == "contact" || Period(rawValue: by).map({ $0 != .quarter }) == true else {
      throw ValidationError("--by must be day, week, month or contact, not '\(by)'")
    }
    if let kind, !["call", "email", "meeting", "note", "chat", "sms", "social"].contains(kind) {
      throw ValidationError("--kind must be call, email, meeting, note, chat, sms or social, not '\(kind)'")
    }
  }

  func run() throws {
    let (_, index, options) = try arguments.prepare([.activity], filtering: [.activity])
    let grouping: ActivityReports.Grouping = by == "contact" ? .contact : .period(Period(rawValue: by) ?? .month)
    arguments.print(ActivityReports.activity(index, options, by: grouping, kind: kind))
  }
}

struct SourcesReport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sources",
    abstract: "Contacts and deals per source: conversion to customer, deals won, won revenue.",
    discussion: "Columns: source, contacts, customers, conversion, deals, won_deals, currency, won_revenue. Both count by created.")

  @OptionGroup var arguments: ReportArguments

  func run() throws {
    let (session, index, options) = try arguments.prepare([.contact, .deal], filtering: [.contact, .deal])
    arguments.print(SalesReports.sources(index, options, pipeline: Pipeline(session.repo.config)))
  }
}

struct StaleReport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stale",
    abstract: "Customers and open deals with no activity for N days (default: stale_after).",
    discussion: "Columns: type, id, name, last_activity, days_silent; the never contacted first, then the longest silence.")

  @Option(help: ArgumentHelp("Days of silence (default: stale_after in .crm/config.yaml).", valueName: "N"))
  var days: Int?

  @OptionGroup var arguments: ReportArguments

  func validate() throws {
    if let days, days < 1 { throw ValidationError("--days must be 1 or more, not '\(days)'") }
  }

  func run() throws {
    let (session, index, options) = try arguments.prepare([.contact, .deal, .activity], filtering: [.contact, .deal])
    let config = session.repo.config
    arguments.print(
      ActivityReports.stale(index, options, pipeline: Pipeline(config), clock: session.clock, days: days ?? config.staleAfterDays))
  }
}

struct RevenueReport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "revenue",
    abstract: "Won revenue per month or quarter, or per company with its purchase history.",
    discussion: """
      Columns: month/quarter, currency, deals, revenue; by company: company, currency, deals, \
      revenue (lifetime value), first_won, last_won. A '(total)' row per currency comes last.
      """)

  @Option(help: "month, quarter or company.")
  var by: String = "month"

  @OptionGroup var arguments: ReportArguments

  func validate() throws {
    guard SalesReports.RevenueGroup(rawValue: by) != nil else { throw ValidationError("--by must be month, quarter or company, not '\(by)'") }
  }

  func run() throws {
    let (session, index, options) = try arguments.prepare([.deal], filtering: [.deal])
    arguments.print(
      SalesReports.revenue(index, options, pipeline: Pipeline(session.repo.config), by: SalesReports.RevenueGroup(rawValue: by) ?? .month))
  }
}

/// Horizontal bars in Unicode eighth blocks fitted to the width, each section scaled to its
/// own largest value under its title; the sections line up with each other.
enum BarChart {
  static func render(_ sections: [Report.ChartSection], width: Int) -> String {
    let bars = sections.flatMap(\.bars)
    let labelWidth = bars.map { Table.width(Table.oneLine($0.label)) }.max() ?? 0
    let textWidth = bars.map { $0.value.text().count }.max() ?? 0
    let barWidth = max(10, width - labelWidth - textWidth - 4)
    let color = Terminal.useColor ? ("\u{1B}[36m", "\u{1B}[0m") : ("", "")
    let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    return sections.map { section in
      let largest = section.bars.map(\.value.decimalValue).max() ?? 0
      return (section.title.map { $0 + "\n" } ?? "")
        + section.bars.map { bar in
          // Eighths of a cell, rounded half up, computed in exact decimals.
          let value = bar.value.decimalValue
          let scaled = largest > 0 && value > 0 ? value * Decimal(barWidth * 8) / largest + Decimal(5) / 10 : 0
          let units = Int(scaled.description.split(separator: ".").first ?? "0") ?? 0
          let drawn = String(repeating: "█", count: units / 8) + eighths[units % 8]
          let label = Table.oneLine(bar.label)
          let padding = String(repeating: " ", count: labelWidth - Table.width(label))
          let gap = String(repeating: " ", count: barWidth - (units + 7) / 8 + 2)
          return label + padding + "  " + color.0 + drawn + color.1 + gap + bar.value.text() + "\n"
        }.joined()
    }.joined(separator: "\n")
  }
}
