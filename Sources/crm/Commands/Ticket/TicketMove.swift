import ArgumentParser
import CRMKit

/// A status a ticket is moved to by a verb of its own: `crm ticket pending|resolve|reopen`.
protocol TicketStatusVerb {
  static var name: String { get }
  static var status: String { get }
  static var abstract: String { get }
  static var example: String { get }
}

enum PendingVerb: TicketStatusVerb {
  static let name = "pending"
  static let status = "pending"
  static let abstract = "Mark a ticket as waiting on the customer: its SLA clocks stop until it moves on."
  static let example = #"crm ticket pending "Cannot log in" -m "Asked for the browser version""#
}

enum ResolveVerb: TicketStatusVerb {
  static let name = "resolve"
  static let status = "resolved"
  static let abstract = "Mark a ticket resolved: sets resolved_at."
  static let example = #"crm ticket resolve "Cannot log in" -m "Reset the password""#
}

enum ReopenVerb: TicketStatusVerb {
  static let name = "reopen"
  static let status = "open"
  static let abstract = "Open a ticket again: clears resolved_at and closed_at and counts the reopen."
  static let example = #"crm ticket reopen "Cannot log in" -m "Still fails on mobile""#
}

struct TicketMove<Verb: TicketStatusVerb>: ParsableCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: Verb.name, abstract: Verb.abstract,
      discussion: """
        \(TicketMoving.discussion)

        Example:
          \(Verb.example)
        """)
  }

  @Argument(help: "The ticket: id, id prefix or exact title.", completion: IDCompletion.ids(.ticket))
  var who: String

  @OptionGroup var move: TicketMoveOptions
  @OptionGroup var store: StoreOptions

  func run() throws {
    try TicketMoving.run(who, to: Verb.status, verb: Verb.name, store: store, options: move)
  }
}

struct TicketClose: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "close",
    abstract: "Close a resolved ticket, with the customer's satisfaction if you have it.",
    discussion: """
      \(TicketMoving.discussion) Closing a ticket nobody resolved needs --force (resolved_at is then set too).

      Example:
        crm ticket close "Cannot log in" --satisfaction 5 --comment "Quick"
      """)

  @Argument(help: "The ticket: id, id prefix or exact title.", completion: IDCompletion.ids(.ticket))
  var who: String

  @Option(help: ArgumentHelp("The customer's satisfaction, 1 (poor) to 5 (great).", valueName: "N"))
  var satisfaction: String?

  @Option(parsing: .unconditional, help: ArgumentHelp("What the customer said about it (needs --satisfaction).", valueName: "text"))
  var comment: String?

  @OptionGroup var move: TicketMoveOptions
  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    guard comment == nil || satisfaction != nil else { throw CRMError(.usage, "--comment needs --satisfaction") }
    var extra: [Change] = []
    if let field = try FieldArguments.value(satisfaction, "satisfaction", .ticket, clock: session.clock) {
      extra.append(.set(field.key, field.value))
    }
    if let comment, !comment.trimmingSpaces.isEmpty { extra.append(.set("satisfaction_comment", .string(comment.trimmingSpaces))) }
    try TicketMoving.run(who, to: "closed", verb: "close", session: session, options: move, extra: extra)
  }
}

struct TicketMoveOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: ArgumentHelp("When it happened (default: now): 2026-11-20T16:00:00Z, yesterday, -2h…", valueName: "when"))
  var at: String?

  @Option(name: [.customShort("m"), .customLong("message")], parsing: .unconditional, help: "A note for the history entry.")
  var note: String?

  @Flag(help: "Make a move the lifecycle does not (close an unresolved ticket), or replace a read-only file.")
  var force = false
}

/// Moving a ticket between statuses, shared by its verbs.
enum TicketMoving {
  static let discussion =
    "Sets 'status' and appends {status, at, from} to the ticket's history, which the SLA clocks read; nothing else in the file changes but the times the move sets."

  static func run(_ who: String, to status: String, verb: String, store: StoreOptions, options: TicketMoveOptions) throws {
    try run(who, to: status, verb: verb, session: Session(store), options: options, extra: [])
  }

  static func run(_ who: String, to status: String, verb: String, session: Session, options: TicketMoveOptions, extra: [Change]) throws {
    let at = try session.instant(options.at)
    let record = try session.record(who, as: .ticket)
    var from = ""
    try session.write { () throws(CRMError) in
      // Checked against the file as it is under the lock, not as it was read before it.
      _ = try session.repo.update(record, clock: session.clock, force: options.force) { current throws(CRMError) in
        from = current["status"]?.string ?? "open"
        return try TicketLifecycle.move(current, to: status, at: at, note: options.note, force: options.force) + extra
      }
      return ([record.path], "ticket \(verb) \(record.id): \(from) -> \(status)")
    }
    Terminal.message("\(status == "open" ? "reopened" : status) \(record.id): \(from) -> \(status)")
  }
}

struct TicketReply: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reply",
    abstract: "Log a reply on a ticket: an email to its contact, or with --internal a note for the team.",
    discussion: """
      The reply is an activity linked to the ticket (ticket: ID), so the ticket's card and the contact's timeline show the conversation. The first reply the customer sees sets the ticket's first_response_at, which stops the first-response clock.

      Example:
        crm ticket reply "Cannot log in" -m "We reset your password"
      """)

  @Argument(help: "The ticket: id, id prefix or exact title.", completion: IDCompletion.ids(.ticket))
  var who: String

  @Option(name: [.customShort("m"), .customLong("message")], parsing: .unconditional, help: "The reply (Markdown).")
  var message: String

  @Flag(help: "A note for the team, not sent to the customer: logged as a note, and no first response.")
  var `internal` = false

  @Option(parsing: .unconditional, help: ArgumentHelp("When it was sent (default: now): 2026-11-20T16:00:00Z, -2h…", valueName: "when"))
  var at: String?

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    guard !message.trimmingSpaces.isEmpty else { throw CRMError(.usage, "the reply is empty") }
    let at = try session.instant(at)
    let ticket = try session.record(who, as: .ticket)
    let kind = self.internal ? "note" : "email"
    var id = ""
    try session.write { () throws(CRMError) in
      // The ticket as it is under the lock: another reply may have been the first. The reply
      // is written before the ticket records it, so a failure between leaves no first
      // response without its reply.
      let current = try Record.parse(type: .ticket, path: ticket.path, file: session.repo.read(ticket).file)
      let marks = try TicketLifecycle.reply(to: current, at: at, internal: self.internal)
      var fields = [Field("kind", .string(kind)), Field("at", .timestamp(at)), Field("ticket", .string(ticket.id))]
      if let contact = current["contact"]?.string { fields.append(Field("contacts", .list([.string(contact)]))) }
      for key in ["company", "deal"] { if let value = current[key] { fields.append(Field(key, value)) } }
      if !self.internal { fields.append(Field("direction", .string("out"))) }
      id = try session.repo.newActivityID(at: at, kind: kind, about: current["contact"]?.string ?? "ticket")
      let activity = try session.repo.create(
        .activity, id: id, fields: fields, body: message.trimmingTrailingSpaces + "\n", clock: session.clock, month: at.date)
      let updated = try session.repo.update(ticket, clock: session.clock) { _ throws(CRMError) in marks }
      return ([activity.path] + (updated == nil ? [] : [ticket.path]), "ticket reply \(ticket.id): \(id)")
    }
    Terminal.output(id)
  }
}
