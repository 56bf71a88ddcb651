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
    let shown = session.repo.whole([found] + index.referrers(ofEach: [found])[0], derive: true)
    guard let record = shown.records.first, record.path == found.path else { throw shown.problems[0] }
    switch format {
    case .table:
      let card = RecordCard.render(record, linked: Array(shown.records.dropFirst()), index: index, repo: session.repo, now: session.clock.now)
      Terminal.write(card)
    case .json, .ndjson:
      let object = JSON.object(RecordRenderer.pairs(record, nil) + [("body", .string(record.body))])
      Terminal.write(object + "\n")
    case .yaml:
      Terminal.write(YAMLRendering.item(RecordRenderer.pairs(record, nil) + [("body", .string(record.body))]))
    default:
      Terminal.write(RecordRenderer.render([record], format: format, fields: nil, type: type))
    }
    try Session.finish(loaded.problems.filter { $0.location?.path.hasPrefix(type.folder + "/") ?? false } + shown.problems)
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
    let shown = (record.fields + record.derived).filter { $0.key != "id" && $0.key != record.type.titleKey && !logs.contains($0.key) }
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
    for type in RecordType.allCases {
      let ofType = linked.filter { $0.type == type }
      guard !ofType.isEmpty else { continue }
      out += "\n" + bold.0 + type.folder.capitalized + " (\(ofType.count))" + bold.1 + "\n"
      let rows = ofType.map { r in [Value.string(r.id), .string(r.title), r.type.spec.summary(r)] }
      out += Table(columns: ["", "", ""], rows: rows).indented(header: false)
    }
    return out
  }
}
