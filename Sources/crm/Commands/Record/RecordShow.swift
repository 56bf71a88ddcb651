import ArgumentParser
import CRMKit

struct RecordShow<Noun: RecordNoun>: ParsableCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "show",
      abstract: "Show one \(Noun.type.rawValue): its fields, notes and linked records.",
      discussion: """
        WHO is an id, a unique id prefix,\(Noun.type.spec.identifiedByEmail ? " an email," : "") or the exact name.

        Example:
          crm \(Noun.type.rawValue) show \(Noun.example)
          crm \(Noun.type.rawValue) show \(Noun.example) --format json
        """)
  }

  @Argument(help: "The record: id, id prefix, email or exact name.", completion: IDCompletion.ids(Noun.type))
  var who: String

  @Option(help: "Output format: table (for people), json, ndjson, yaml, csv, tsv or ids.")
  var format: OutputFormat = .table

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    let type = Noun.type
    // Finding the record and what links to it reads only links, names and emails, and of the
    // activities (the most numerous, and linked to by nothing) only those that name it; then
    // the record and those linked to it are read whole, with their derived values.
    let types = Set(RecordType.allCases)
    let loaded = session.load(
      type == .activity ? .outlines(types) : .about(types) { first in (try? Session.resolve(who, as: type, in: first)).map { [$0.id] } ?? [] })
    let found = try Session.resolve(who, as: type, in: loaded)
    let index = loaded.index
    let related = type.spec.related?(found, index) ?? []
    let shown = session.repo.whole([found] + index.referrers(ofEach: [found])[0] + related, derive: true)
    guard let record = shown.records.first, record.path == found.path else { throw shown.problems[0] }
    switch format {
    case .table:
      let card = RecordCard.render(record, linked: Array(shown.records.dropFirst()), index: index, repo: session.repo, now: session.clock.now)
      Terminal.write(card)
    case .json, .ndjson:
      let object = JSON.object(RecordRenderer.pairs(record, nil) + [("body", .string(record.body))] + customer(record, shown.records, Pipeline(session.repo.config)))
      Terminal.write(object + "\n")
    case .yaml:
      Terminal.write(YAMLRendering.item(RecordRenderer.pairs(record, nil) + [("body", .string(record.body))] + customer(record, shown.records, Pipeline(session.repo.config))))
    default:
      Terminal.write(RecordRenderer.render([record], format: format, fields: nil, type: type))
    }
    try Session.finish(loaded.problems.filter { $0.location?.path.hasPrefix(type.folder + "/") ?? false } + shown.problems)
  }

  /// A customer's story (see `CustomerView`) as one nested value for JSON and YAML, under a
  /// key of its own so it never meets a key of the file: each record an object as `list`
  /// gives it; nothing for a type that is no customer.
  private func customer(_ record: Record, _ shown: [Record], _ pipeline: Pipeline) -> [(String, Value)] {
    guard record.type.spec.isCustomer else { return [] }
    let view = CustomerView(linked: Array(shown.dropFirst()), pipeline: pipeline)
    func objects(_ records: [Record]) -> Value {
      .list(records.map { record in .map(RecordRenderer.pairs(record, nil).map { Field($0.0, $0.1) }) })
    }
    let lifetime = view.lifetimeValue.map { Value.map([Field("currency", .string($0.currency)), Field("amount", .decimal($0.amount))]) }
    return [
      (
        "customer",
        .map([
          Field("open_tickets", objects(view.openTickets)), Field("past_tickets", .integer(view.pastTickets)),
          Field("purchases", objects(view.purchases)), Field("lifetime_value", .list(lifetime)),
          Field("open_deals", objects(view.openDeals)), Field("recent_activities", objects(view.recentActivities)),
          Field("open_tasks", objects(view.openTasks)),
        ])
      )
    ]
  }
}

/// The `show` view for people: fields, notes, a deal's stage history or another type's log,
/// then what the record links to (named from `index`) and what links to it (`linked`).
enum RecordCard {
  static func render(_ record: Record, linked: [Record], index: RecordIndex, repo: Repository, now: Timestamp) -> String {
    let bold = Terminal.useColor ? ("\u{1B}[1m", "\u{1B}[0m") : ("", "")
    var out = bold.0 + Table.oneLine(record.title) + bold.1 + "  (\(record.type.rawValue) \(record.id))\n"
    // Logs (a deal's stage history, a ticket's status moves) get a table of their own below.
    let logs = record.type.fields.filter { $0.kind == .entries }.map(\.key)
    // What a customer prefers (contact_by, language) matters before anything else is said.
    let fields = (record.fields + record.derived).filter { $0.key != "id" && $0.key != record.type.titleKey && !logs.contains($0.key) }
    let shown = fields.filter { $0.key == "preferences" } + fields.filter { $0.key != "preferences" }
    let width = shown.map { $0.key.count }.max() ?? 0
    for field in shown {
      var text = field.value.text()
      if let target = record.type.kind(of: field.key).target {
        text = field.value.items.compactMap(\.string).map { id in
          index.record(target, id: id).map { "\(id) (\($0.title))" } ?? "\(id) (missing)"
        }.joined(separator: ", ")
      }
      out += "  " + field.key + String(repeating: " ", count: width - field.key.count + 2) + Table.oneLine(text) + "\n"
    }
    let body = record.body.trimmingTrailingSpaces
    if !body.isEmpty { out += "\n" + Terminal.visible(body) + "\n" }
    if record.type == .deal {
      let periods = Pipeline.periods(of: record)
      let open = Pipeline(repo.config).isOpen(record)
      out += "\n" + bold.0 + "History" + bold.1 + "\n"
      let rows = periods.map { period -> [Value] in
        let time: String
        if let until = period.until {
          time = Duration.text(seconds: until.seconds - period.since.seconds)
        } else {
          time = open ? Duration.text(seconds: now.seconds - period.since.seconds) + " so far" : ""
        }
        return [.string(period.stage), .string(period.from ?? ""), .timestamp(period.since), .string(time), .string(period.note ?? "")]
      }
      out += Table(columns: ["stage", "from", "entered", "time in stage", "note"], rows: rows).indented()
    } else {
      for key in logs {
        let entries = (record[key]?.items ?? []).map { entry -> [Field] in
          if case .map(let fields) = entry { return fields }
          return [Field("", entry)]
        }
        guard !entries.isEmpty else { continue }
        var columns: [String] = []
        for field in entries.joined() where !columns.contains(field.key) { columns.append(field.key) }
        let rows = entries.map { fields in columns.map { column in fields.first { $0.key == column }?.value ?? .null } }
        out += "\n" + bold.0 + key.capitalized + bold.1 + "\n" + Table(columns: columns, rows: rows).indented()
      }
    }
    var linked = linked
    if record.type.spec.isCustomer {
      let view = CustomerView(linked: linked, pipeline: Pipeline(repo.config))
      out += customer(view, bold: bold)
      linked = view.others
    }
    for type in RecordType.allCases {
      let ofType = linked.filter { $0.type == type }
      guard !ofType.isEmpty else { continue }
      out += "\n" + bold.0 + type.folder.capitalized + " (\(ofType.count))" + bold.1 + "\n"
      let rows = ofType.map { r in [Value.string(r.id), .string(r.title), r.type.spec.summary(r)] }
      out += Table(columns: ["", "", ""], rows: rows).indented(header: false)
    }
    return out
  }

  /// A customer's open tickets, purchases, open deals, last activities and open tasks, each
  /// under its heading when there is any.
  static func customer(_ view: CustomerView, bold: (String, String)) -> String {
    var out = ""
    func section(_ heading: String, _ rows: [[Value]]) {
      out += "\n" + bold.0 + heading + bold.1 + "\n"
      if let first = rows.first { out += Table(columns: first.map { _ in "" }, rows: rows).indented(header: false) }
    }
    if view.openTickets.isEmpty && view.pastTickets > 0 {
      section("Tickets (none open, \(view.pastTickets) past)", [])
    } else if !view.openTickets.isEmpty {
      section(
        "Open tickets (\(view.openTickets.count)" + (view.pastTickets > 0 ? ", \(view.pastTickets) past)" : ")"),
        view.openTickets.map { ticket in
          let clocks = [("response", "response_sla"), ("resolution", "resolution_sla")].compactMap { name, key in
            ticket[key]?.string.map { name + " " + $0 }
          }
          return [.string(ticket.id), .string(ticket.title), ticket["status"] ?? .null, ticket["priority"] ?? .null, .string(clocks.joined(separator: ", "))]
        })
    }
    if !view.purchases.isEmpty {
      let lifetime = view.lifetimeValue.map { Money.text($0.amount, $0.currency) }.joined(separator: " + ")
      section(
        "Purchases (\(view.purchases.count) won" + (lifetime.isEmpty ? ")" : ", lifetime \(lifetime))"),
        view.purchases.map { deal in
          let closed: Value = if case .timestamp(let t)? = deal["closed_at"] { .date(t.date) } else { .null }
          return [closed, .string(deal.id), .string(deal.title), .string(amount(deal))]
        })
    }
    if !view.openDeals.isEmpty {
      section(
        "Open deals (\(view.openDeals.count))",
        view.openDeals.map { deal in
          [.string(deal.id), .string(deal.title), deal["stage"] ?? .null, .string(amount(deal)), deal["expected_close"].map { .string("closes " + $0.text()) } ?? .null]
        })
    }
    if !view.recentActivities.isEmpty {
      let of = view.activityCount > view.recentActivities.count ? "last \(view.recentActivities.count) of \(view.activityCount)" : "\(view.activityCount)"
      section(
        "Activities (\(of))",
        view.recentActivities.map { activity in
          let event = activity.type.spec.timelineEvents(activity).first
          return [activity["at"] ?? .null, .string(event?.what ?? ""), .string(Table.oneLine(event?.summary ?? ""))]
        })
    }
    if !view.openTasks.isEmpty {
      section(
        "Open tasks (\(view.openTasks.count))",
        view.openTasks.map { task in [task["due"] ?? .null, .string(task.id), .string(task.title), task["priority"] ?? .null] })
    }
    return out
  }

  /// A deal's value in its currency, or nothing.
  private static func amount(_ deal: Record) -> String {
    Pipeline.value(of: deal).map { Money.text($0, deal["currency"]?.string) } ?? ""
  }
}
