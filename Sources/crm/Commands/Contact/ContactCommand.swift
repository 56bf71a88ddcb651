import ArgumentParser
import CRMKit

/// `crm contact`: people, with their emails and phones.
struct ContactCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "contact",
    abstract: "Add, list, show, edit and remove contacts.",
    subcommands: [
      RecordAdd<ContactNoun>.self, RecordList<ContactNoun>.self, RecordShow<ContactNoun>.self, RecordEdit<ContactNoun>.self,
      RecordRemove<ContactNoun>.self,
    ])

  /// Read by the subcommand (see CommandLineWords.prepare); here for help and completion.
  @OptionGroup var store: StoreOptions
}

enum ContactNoun: PlainRecordNoun {
  static let type = RecordType.contact
  static let example = "jane-doe"
  static let titleHelp = "The contact's full name."
  static let whoHelp = "The contact: id, id prefix, email or exact name."
  static let addDiscussion = """
    The id is made from the name (Jürgen Müller → jurgen-muller; a clash gets -2).

    A name another contact already has is added too, with a note on stderr naming that contact.

    Examples:
      crm contact add "Jane Doe" --email jane@acme.example --company acme
      crm contact add "Li Wei" --tag vip -m "Met in Lisbon"
    """
  static let editDiscussion = """
    \(editModes)

    Examples:
      crm contact edit jane --set title=CEO --add-tag vip
      crm contact edit jane --email jd@acme.example --remove-email j@x.example
      crm contact edit jane-doe
    """
  typealias AddFlags = ContactAddFlags
  typealias EditFlags = ContactEditFlags
}

struct ContactAddFlags: RecordAddFlags {
  @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("An email address (repeatable).", valueName: "email"))
  var email: [String] = []

  @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("A phone number, kept as written (repeatable).", valueName: "phone"))
  var phone: [String] = []

  @OptionGroup var contact: ContactFields

  static let namesRecordsOf: Set<RecordType> = [.contact, .company]

  func fields(adding given: [Field], to draft: inout RecordDraft) throws(CRMError) -> [Field] {
    let (own, newCompany) = try contact.fields(clock: draft.clock, index: draft.index)
    var fields = (email.isEmpty ? [] : [Field("emails", .list(email.map { .string($0) }))])
      + (phone.isEmpty ? [] : [Field("phones", .list(phone.map { .string($0) }))]) + own + given
    // --set emails=… too: an address lives on one contact only.
    try draft.index.checkEmailsFree(fields.filter { $0.key == "emails" }.flatMap { $0.value.items.compactMap(\.string) }, except: nil)
    if let newCompany {
      let company = try ContactFields.createCompany(named: newCompany, session: draft.session)
      fields.append(Field("company", .string(company.id)))
      draft.written.append(company.path)
    }
    return fields
  }
}

struct ContactEditFlags: RecordEditFlags {
  @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("Add an email address (repeatable).", valueName: "email"))
  var email: [String] = []

  @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("Remove an email address (repeatable).", valueName: "email"))
  var removeEmail: [String] = []

  @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("Add a phone number (repeatable).", valueName: "phone"))
  var phone: [String] = []

  @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("Remove a phone number (repeatable).", valueName: "phone"))
  var removePhone: [String] = []

  @OptionGroup var contact: ContactFields

  static let namesRecordsOf: Set<RecordType> = [.company]

  func changes(clock: CRMClock, index: RecordIndex) throws(CRMError) -> [Change] {
    var changes = try contact.fields(clock: clock, index: index).fields.map { Change.set($0.key, $0.value) }
    changes += email.map { .add("emails", .string($0)) } + removeEmail.map { .remove("emails", .string($0)) }
    changes += phone.map { .add("phones", .string($0)) } + removePhone.map { .remove("phones", .string($0)) }
    return changes
  }

  func plan(_ changes: [Change], for record: Record, session: Session, loaded: Repository.Loaded) throws(CRMError) -> RecordEditPlan {
    let newCompany = try contact.fields(clock: session.clock, index: loaded.index).newCompany
    // Every address the edit gives the contact, by --email or --set emails=…: one owner each.
    let emails = changes.flatMap { change -> [String] in
      switch change {
      case .add("emails", let value), .set("emails", let value): return value.items.compactMap(\.string)
      default: return []
      }
    }
    try loaded.index.checkEmailsFree(emails, except: record.id)
    var plan = RecordEditPlan(changes: changes)
    guard !emails.isEmpty || newCompany != nil else { return plan }
    // Under the lock: the addresses are still free, and the new company is made in the same commit.
    plan.loading = emails.isEmpty ? [] : [.contact]
    plan.prepare = { current throws(CRMError) in
      try current.index.checkEmailsFree(emails, except: record.id)
      guard let newCompany else { return ([], []) }
      let company = try ContactFields.createCompany(named: newCompany, session: session)
      return ([company.path], [.set("company", .string(company.id))])
    }
    return plan
  }
}

/// The contact flags shared by add and edit.
struct ContactFields: ParsableArguments {
  @Option(help: ArgumentHelp("Company: id, id prefix or exact name.", valueName: "company"), completion: IDCompletion.ids(.company))
  var company: String?

  @Flag(help: "Create the --company if no company matches it.")
  var createCompany = false

  @Option(parsing: .unconditional, help: "Job title.")
  var title: String?

  @Option(parsing: .unconditional, help: "Where the contact came from, e.g. website, referral.")
  var source: String?

  @Option(help: ArgumentHelp("lead, prospect, customer or former.", valueName: "status"))
  var status: String?

  @Option(help: "Who looks after this contact.")
  var owner: String?

  /// The typed fields given, with `--company` resolved, or named to be created.
  func fields(clock: CRMClock, index: RecordIndex) throws(CRMError) -> (fields: [Field], newCompany: String?) {
    var fields: [Field] = []
    var newCompany: String?
    if let company {
      do {
        fields.append(Field("company", .string(try index.resolve(company, as: .company).id)))
      } catch where error.kind == .notFound && createCompany {
        newCompany = company
      } catch where error.kind == .notFound {
        throw CRMError(.notFound, "no company '\(company)'", hint: "pass --create-company to create it, or see 'crm company list'")
      }
    }
    for (key, text) in [("title", title), ("source", source), ("status", status), ("owner", owner)] {
      if let field = try FieldArguments.value(text, key, .contact, clock: clock) { fields.append(field) }
    }
    return (fields, newCompany)
  }

  /// Makes a company for `--create-company`; call under the write lock.
  static func createCompany(named name: String, session: Session) throws(CRMError) -> Record {
    let id = session.repo.newID(for: .company, name: name)
    return try session.repo.create(.company, id: id, fields: [Field("name", .string(name))], body: "", clock: session.clock)
  }
}
