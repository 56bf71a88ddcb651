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
    let log = try ActivityLog(
      kind: Kind.name, at: session.instant(options.at), details: options.details, clock: session.clock, resolve: session.record)
    try session.log(log, notes: options.readNotes(kind: Kind.name))
  }
}

extension LogOptions {
  /// The options `ActivityLog` checks; a '-' among WHO is not a contact but the notes' source.
  var details: ActivityDetails {
    var details = ActivityDetails()
    details.contacts = who.filter { $0 != "-" }
    details.company = company
    details.deal = deal
    details.direction = direction
    details.duration = duration
    details.outcome = outcome
    details.channel = channel
    details.followUp = followUp
    details.followUpTitle = followUpTitle
    return details
  }

  /// The notes from -m, --message-file, stdin ('-' or --message-file -), or the editor on a terminal.
  func readNotes(kind: String) throws(CRMError) -> String {
    let readsStdin = who.contains("-")
    let sources = [message != nil, messageFile != nil, readsStdin].filter { $0 }.count
    guard sources <= 1 else { throw CRMError(.usage, "give the notes once: -m, --message-file or '-'") }
    if let message {
      return message
    } else if readsStdin {
      return String(decoding: try Self.readInput("-", flag: "WHO"), as: UTF8.self)
    } else if let messageFile {
      return String(decoding: try Self.readInput(messageFile, flag: "--message-file"), as: UTF8.self)
    } else if Environment.stdinIsTerminal {
      let scratch = try RecordEditing.scratchFile(named: kind + "-notes.md", holding: [])
      defer { scratch.remove() }
      try RecordEditing.runEditor(on: scratch.path)
      return String(decoding: try FileSystem.contents(of: scratch.path), as: UTF8.self)
    }
    return ""
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
}

extension Session {
  /// Writes the activity (and its follow-up task) under the lock, commits, prints the id.
  func log(_ log: ActivityLog, notes: String) throws(CRMError) {
    var id = ""
    try write { () throws(CRMError) in
      try repo.checkStillThere(log.names)
      let record = try create(log, notes: notes)
      id = record.id
      var paths = [record.path]
      if let task = log.followUp {
        let taskID = repo.newID(for: .task, name: task.title)
        paths.append(try repo.create(.task, id: taskID, fields: task.fields, body: "", clock: clock).path)
      }
      return (paths, log.commitMessage(id: record.id))
    }
    Terminal.output(id)
  }

  /// Creates the activity's file in its month, with `notes` as its body; call under the lock.
  func create(_ log: ActivityLog, notes: String) throws(CRMError) -> Record {
    let id = try repo.newActivityID(at: log.at, kind: log.kind, about: log.about)
    let trimmed = notes.trimmingTrailingSpaces
    return try repo.create(
      .activity, id: id, fields: log.fields, body: trimmed.isEmpty ? "" : trimmed + "\n", clock: clock, month: log.at.date)
  }
}
