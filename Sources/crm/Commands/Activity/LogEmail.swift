import ArgumentParser
import CRMKit

struct LogEmail: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "email",
    abstract: "Log an email: typed in, or imported from an .eml file or a whole mbox.",
    discussion: """
      --eml reads one RFC 5322 message (or '-' for stdin): From, To, Cc, Date, Subject and Message-ID; encoded headers are decoded and a multipart message gives its text/plain part as the notes. Contacts are matched by address: a known sender makes it an incoming email, else known recipients make it outgoing. An unknown sender is an error (exit 1) unless --create-contact. A Message-ID that is already logged is refused, so importing a mailbox twice adds nothing. --mbox imports every message and reports counts; a message over 1 MiB is named by its number and line and skipped (exit 65).

      Examples:
        crm log email jane-doe -m "Sent the contract" --direction out
        crm log email --eml ~/Downloads/re-proposal.eml --deal acme-website
        crm log email --mbox ~/mail/clients.mbox --create-contact
      """)

  @OptionGroup var options: LogOptions

  @Option(help: ArgumentHelp("Import this .eml file ('-' for stdin).", valueName: "file"))
  var eml: String?

  @Option(help: ArgumentHelp("Import every message of this mbox file.", valueName: "file"))
  var mbox: String?

  @Flag(help: "Create a contact for an unknown sender instead of refusing.")
  var createContact = false

  @Option(parsing: .unconditional, help: "The subject, when not importing.")
  var subject: String?

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    if eml == nil && mbox == nil {
      var log = try ActivityLog(
        kind: "email", at: session.instant(options.at), details: options.details, clock: session.clock, resolve: session.record)
      if let subject { log.fields.append(Field("subject", .string(subject))) }
      try session.log(log, notes: options.readNotes(kind: "email"))
      return
    }
    guard eml == nil || mbox == nil else { throw CRMError(.usage, "give --eml or --mbox, not both") }
    guard options.who.isEmpty, options.message == nil, options.messageFile == nil, subject == nil, options.at == nil else {
      throw CRMError(.usage, "an imported email brings its own contacts, notes, subject and date", hint: "drop WHO, -m, --message-file, --subject and --at")
    }
    let importer = Importer(session: session, options: options, createContact: createContact)
    guard let mbox else {
      let bytes = try LogOptions.readInput(eml ?? "-", flag: "--eml")
      try importer.run(from: "--eml", single: true) { each throws(CRMError) in try each(Mbox.Message(number: 1, line: 1, bytes: bytes)) }
      return
    }
    let file: FileSystem.ChunkedFile
    do {
      file = mbox == "-" ? .standardInput : try FileSystem.ChunkedFile(mbox)
    } catch {
      throw CRMError(.notFound, "cannot read --mbox '\(mbox)': \(error.message)")
    }
    // Read message by message under the lock: a mailbox of any size takes a message's memory.
    try importer.run(from: mbox == "-" ? "stdin" : mbox, single: false) { each throws(CRMError) in
      var splitter = Mbox()
      try file.readChunks { chunk throws(CRMError) in
        for message in splitter.feed(chunk) { try each(message) }
      }
      for message in splitter.finish() { try each(message) }
    }
  }
}

/// Imports messages as email activities, all under one lock and one commit.
struct Importer {
  let session: Session
  let options: LogOptions
  let createContact: Bool

  enum Outcome {
    case logged(String)
    case duplicate(String, existing: String)
    case unknownSender(String)
    case unreadable(String)
    /// A message over the size a record may have, at its number and line in the mailbox.
    case tooBig(number: Int, line: Int)
  }

  /// Imports the messages `read` hands on one by one; `source` names the mailbox in messages.
  /// The contacts and logged Message-IDs are loaded under the lock, so two imports at once
  /// never log a message twice or make a contact twice.
  func run(
    from source: String, single: Bool, _ read: (_ each: (Mbox.Message) throws(CRMError) -> Void) throws(CRMError) -> Void
  ) throws {
    var outcomes: [Outcome] = []
    try session.write(loading: [.contact, .company, .deal, .activity]) { loaded throws(CRMError) in
      var mail = EmailImport(index: loaded.index, myEmails: session.repo.config.myEmails, createsContacts: createContact)
      var paths: [String] = []
      try read { item throws(CRMError) in
        guard let raw = item.bytes else {
          outcomes.append(.tooBig(number: item.number, line: item.line))
          return
        }
        let message: MailMessage
        do throws(CRMError) {
          message = try MailMessage.parse(raw)
        } catch {
          outcomes.append(.unreadable(error.message))
          return
        }
        switch mail.decide(message) {
        case .duplicate(let messageID, let existing):
          outcomes.append(.duplicate(messageID, existing: existing))
        case .unknownSender(let email):
          outcomes.append(.unknownSender(email))
        case .log(let direction, var contacts, let newSender):
          if let newSender {
            let id = session.repo.newID(for: .contact, name: newSender.name)
            let contact = try session.repo.create(.contact, id: id, fields: newSender.fields, body: "", clock: session.clock)
            mail.remember(contact)
            paths.append(contact.path)
            contacts.insert(contact, at: 0)
          }
          var details = options.details
          details.direction = direction
          var log = try ActivityLog(
            kind: "email", at: message.date ?? session.clock.now, details: details, contacts: contacts, clock: session.clock,
            resolve: { who, type throws(CRMError) in try Session.resolve(who, as: type, in: loaded) })
          log.fields += EmailImport.fields(of: message)
          let record = try session.create(log, notes: message.text)
          mail.remember(record)
          paths.append(record.path)
          outcomes.append(.logged(record.id))
        }
      }
      let count = outcomes.filter { if case .logged = $0 { true } else { false } }.count
      return (paths, single ? "log email \(paths.last.map(Record.stem) ?? "")" : "log email --mbox: \(count) imported")
    }
    try report(outcomes, from: source, single: single)
  }

  private func report(_ outcomes: [Outcome], from source: String, single: Bool) throws {
    var ids: [String] = []
    var duplicates = 0
    var unknown: [String] = []
    var tooBig = 0
    for outcome in outcomes {
      switch outcome {
      case .logged(let id): ids.append(id)
      case .duplicate(let messageID, let existing):
        duplicates += 1
        if single { throw CRMError(.failed, "message <\(messageID)> is already logged as \(existing)") }
      case .unknownSender(let email):
        unknown.append(email)
        if single {
          throw CRMError(.failed, "no contact has the address \(email) (From)", hint: "add the contact first, or pass --create-contact")
        }
      case .unreadable(let why):
        if single { throw CRMError(.usage, why) }
        unknown.append("(unreadable message)")
      case .tooBig(let number, let line):
        tooBig += 1
        Terminal.message("crm: \(source): message \(number) (line \(line)) is over \(Self.limitText); skipped")
      }
    }
    if single {
      Terminal.output(ids.joined(separator: "\n"))
      return
    }
    Terminal.write(ids.map { $0 + "\n" }.joined())
    var summary = "imported \(ids.count) email\(ids.count == 1 ? "" : "s"), \(duplicates) already logged"
    if tooBig > 0 { summary += ", \(tooBig) skipped: over \(Self.limitText)" }
    if !unknown.isEmpty {
      summary += ", \(unknown.count) skipped: unknown sender " + unknown.uniqued().joined(separator: ", ")
    }
    Terminal.message(summary)
    if !unknown.isEmpty { Terminal.message("hint: add those contacts first, or pass --create-contact") }
    // A message too big to log is bad input data, as a malformed file is (65); an unknown
    // sender is a request crm can meet once told how (1).
    if tooBig > 0 { throw ExitCode(65) }
    if !unknown.isEmpty { throw ExitCode(1) }
  }

  static let limitText = FileSystem.sizeText(FrontMatterFile.maximumSize)
}
