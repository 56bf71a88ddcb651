import ArgumentParser
import CRMKit

/// A record type as a command noun, so list/show/rm are written once for every type.
protocol RecordNoun {
  static var type: RecordType { get }
  /// An example WHO for help texts.
  static var example: String { get }
}

enum ContactNoun: RecordNoun {
  static let type = RecordType.contact
  static let example = "jane-doe"
}

enum CompanyNoun: RecordNoun {
  static let type = RecordType.company
  static let example = "acme"
}

enum DealNoun: RecordNoun {
  static let type = RecordType.deal
  static let example = "acme-website-redesign"
}

enum TaskNoun: RecordNoun {
  static let type = RecordType.task
  static let example = "send-proposal"
}

/// Completes record ids from the file names in the type's folder (no parsing, so it is
/// instant), and stage names from the config.
enum IDCompletion {
  static func ids(_ type: RecordType) -> CompletionKind {
    .custom { words, _, prefix in
      guard let repo = repo(words) else { return [] }
      return repo.list([type]).records.map { Record.stem(of: $0.path) }.filter { $0.hasPrefix(prefix) }
    }
  }

  static var stages: CompletionKind {
    .custom { words, _, prefix in
      (repo(words)?.config.stages ?? Config.defaultStages).map(\.name).filter { $0.hasPrefix(prefix) }
    }
  }

  /// The repo the command line being completed points at.
  private static func repo(_ words: [String]) -> Repository? {
    var explicit: String?
    if let i = words.firstIndex(where: { $0 == "-C" || $0 == "--repo" }), i + 1 < words.count { explicit = words[i + 1] }
    return try? Repository.discover(explicit: explicit, environment: Environment.variables, directory: FileSystem.currentDirectory())
  }
}

struct RecordList<Noun: RecordNoun>: ParsableCommand {
  static var configuration: CommandConfiguration {
    let type = Noun.type
    return CommandConfiguration(
      commandName: "list",
      abstract: "List \(type.folder), filtered, sorted and formatted.",
      discussion: """
        Filter terms are ANDed; 'or', 'not' or a leading '-', and parentheses combine them:

          field:value[,value]  field>N  field<=DATE  field~text  has:field

        Dates take YYYY-MM-DD, today, tomorrow, monday, next friday, +3d, -2w, in 3 days or next week; times take 2026-11-18T10:00 (local) or 2026-11-18T10:00+01:00. 'crm help filters' describes the whole filter language.

        Examples:
          crm \(type.rawValue) list tag:vip
          crm \(type.rawValue) list name~an --sort -updated --limit 5
          crm \(type.rawValue) list 'updated>-30d' --format tsv --fields id,name
        """)
  }

  @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Filter terms (see 'crm help filters'), e.g. tag:vip 'score>=40' -has:phone.", valueName: "filter"))
  var filter: [String] = []

  @OptionGroup var output: OutputOptions
  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    let type = Noun.type
    // Derived values (a contact's last_contacted) need other types loaded: only when asked for.
    let asked = filter + [output.fields ?? "", output.sort ?? ""]
    let needsDerived = [.json, .ndjson, .yaml].contains(output.format)
      || Derived.keys(of: type).contains { key in asked.contains { $0.contains(key) } }
    let loaded = session.load(Set([type]).union(needsDerived ? Derived.sources(of: type) : []))
    let known = Query.fields(of: type, in: loaded.index[type])
    let query = try Query.parse(CommandLineWords.filterWords(filter), type: type, fields: known, clock: session.clock)
    try checkFields(output.fieldList, known: known, type: type)
    let records = try output.arrange(loaded.index[type].filter(query.matches), type: type, known: known)
    Terminal.write(RecordRenderer.render(records, format: output.format, fields: output.fieldList, type: type))
    try Session.finish(loaded.problems)
  }
}

func checkFields(_ fields: [String]?, known: Set<String>, type: RecordType) throws(CRMError) {
  for field in fields ?? [] where !known.contains(type.canonicalKey(field)) {
    throw CRMError(.usage, "unknown field '\(field)' in --fields", hint: "\(type.rawValue) fields: \(known.sorted().joined(separator: ", "))")
  }
}

struct RecordShow<Noun: RecordNoun>: ParsableCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "show",
      abstract: "Show one \(Noun.type.rawValue): its fields, notes and linked records.",
      discussion: """
        WHO is an id, a unique id prefix,\(Noun.type == .contact ? " an email," : "") or the exact name.

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
    let activities = type == .activity ? nil : session.surveyActivities()
    let loaded = session.load(Set(RecordType.allCases.filter { $0 != .activity || type == .activity }), derive: false, projection: .outline)
    let found = try Session.resolve(who, as: type, in: loaded)
    let index = type == .activity ? loaded.index : session.index(loaded, adding: activities, naming: [found.id]).index
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

/// The `show` view for people: fields, notes, a deal's stage history, then what the record
/// links to (named from `index`) and what links to it (`linked`).
enum RecordCard {
  static func render(_ record: Record, linked: [Record], index: RecordIndex, repo: Repository, now: Timestamp) -> String {
    let bold = Terminal.useColor ? ("\u{1B}[1m", "\u{1B}[0m") : ("", "")
    var out = bold.0 + Table.oneLine(record.title) + bold.1 + "  (\(record.type.rawValue) \(record.id))\n"
    let shown = (record.fields + record.derived).filter {
      $0.key != "id" && $0.key != record.type.titleKey && !(record.type == .deal && $0.key == "history")
    }
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
    }
    for type in RecordType.allCases {
      let ofType = linked.filter { $0.type == type }
      guard !ofType.isEmpty else { continue }
      out += "\n" + bold.0 + type.folder.capitalized + " (\(ofType.count))" + bold.1 + "\n"
      let rows = ofType.map { r in [Value.string(r.id), .string(r.title), summary(r)] }
      out += Table(columns: ["", "", ""], rows: rows).indented(header: false)
    }
    return out
  }

  /// The detail that says most about a linked record in one cell.
  private static func summary(_ r: Record) -> Value {
    switch r.type {
    case .contact: return r["emails"] ?? .null
    case .deal: return .string([r["stage"]?.text(), r["value"].map { $0.text() + " " + (r["currency"]?.text() ?? "") }].compactMap { $0 }.joined(separator: "  "))
    case .task: return .string([r["status"]?.text(), r["due"].map { "due " + $0.text() }].compactMap { $0 }.joined(separator: "  "))
    case .activity: return r["at"] ?? .null
    default: return r["status"] ?? .null
    }
  }
}

struct RecordRemove<Noun: RecordNoun>: ParsableCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "rm",
      abstract: "Remove a \(Noun.type.rawValue)'s file.",
      discussion: """
        Refuses while other records reference it, unless --force. Asks first on a terminal; scripts must pass --yes.

        Example:
          crm \(Noun.type.rawValue) rm \(Noun.example) --yes
        """)
  }

  @Argument(help: "The record: id, id prefix, email or exact name.", completion: IDCompletion.ids(Noun.type))
  var who: String

  @Flag(name: [.short, .long], help: "Do not ask for confirmation.")
  var yes = false

  @Flag(help: "Remove it even though other records reference it (their references are left dangling).")
  var force = false

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    let type = Noun.type
    let loaded = session.load(Set(RecordType.allCases), derive: false, projection: .outline)  // who links to it
    let record = try Session.resolve(who, as: type, in: loaded)
    let force = force
    func refuseIfReferenced(in index: RecordIndex) throws(CRMError) {
      let referrers = index.referrers(ofEach: [record])[0]
      guard !referrers.isEmpty && !force else { return }
      throw CRMError(
        .failed,
        "\(type.rawValue) '\(record.id)' is referenced by \(referrers.count) record\(referrers.count == 1 ? "" : "s"): "
          + referrers.prefix(5).map(\.path).joined(separator: ", ") + (referrers.count > 5 ? ", …" : ""),
        hint: "change those references first, or pass --force to leave them dangling")
    }
    try refuseIfReferenced(in: loaded.index)  // before asking; again under the lock
    if !yes {
      guard Environment.stdinIsTerminal else {
        throw CRMError(.usage, "refusing to remove '\(record.id)' without confirmation", hint: "pass --yes to remove it")
      }
      guard Terminal.confirm("Remove \(type.rawValue) '\(record.id)' (\(record.title))?") else {
        Terminal.message("nothing removed")
        return
      }
    }
    try session.write(loading: Set(RecordType.allCases)) { current throws(CRMError) in
      try refuseIfReferenced(in: current.index)
      try session.repo.delete(record)
      return ([record.path], "\(type.rawValue) rm \(record.id): \(record.title)")
    }
    Terminal.message("removed \(record.path)")
  }
}
