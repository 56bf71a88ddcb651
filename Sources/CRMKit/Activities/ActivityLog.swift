/// What the user said about an interaction, as typed: who and what it was with, and the
/// details `crm log` takes as options. Nothing in it is checked until an `ActivityLog` is
/// made from it.
public struct ActivityDetails: Sendable, Equatable {
  /// The contacts: ids, id prefixes, emails or exact names.
  public var contacts: [String] = []
  public var company: String?
  public var deal: String?
  /// `in` or `out`.
  public var direction: String?
  /// `30m`, `1h`, `1h30m`… (see `ActivityLog.isDuration`).
  public var duration: String?
  public var outcome: String?
  public var channel: String?
  /// A date expression: also add a task due then.
  public var followUp: String?
  /// The follow-up task's title, instead of "Follow up with NAME".
  public var followUpTitle: String?

  public init() {}
}

/// One interaction to log, worked out from `ActivityDetails`: the activity's fields, what its
/// id is named after, and the follow-up task to add with it. Making one checks everything the
/// user typed, so a mistake is reported before anything is written.
public struct ActivityLog: Sendable {
  /// call, email, meeting, note, chat, sms or social.
  public let kind: String
  /// When it happened.
  public let at: Timestamp
  /// The contacts it was with, each once, in the order given.
  public let contacts: [Record]
  /// The activity's fields, without its notes. A caller may add its own (an email's subject).
  public var fields: [Field]
  /// The task to add with the activity, when `ActivityDetails.followUp` asked for one.
  public let followUp: FollowUpTask?
  /// What the activity's id is named after: its first contact, else the company or deal as typed.
  public let about: String
  /// Every record the activity names (its contacts, company and deal), for the writer to
  /// check they are still there under the lock.
  public let names: [Record]

  /// Resolves the records `details` names with `resolve`, in the order they are typed
  /// (contacts, company, deal), and checks the rest. `contacts` (an imported email's) come
  /// after the typed ones. Errors are usage errors naming the option, or what `resolve` throws.
  public init(
    kind: String, at: Timestamp, details: ActivityDetails, contacts given: [Record] = [], clock: CRMClock,
    resolve: (String, RecordType) throws(CRMError) -> Record
  ) throws(CRMError) {
    var typed: [Record] = []
    for who in details.contacts { typed.append(try resolve(who, .contact)) }
    var contacts: [Record] = []
    for contact in typed + given where !contacts.contains(where: { $0.id == contact.id }) { contacts.append(contact) }
    let company = try details.company.map { name throws(CRMError) in try resolve(name, .company) }
    let deal = try details.deal.map { name throws(CRMError) in try resolve(name, .deal) }
    if contacts.isEmpty && company == nil && deal == nil {
      throw CRMError(.usage, "say who the \(kind) was with: one or more contacts, or --company or --deal")
    }
    var fields = [Field("kind", .string(kind)), Field("at", .timestamp(at))]
    if !contacts.isEmpty { fields.append(Field("contacts", .list(contacts.map { .string($0.id) }))) }
    if let company { fields.append(Field("company", .string(company.id))) }
    if let deal { fields.append(Field("deal", .string(deal.id))) }
    if let duration = details.duration {
      guard Self.isDuration(duration) else {
        throw CRMError(.usage, "--duration must look like 30m, 1h or 1h30m, not '\(duration)'")
      }
      fields.append(Field("duration", .string(duration)))
    }
    for (key, text) in [("direction", details.direction), ("outcome", details.outcome), ("channel", details.channel)] {
      guard let text else { continue }
      fields.append(Field(key, try Value.parse(text, as: RecordType.activity.kind(of: key), field: key, clock: clock)))
    }
    // The typed company or deal, not the record's name: the user's own words for it.
    let named = details.company ?? details.deal
    self.kind = kind
    self.at = at
    self.contacts = contacts
    names = contacts + [company, deal].compactMap { $0 }
    self.fields = fields
    about = contacts.first?.id ?? named ?? kind
    followUp = try details.followUp.map { text throws(CRMError) in
      guard let due = clock.date(text) else {
        throw CRMError(.usage, "--follow-up must be a date, not '\(text)'", hint: CRMClock.dateHint)
      }
      return FollowUpTask(
        title: details.followUpTitle ?? "Follow up with " + (contacts.first?.title ?? named ?? ""), due: due,
        contact: contacts.first?.id, deal: deal?.id)
    }
  }

  /// Whether `text` is a duration: `30m`, `1h`, `1h30m`, `90s` (hours, minutes and seconds,
  /// each at most once and in that order), or a bare number of minutes.
  public static func isDuration(_ text: String) -> Bool {
    if let minutes = Int(text), minutes >= 0 { return true }
    let units: [Character] = ["h", "m", "s"]
    var digits = 0
    var lastUnit = -1
    for c in text {
      if c.isASCII && c.isNumber {
        digits += 1
      } else if let unit = units.firstIndex(of: c), digits > 0, unit > lastUnit {
        lastUnit = unit
        digits = 0
      } else {
        return false
      }
    }
    return digits == 0 && lastUnit >= 0
  }

  /// The commit message for logging this activity as `id`.
  public func commitMessage(id: String) -> String {
    "log \(kind) \(id)" + (contacts.isEmpty ? "" : ": " + contacts.map(\.title).joined(separator: ", "))
  }
}

/// The open task a logged activity asks for: due on a date, for its first contact and its deal.
public struct FollowUpTask: Sendable, Equatable {
  public let title: String
  public let due: CalendarDate
  public let contact: String?
  public let deal: String?

  /// The task's fields, for a new task file.
  public var fields: [Field] {
    var fields = [Field("title", .string(title)), Field("due", .date(due))]
    if let contact { fields.append(Field("contact", .string(contact))) }
    if let deal { fields.append(Field("deal", .string(deal))) }
    fields.append(Field("status", .string("open")))
    return fields
  }
}
