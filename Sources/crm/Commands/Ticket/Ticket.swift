import ArgumentParser
import CRMKit

/// `crm ticket`: support requests, and the verbs that move them through their lifecycle.
struct TicketCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ticket",
    abstract: "Open, list, show, answer and close support tickets.",
    discussion: """
      A ticket goes open -> pending (waiting on the customer) -> resolved -> closed; reopen takes it back to open. Every move is kept in the ticket's history, which the SLA clocks read: their targets per priority are set under 'support:' in .crm/config.yaml, and list and show give each clock's time left or time over.
      """,
    subcommands: [
      TicketOpen.self, RecordList<TicketNoun>.self, RecordShow<TicketNoun>.self, RecordEdit<TicketNoun>.self,
      TicketReply.self, TicketMove<PendingVerb>.self, TicketMove<ResolveVerb>.self, TicketClose.self, TicketMove<ReopenVerb>.self,
      RecordRemove<TicketNoun>.self,
    ])

  /// Read by the subcommand (see CommandLineWords.prepare); here for help and completion.
  @OptionGroup var store: StoreOptions
}

enum TicketNoun: EditableRecordNoun {
  static let type = RecordType.ticket
  static let example = "20261122-1430-cannot-log-in-k3x9"
  static let editDiscussion = """
    \(editModes) --status (or --set status=…) moves the ticket as its verbs do, kept in its history and with the times it sets, but without their checks.

    Example:
      crm ticket edit 20261122-1430 --priority urgent --add-tag outage
    """
  typealias EditFlags = TicketEditFlags
}

struct TicketOpen: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "open",
    abstract: "Open a ticket, starting its SLA clocks, and print its new id.",
    discussion: """
      The ticket is open from --at (default: now), at the given priority (default: normal); its company is the contact's unless --company names another.

      --eml FILE opens it from a customer's email ('-' for stdin): the sender is the contact (matched by address; --create-contact adds an unknown one), the subject the title, the text without the quoted message it answers the description, and the Date the time it was opened. Its Message-ID is kept, so the same email never opens two tickets.

      Examples:
        crm ticket open "Cannot log in" --contact jane-doe --priority high
        crm ticket open --eml ~/Downloads/login-fails.eml --priority urgent
      """,
    aliases: ["add"])

  @Argument(help: ArgumentHelp("What the customer needs, in a line (not with --eml).", valueName: "title"))
  var title: String?

  @OptionGroup var ticket: TicketFields

  @Option(parsing: .unconditional, help: ArgumentHelp("When the customer asked (default: now): 2026-11-20T16:00, -2h…", valueName: "when"))
  var at: String?

  @Option(help: ArgumentHelp("Open it from this email file ('-' for stdin).", valueName: "file"))
  var eml: String?

  @Flag(help: "With --eml, add an unknown sender as a contact instead of refusing.")
  var createContact = false

  @OptionGroup var extra: AddOptions

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    var intake: TicketIntake?
    var body = extra.body
    if let eml {
      guard title == nil, ticket.contact == nil, extra.note == nil, at == nil else {
        throw CRMError(.usage, "an email brings its own title, contact, description and time", hint: "drop TITLE, --contact, -m and --at")
      }
      intake = try TicketIntake(MailMessage.parse(LogOptions.readInput(eml, flag: "--eml")))
      body = intake?.description ?? ""
    } else if extra.note == "-" {
      body = String(decoding: try LogOptions.readInput("-", flag: "-m"), as: UTF8.self)
    }
    guard let title = intake?.title ?? title?.trimmingSpaces else {
      throw CRMError(.usage, "give the ticket's TITLE, or --eml FILE", hint: "e.g. crm ticket open \"Cannot log in\" --contact jane-doe")
    }
    guard !title.isEmpty else { throw CRMError(.usage, "the title is empty") }
    let openedAt = try intake?.openedAt ?? session.instant(at)
    let extra = try extra.fields(.ticket, clock: session.clock)
    var id = ""
    // Of the tickets, only an email's dedupe needs them.
    let types: Set<RecordType> = intake == nil ? [.contact, .company, .deal] : [.contact, .company, .deal, .ticket]
    try session.write(loading: types) { loaded throws(CRMError) in
      let index = loaded.index
      var given = try ticket.fields(clock: session.clock, index: index)
      var contact = given.first { $0.key == "contact" }?.value.string.flatMap { index.record(.contact, id: $0) ?? nil }
      var newContact: (id: String, fields: [Field])?
      if let intake {
        if let existing = TicketIntake.ticket(openedFrom: intake.messageID, in: index) {
          throw CRMError(.failed, "message <\(intake.messageID ?? "")> is already ticket \(existing.id)", hint: "see 'crm ticket show \(existing.id)'")
        }
        if let known = index.contacts(withEmail: intake.sender.email).first {
          contact = known
        } else {
          newContact = try senderToAdd(intake, session: session)
        }
        given.insert(Field("contact", .string(contact?.id ?? newContact?.id ?? "")), at: 0)
      }
      let fields = [Field("title", .string(title))]
        + (try TicketLifecycle.newTicket(given, contact: contact, at: openedAt, intake: intake, extra: extra))
      // Named by the local time it came in, so ids sort by time whatever zone an email was sent from.
      id = try session.repo.newID(for: .ticket, name: title, at: session.clock.local(openedAt))
      // Everything is checked: the sender's new contact first, then the ticket that names it.
      var written: [String] = []
      if let newContact {
        written.append(try session.repo.create(.contact, id: newContact.id, fields: newContact.fields, body: "", clock: session.clock).path)
      }
      let record = try session.repo.create(.ticket, id: id, fields: fields, body: body, clock: session.clock)
      return (written + [record.path], "ticket open \(id): \(record.title)")
    }
    Terminal.output(id)
  }

  /// The contact to add for an email's unknown sender (with --create-contact), or why not.
  private func senderToAdd(_ intake: TicketIntake, session: Session) throws(CRMError) -> (id: String, fields: [Field]) {
    let address = intake.sender.email
    if session.repo.config.myEmails.contains(address) {
      throw CRMError(
        .usage, "the email is from you ('\(address)' is in my_emails): a ticket starts with a customer's email",
        hint: "open it by hand: crm ticket open TITLE --contact WHO")
    }
    guard createContact else {
      throw CRMError(
        .notFound, "no contact has the address '\(address)'",
        hint: "pass --create-contact to add one, or give the address to a contact with 'crm contact edit WHO --email \(address)'")
    }
    let name = intake.senderName
    return (session.repo.newID(for: .contact, name: name), [Field("name", .string(name)), Field("emails", .list([.string(address)]))])
  }
}

/// The ticket flags shared by open and edit.
struct TicketFields: ParsableArguments {
  @Option(help: ArgumentHelp("Who asked: id, id prefix, email or exact name.", valueName: "who"), completion: IDCompletion.ids(.contact))
  var contact: String?

  @Option(help: ArgumentHelp("Their company: id, id prefix or exact name.", valueName: "company"), completion: IDCompletion.ids(.company))
  var company: String?

  @Option(help: ArgumentHelp("The deal it is about: id, id prefix or exact title.", valueName: "deal"), completion: IDCompletion.ids(.deal))
  var deal: String?

  @Option(help: ArgumentHelp("urgent, high, normal or low: picks the SLA targets.", valueName: "priority"))
  var priority: String?

  @Option(help: ArgumentHelp("How it came in: email, phone, chat, web…", valueName: "channel"))
  var channel: String?

  /// The fields given, typed, with the records they name found in `index`.
  func fields(clock: CRMClock, index: RecordIndex) throws(CRMError) -> [Field] {
    var fields: [Field] = []
    if let contact { fields.append(Field("contact", .string(try index.resolve(contact, as: .contact).id))) }
    if let company { fields.append(Field("company", .string(try index.resolve(company, as: .company).id))) }
    if let deal { fields.append(Field("deal", .string(try index.resolve(deal, as: .deal).id))) }
    for (key, text) in [("priority", priority), ("channel", channel)] {
      if let field = try FieldArguments.value(text, key, .ticket, clock: clock) { fields.append(field) }
    }
    return fields
  }
}

struct TicketEditFlags: RecordEditFlags {
  @OptionGroup var ticket: TicketFields

  @Option(help: ArgumentHelp("Move it to open, pending, resolved or closed, recorded in its history.", valueName: "status"))
  var status: String?

  static let namesRecordsOf: Set<RecordType> = [.contact, .company, .deal]

  func changes(clock: CRMClock, index: RecordIndex) throws(CRMError) -> [Change] {
    try ticket.fields(clock: clock, index: index).map { .set($0.key, $0.value) }
  }

  func plan(_ changes: [Change], for record: Record, session: Session, loaded: Repository.Loaded) throws(CRMError) -> RecordEditPlan {
    let (rest, target) = try TicketLifecycle.statusEdit(changes, status: status)
    var plan = RecordEditPlan(changes: rest)
    guard let target else { return plan }
    let now = session.clock.now
    // Worked out from the ticket as it is under the lock, so its history is right.
    plan.fromCurrent = { current throws(CRMError) in
      guard (current["status"]?.string ?? "open") != target else { return nil }
      let from = current["status"]?.string ?? "open"
      return (try TicketLifecycle.move(current, to: target, at: now, force: true), "status", "moved \(record.id): \(from) -> \(target)")
    }
    return plan
  }
}
