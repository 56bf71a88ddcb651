import ArgumentParser
import CRMKit

#if canImport(Glibc)
  import Glibc
#endif

struct LogCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "log",
    abstract: "Log a call, email, meeting, note, chat, sms or social message.",
    discussion: """
      Each interaction is its own file under activities/YYYY/MM/, named by its time and this clone's id, so two clones logging at once never conflict. Nothing else changes on disk: a contact's last_contacted and activity_count are worked out from the activities.
      """,
    subcommands: [
      LogActivity<CallKind>.self, LogEmail.self, LogActivity<MeetingKind>.self, LogActivity<NoteKind>.self,
      LogActivity<ChatKind>.self, LogActivity<SMSKind>.self, LogActivity<SocialKind>.self,
    ])

  /// Read by the subcommand (see CommandLineWords.prepare); here for help and completion.
  @OptionGroup var store: StoreOptions
}

protocol ActivityKind {
  static var name: String { get }
  static var abstract: String { get }
  static var example: String { get }
}

enum CallKind: ActivityKind {
  static let name = "call"
  static let abstract = "Log a phone call."
  static let example = "crm log call jane-doe -m \"Agreed on phase 1\" --follow-up +3d"
}

enum MeetingKind: ActivityKind {
  static let name = "meeting"
  static let abstract = "Log a meeting with one or more contacts."
  static let example = "crm log meeting jane-doe bob --at 2026-11-20T14:00:00Z -m \"Workshop\""
}

enum NoteKind: ActivityKind {
  static let name = "note"
  static let abstract = "Log a note about a contact, company or deal."
  static let example = "crm log note --company acme -m \"Reorg announced; budgets frozen\""
}

enum ChatKind: ActivityKind {
  static let name = "chat"
  static let abstract = "Log a chat (WhatsApp, Slack, Teams…)."
  static let example = "crm log chat jane-doe --channel whatsapp -m \"Sent the slides\""
}

enum SMSKind: ActivityKind {
  static let name = "sms"
  static let abstract = "Log a text message."
  static let example = "crm log sms jane-doe --direction in -m \"Running 10 min late\""
}

enum SocialKind: ActivityKind {
  static let name = "social"
  static let abstract = "Log a social media interaction."
  static let example = "crm log social jane-doe --channel linkedin -m \"Congratulated her\""
}

/// The options every `log` kind shares.
struct LogOptions: ParsableArguments {
  @Argument(
    help: ArgumentHelp("The contacts: ids, id prefixes, emails or exact names; '-' reads the notes from stdin.", valueName: "who"),
    completion: IDCompletion.ids(.contact))
  var who: [String] = []

  @Option(name: [.customShort("m"), .customLong("message")], parsing: .unconditional, help: "The notes (Markdown).")
  var message: String?

  @Option(help: ArgumentHelp("Read the notes from a file; '-' reads them from stdin.", valueName: "file"))
  var messageFile: String?

  @Option(parsing: .unconditional, help: ArgumentHelp("When it happened (default: now): \"2026-11-20 15:00\" (local time), 2026-11-20T15:00+01:00, yesterday, -2d…", valueName: "when"))
  var at: String?

  @Option(help: ArgumentHelp("The deal it was about.", valueName: "deal"), completion: IDCompletion.ids(.deal))
  var deal: String?

  @Option(help: ArgumentHelp("The company it was with.", valueName: "company"), completion: IDCompletion.ids(.company))
  var company: String?

  @Option(help: ArgumentHelp("in or out.", valueName: "direction"))
  var direction: String?

  @Option(help: ArgumentHelp("How long: 30m, 1h, 1h30m.", valueName: "duration"))
  var duration: String?

  @Option(parsing: .unconditional, help: "How it went, e.g. interested, no answer, left voicemail.")
  var outcome: String?

  @Option(help: ArgumentHelp("Where: linkedin, whatsapp, zoom, phone…", valueName: "channel"))
  var channel: String?

  @Option(parsing: .unconditional, help: ArgumentHelp("Also add a task due then, for the same contact and deal.", valueName: "when"))
  var followUp: String?

  @Option(parsing: .unconditional, help: ArgumentHelp("The follow-up task's title (default: Follow up with NAME).", valueName: "text"))
  var followUpTitle: String?
}

struct LogActivity<Kind: ActivityKind>: ParsableCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: Kind.name, abstract: Kind.abstract + " Prints the new activity's id.",
      discussion: """
        Without -m, --message-file or '-', a terminal opens $EDITOR for the notes; a script logs no notes.

        Example:
          \(Kind.example)
        """)
  }

  @OptionGroup var options: LogOptions
  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    var logging = try Logging(kind: Kind.name, options: options, session: session, resolve: session.record)
    try logging.readNotes()
    try logging.write()
  }
}

/// Logging one activity: resolving who and what, the notes, the file and the follow-up task.
struct Logging {
  let kind: String
  let options: LogOptions
  let session: Session
  let at: Timestamp
  var contacts: [Record] = []
  var fields: [Field] = []
  var notes = ""
  var readsStdin = false

  /// Resolves the options; `given` contacts (an imported email's) stand in for WHO.
  init(
    kind: String, options: LogOptions, session: Session, resolve: (String, RecordType) throws(CRMError) -> Record,
    contacts given: [Record]? = nil
  ) throws(CRMError) {
    self.kind = kind
    self.options = options
    self.session = session
    at = try session.instant(options.at)
    for who in options.who {
      if who == "-" {
        readsStdin = true
        continue
      }
      contacts.append(try resolve(who, .contact))
    }
    contacts += given ?? []
    contacts = contacts.reduce(into: []) { list, c in if !list.contains(where: { $0.id == c.id }) { list.append(c) } }
    let company = try options.company.map { name throws(CRMError) in try resolve(name, .company) }
    let deal = try options.deal.map { name throws(CRMError) in try resolve(name, .deal) }
    if contacts.isEmpty && company == nil && deal == nil {
      throw CRMError(.usage, "say who the \(kind) was with: one or more contacts, or --company or --deal")
    }
    fields = [Field("kind", .string(kind)), Field("at", .timestamp(at))]
    if !contacts.isEmpty { fields.append(Field("contacts", .list(contacts.map { .string($0.id) }))) }
    if let company { fields.append(Field("company", .string(company.id))) }
    if let deal { fields.append(Field("deal", .string(deal.id))) }
    if let duration = options.duration {
      guard Self.isDuration(duration) else {
        throw CRMError(.usage, "--duration must look like 30m, 1h or 1h30m, not '\(duration)'")
      }
      fields.append(Field("duration", .string(duration)))
    }
    for (key, text) in [("direction", options.direction), ("outcome", options.outcome), ("channel", options.channel)] {
      if let field = try FieldArguments.value(text, key, .activity, clock: session.clock) { fields.append(field) }
    }
    _ = try followUpDue()  // a bad date is a usage error before anything is written
  }

  /// `30m`, `1h`, `1h30m`, `90s`, or a bare number of minutes.
  static func isDuration(_ text: String) -> Bool {
    if let n = Int(text), n >= 0 { return true }
    var digits = ""
    var units: [Character] = []
    for c in text {
      if c.isASCII && c.isNumber {
        digits.append(c)
      } else if "hms".contains(c), !digits.isEmpty, !units.contains(c) {
        units.append(c)
        digits = ""
      } else {
        return false
      }
    }
    return digits.isEmpty && !units.isEmpty && units == units.sorted { "hms".firstIndex(of: $0)! < "hms".firstIndex(of: $1)! }
  }

  private func followUpDue() throws(CRMError) -> CalendarDate? {
    guard let text = options.followUp else { return nil }
    guard let due = session.clock.date(text) else {
      throw CRMError(.usage, "--follow-up must be a date, not '\(text)'", hint: CRMClock.dateHint)
    }
    return due
  }

  /// The notes from -m, --message-file, stdin ('-' or --message-file -), or the editor on a terminal.
  mutating func readNotes() throws(CRMError) {
    let sources = [options.message != nil, options.messageFile != nil, readsStdin].filter { $0 }.count
    guard sources <= 1 else { throw CRMError(.usage, "give the notes once: -m, --message-file or '-'") }
    if let message = options.message {
      notes = message
    } else if readsStdin {
      notes = String(decoding: try Self.readInput("-", flag: "WHO"), as: UTF8.self)
    } else if let file = options.messageFile {
      notes = String(decoding: try Self.readInput(file, flag: "--message-file"), as: UTF8.self)
    } else if Environment.stdinIsTerminal {
      let scratch = try RecordEditing.scratchFile(named: kind + "-notes.md", holding: [])
      defer { scratch.remove() }
      try RecordEditing.runEditor(on: scratch.path)
      notes = String(decoding: try FileSystem.contents(of: scratch.path), as: UTF8.self)
    }
  }

  /// The whole of the file the user named with `flag` ('-' is stdin). One over 1 MiB (what a
  /// record may hold) is refused, never cut: a cut would pass for the whole text.
  static func readInput(_ path: String, flag: String) throws(CRMError) -> [UInt8] {
    let limit = FrontMatterFile.maximumSize
    if path == "-" {
      var bytes: [UInt8] = []
      try FileSystem.ChunkedFile.standardInput.readChunks { chunk throws(CRMError) in
        bytes += chunk
        guard bytes.count <= limit else { throw CRMError(.data, "stdin is over \(FileSystem.sizeText(limit))") }
      }
      return bytes
    }
    do {
      return try FileSystem.contents(of: path, limit: limit)
    } catch {
      // Too big is bad data (65), like a message over the limit in an mbox; else not found (66).
      let kind: CRMError.Kind = error == FileSystem.tooLarge(limit, path: path) ? .data : .notFound
      throw CRMError(kind, "cannot read \(flag) '\(path)': \(error.message)")
    }
  }

  var about: String { contacts.first?.id ?? options.company ?? options.deal ?? kind }

  /// Writes the activity (and the follow-up task) under the lock, commits, prints the id.
  func write() throws(CRMError) {
    var id = ""
    let due = try followUpDue()
    try session.write { () throws(CRMError) in
      let record = try create(fields: fields, body: notes)
      id = record.id
      var paths = [record.path]
      if let due { paths.append(try createFollowUp(due: due).path) }
      return (paths, "log \(kind) \(record.id)" + (contacts.isEmpty ? "" : ": " + contacts.map(\.title).joined(separator: ", ")))
    }
    Terminal.output(id)
  }

  /// Creates an activity file at `at`'s month; call under the lock.
  func create(fields: [Field], body: String) throws(CRMError) -> Record {
    let repo = session.repo
    let id = try repo.newActivityID(at: at, kind: kind, about: about)
    let trimmed = body.trimmingTrailingSpaces
    return try repo.create(.activity, id: id, fields: fields, body: trimmed.isEmpty ? "" : trimmed + "\n", clock: session.clock, month: at.date)
  }

  private func createFollowUp(due: CalendarDate) throws(CRMError) -> Record {
    let deal = fields.first { $0.key == "deal" }?.value
    let title = options.followUpTitle ?? "Follow up with " + (contacts.first?.title ?? options.company ?? options.deal ?? "")
    var task = [Field("title", .string(title)), Field("due", .date(due))]
    if let contact = contacts.first { task.append(Field("contact", .string(contact.id))) }
    if let deal { task.append(Field("deal", deal)) }
    task.append(Field("status", .string("open")))
    let id = session.repo.newID(for: .task, name: title)
    return try session.repo.create(.task, id: id, fields: task, body: "", clock: session.clock)
  }
}
