import ArgumentParser
import CRMKit

struct ContactEdit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edit",
    abstract: "Change a contact's fields, or open it in your editor.",
    discussion: """
      With field flags, only those lines of the file change. With none, the file opens in $VISUAL or $EDITOR and is checked before it is saved.

      Examples:
        crm contact edit jane --set title=CEO --add-tag vip
        crm contact edit jane --email jd@acme.example --remove-email j@x.example
        crm contact edit jane-doe
      """)

  @Argument(help: "The contact: id, id prefix, email or exact name.", completion: IDCompletion.ids(.contact))
  var who: String

  @Option(parsing: .unconditional, help: "A new name (the id stays).")
  var name: String?

  @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("Add an email address (repeatable).", valueName: "email"))
  var email: [String] = []

  @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("Remove an email address (repeatable).", valueName: "email"))
  var removeEmail: [String] = []

  @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("Add a phone number (repeatable).", valueName: "phone"))
  var phone: [String] = []

  @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("Remove a phone number (repeatable).", valueName: "phone"))
  var removePhone: [String] = []

  @OptionGroup var contact: ContactFields
  @OptionGroup var edits: EditOptions
  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    let loaded = session.load([.contact, .company])
    let (fields, newCompany) = try contact.fields(session: session, loaded: loaded)
    var changes = fields.map { Change.set($0.key, $0.value) }
    if let name {
      guard !name.trimmingSpaces.isEmpty else { throw CRMError(.usage, "--name is empty") }
      changes.insert(.set("name", .string(name.trimmingSpaces)), at: 0)
    }
    let record = try Session.resolve(who, as: .contact, in: loaded)
    changes += email.map { .add("emails", .string($0)) } + removeEmail.map { .remove("emails", .string($0)) }
    changes += phone.map { .add("phones", .string($0)) } + removePhone.map { .remove("phones", .string($0)) }
    changes += try edits.changes(.contact, clock: session.clock)
    // Every address the edit gives the contact, by --email or --set emails=…: one owner each.
    let emails = changes.flatMap { change -> [String] in
      switch change {
      case .add("emails", let value), .set("emails", let value): return value.items.compactMap(\.string)
      default: return []
      }
    }
    try checkEmailsFree(emails, except: record.id, in: loaded.index)
    if changes.isEmpty && newCompany == nil {
      try RecordEditing.edit(record.id, type: .contact, session: session, loaded: loaded, force: edits.force)
      return
    }
    if let newCompany {
      var companyPath = ""
      try session.write { () throws(CRMError) in
        let company = try createCompany(named: newCompany, session: session)
        companyPath = company.path
        return ([company.path], "company add \(company.id): \(company.title)")
      }
      changes.append(.set("company", .string(Record.stem(of: companyPath))))
    }
    try RecordEditing.apply(
      changes, to: record.id, type: .contact, session: session, loaded: loaded, force: edits.force,
      verifying: emails.isEmpty ? nil : ([.contact], { current throws(CRMError) in try checkEmailsFree(emails, except: record.id, in: current.index) }))
  }
}
