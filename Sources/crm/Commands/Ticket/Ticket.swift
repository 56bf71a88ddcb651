import ArgumentParser
import CRMKit

/// `crm ticket`: support requests, and the verbs that move them through their lifecycle.
struct TicketCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ticket",
    abstract: "Open, list, show, answer and close support tickets.",
    discussion: """
      A ticket goes open -> pending (waiting on the customer) -> resolved -> closed; reopen takes it back to open. Every move is kept in the ticket's history.
      """,
    subcommands: [
      RecordAdd<TicketNoun>.self, RecordList<TicketNoun>.self, RecordShow<TicketNoun>.self, RecordEdit<TicketNoun>.self,
      TicketReply.self, TicketMove<PendingVerb>.self, TicketMove<ResolveVerb>.self, TicketClose.self, TicketMove<ReopenVerb>.self,
      RecordRemove<TicketNoun>.self,
    ])

  /// Read by the subcommand (see CommandLineWords.prepare); here for help and completion.
  @OptionGroup var store: StoreOptions
}

enum TicketNoun: PlainRecordNoun {
  static let type = RecordType.ticket
  static let example = "20261122-1430-cannot-log-in-k3x9"
  static let addDiscussion = plainAddDiscussion(#"crm ticket add "Cannot log in" --contact jane-doe --priority high"#)
  static let editDiscussion = plainEditDiscussion(#"crm ticket edit "Cannot log in" --status resolved --set resolved_at=now"#)
  typealias AddFlags = TicketFields
  typealias EditFlags = TicketFields
}

/// The ticket flags shared by add and edit.
struct TicketFields: RecordFieldFlags {
  @Option(help: ArgumentHelp("Who asked: id, id prefix, email or exact name.", valueName: "who"), completion: IDCompletion.ids(.contact))
  var contact: String?

  @Option(help: ArgumentHelp("Their company: id, id prefix or exact name.", valueName: "company"), completion: IDCompletion.ids(.company))
  var company: String?

  @Option(help: ArgumentHelp("open, pending, resolved or closed (a new ticket is open).", valueName: "status"))
  var status: String?

  @Option(help: ArgumentHelp("urgent, high, normal or low.", valueName: "priority"))
  var priority: String?

  static let namesRecordsOf: Set<RecordType> = [.contact, .company]

  func fields(clock: CRMClock, index: RecordIndex) throws(CRMError) -> [Field] {
    var fields: [Field] = []
    if let contact { fields.append(Field("contact", .string(try index.resolve(contact, as: .contact).id))) }
    if let company { fields.append(Field("company", .string(try index.resolve(company, as: .company).id))) }
    for (key, text) in [("status", status), ("priority", priority)] {
      if let field = try FieldArguments.value(text, key, .ticket, clock: clock) { fields.append(field) }
    }
    return fields
  }
}
