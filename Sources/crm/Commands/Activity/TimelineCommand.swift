import ArgumentParser
import CRMKit

struct TimelineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "timeline",
    abstract: "Everything that happened with a contact, company or deal, newest first.",
    discussion: """
      Merges activities, tasks, deal stage changes and tickets; a company's timeline includes its contacts' and its deals'. The table starts with when each contact was last contacted. Machine formats give one row per event: at, type, id, what, summary.

      Examples:
        crm timeline jane@acme.example
        crm timeline acme --since -90d
        crm timeline acme-website-redesign --format tsv
      """)

  @Argument(help: "A contact, company or deal: id, id prefix, email or exact name.", completion: IDCompletion.ids(.contact))
  var who: String

  @Option(parsing: .unconditional, help: ArgumentHelp("Only events from then on: 2026-01-01, -30d, monday…", valueName: "when"))
  var since: String?

  @Option(help: "Output format: table (for people), json, ndjson, csv, tsv, yaml or ids.")
  var format: OutputFormat = .table

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    let since = try since.map { text throws(CRMError) in try session.instant(text, flag: "--since") }
    // Finding the records reads only what links and names them, and of the activities, the
    // most numerous, only those that name the subject or its people; the ones shown are read whole.
    let loaded = session.load(
      .about([.contact, .company, .deal, .task, .ticket]) { first in
        (try? Self.resolve(who, in: first)).map { Timeline.activityNames(for: $0, in: first.index) } ?? []
      })
    let subject = try Self.resolve(who, in: loaded)
    let (index, problems) = (loaded.index, loaded.problems)
    let related = session.repo.whole(Timeline.related(to: subject, in: index))
    var events = Timeline.events(related.records)
    if let since { events = events.filter { $0.at >= since } }
    if format == .table {
      Terminal.write(header(subject, index, now: session.clock.now))
      let rows = events.map { e -> [Value] in [.timestamp(e.at), .string(e.what), .string(e.summary), .string(e.record.id)] }
      if !rows.isEmpty { Terminal.write("\n" + Table(columns: ["at", "what", "summary", "id"], rows: rows).aligned()) }
    } else {
      let rows = events.map { e -> [Value] in
        [.timestamp(e.at), .string(e.record.type.rawValue), .string(e.record.id), .string(e.what), .string(e.summary)]
      }
      let columns = ["at", "type", "id", "what", "summary"]
      Terminal.write(format == .ids ? rows.map { $0[2].text() + "\n" }.joined() : RowRenderer.render(columns: columns, rows: rows, format: format))
    }
    try Session.finish(problems + related.problems)
  }

  /// A contact first, then a company, then a deal; ambiguity across types lists them all.
  static func resolve(_ who: String, in loaded: Repository.Loaded) throws(CRMError) -> Record {
    let types = [RecordType.contact, .company, .deal]
    // An exact id wins, whatever else the name could mean: found without any name lookups.
    if let exact = types.lazy.compactMap({ loaded.index.record($0, id: who) }).first { return exact }
    var found: [Record] = []
    var firstError: CRMError?
    for type in types {
      do {
        found.append(try Session.resolve(who, as: type, in: loaded))
      } catch where error.kind == .notFound {
        continue
      } catch {
        firstError = firstError ?? error
      }
    }
    if found.count == 1 && firstError == nil { return found[0] }
    if found.isEmpty, let firstError { throw firstError }
    guard !found.isEmpty else {
      throw CRMError(.notFound, "no contact, company or deal '\(who)'", hint: "give an id, a unique id prefix, an email or the exact name")
    }
    let list = found.map { "  \($0.type.rawValue) \($0.id)  \($0.title)" }.joined(separator: "\n")
    throw CRMError(.failed, "'\(who)' could be several records:\n\(list)", hint: "name one by its id")
  }

  /// Who it is and when each person was last contacted.
  private func header(_ subject: Record, _ index: RecordIndex, now: Timestamp) -> String {
    let bold = Terminal.useColor ? ("\u{1B}[1m", "\u{1B}[0m") : ("", "")
    var people: [Record]
    switch subject.type {
    case .contact: people = [subject]
    case .company: people = index[.contact].filter { $0["company"]?.string == subject.id }
    default: people = (subject["contacts"]?.items ?? []).compactMap { $0.string.flatMap { index.record(.contact, id: $0) } }
    }
    func since(_ t: Timestamp?) -> String {
      guard let t else { return "never contacted" }
      let days = now.date.daysSinceEpoch - t.date.daysSinceEpoch
      return "last contacted \(t.date) (\(days == 0 ? "today" : days == 1 ? "1 day ago" : "\(days) days ago"))"
    }
    let last = Timeline.lastContacted(ofEach: people, in: index)
    var out = bold.0 + Table.oneLine(subject.title) + bold.1 + "  (\(subject.type.rawValue) \(subject.id))  " + since(last.compactMap { $0 }.max()) + "\n"
    if subject.type != .contact {
      let rows = zip(people, last).map { p, last -> [Value] in [.string(p.id), .string(p.title), .string(since(last))] }
      out += Table(columns: ["", "", ""], rows: rows).indented(header: false)
    }
    return out
  }
}
