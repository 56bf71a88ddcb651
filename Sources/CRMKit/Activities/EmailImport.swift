/// Decides how each message of an import is logged: which contacts it was with, in which
/// direction, or why it is not logged. It remembers what the import writes, so a mailbox that
/// holds a message twice logs it once, and an unknown sender gets one contact, not one a message.
public struct EmailImport: Sendable {
  private let index: RecordIndex
  private let myEmails: [String]
  private let createsContacts: Bool
  /// Contacts this import created, by address: the index was loaded before them.
  private var created: [String: Record] = [:]
  /// Message-ID → the id of the activity that logged it.
  private var logged: [String: String] = [:]

  /// An import into the repo `index` holds. `myEmails` are the user's own addresses (a
  /// message from one is outgoing); `createsContacts` makes a contact for an unknown sender
  /// instead of refusing the message.
  public init(index: RecordIndex, myEmails: [String], createsContacts: Bool) {
    self.index = index
    self.myEmails = myEmails
    self.createsContacts = createsContacts
    for activity in index[.activity] { remember(activity) }
  }

  /// How one message is to be logged, or why not.
  public enum Decision: Sendable, Equatable {
    /// Log it, in `direction` (`in` or `out`), with `contacts`. When `newSender` is set, the
    /// sender is unknown: create that contact first; it goes before `contacts`.
    case log(direction: String, contacts: [Record], newSender: NewContact?)
    /// Its Message-ID is logged already, as the activity `existing`.
    case duplicate(messageID: String, existing: String)
    /// No contact has this address: the sender's, or for a message from the user, its first recipient's.
    case unknownSender(String)
  }

  /// A contact to create for an unknown sender.
  public struct NewContact: Sendable, Equatable {
    /// The sender's display name, else the part of the address before the `@`.
    public let name: String
    public let email: String

    /// The contact's fields, for a new contact file.
    public var fields: [Field] { [Field("name", .string(name)), Field("emails", .list([.string(email)]))] }
  }

  /// How `message` is to be logged. From a contact: incoming, with the contacts among the
  /// recipients too. From one of `myEmails`: outgoing, to the contacts among the recipients.
  /// From anyone else: an unknown sender, or a new contact when the import creates them.
  public func decide(_ message: MailMessage) -> Decision {
    if let id = message.messageID, let existing = logged[id] { return .duplicate(messageID: id, existing: existing) }
    let senders = message.from.compactMap(contact)
    let recipients = (message.to + message.cc).compactMap(contact)
    if !senders.isEmpty { return .log(direction: "in", contacts: senders + recipients, newSender: nil) }
    if message.from.contains(where: { myEmails.contains($0.email) }) {
      guard !recipients.isEmpty else { return .unknownSender((message.to + message.cc).first?.email ?? "(no To)") }
      return .log(direction: "out", contacts: recipients, newSender: nil)
    }
    guard createsContacts, let sender = message.from.first else { return .unknownSender(message.from.first?.email ?? "(no From)") }
    let name = sender.name ?? String(sender.email.split(separator: "@").first ?? "")
    return .log(direction: "in", contacts: recipients, newSender: NewContact(name: name, email: sender.email))
  }

  /// Notes a record the import wrote, so the messages after it see it: a contact it
  /// created, or an activity that logged a message.
  public mutating func remember(_ record: Record) {
    switch record.type {
    case .contact:
      for email in record.emails { created[email] = record }
    case .activity:
      if let id = record["message_id"]?.string { logged[id] = record.id }
    default:
      break
    }
  }

  /// The fields an email activity takes from its message: the subject and Message-ID.
  public static func fields(of message: MailMessage) -> [Field] {
    var fields: [Field] = []
    if let subject = message.subject, !subject.isEmpty { fields.append(Field("subject", .string(subject))) }
    if let id = message.messageID { fields.append(Field("message_id", .string(id))) }
    return fields
  }

  private func contact(_ address: MailAddress) -> Record? {
    created[address.email] ?? index.contacts(withEmail: address.email).first
  }
}
