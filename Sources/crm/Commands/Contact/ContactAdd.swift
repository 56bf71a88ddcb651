import ArgumentParser
import CRMKit

struct ContactAdd: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Add a contact and print its new id.",
    discussion: """
      The id is made from the name (Jürgen Müller → jurgen-muller; a clash gets -2).

      A name another contact already has is added too, with a note on stderr naming that contact.

      Examples:
        crm contact add "Jane Doe" --email jane@acme.example --company acme
        crm contact add "Li Wei" --tag vip -m "Met in Lisbon"
      """)

  @Argument(help: "The contact's full name.")
  var name: String

  @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("An email address (repeatable).", valueName: "email"))
  var email: [String] = []

  @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("A phone number, kept as written (repeatable).", valueName: "phone"))
  var phone: [String] = []

  @OptionGroup var contact: ContactFields

  @OptionGroup var extra: AddOptions

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    guard !name.trimmingSpaces.isEmpty else { throw CRMError(.usage, "the name is empty") }
    var id = ""
    var index = RecordIndex([])
    try session.write(loading: [.contact, .company]) { loaded throws(CRMError) in
      index = loaded.index
      var (fields, newCompany) = try contact.fields(session: session, loaded: loaded)
      fields = [Field("name", .string(name.trimmingSpaces))]
        + (email.isEmpty ? [] : [Field("emails", .list(email.map { .string($0) }))])
        + (phone.isEmpty ? [] : [Field("phones", .list(phone.map { .string($0) }))])
        + fields + (try extra.fields(.contact, clock: session.clock))
      // --set emails=… too: an address lives on one contact only.
      try checkEmailsFree(fields.filter { $0.key == "emails" }.flatMap { $0.value.items.compactMap(\.string) }, except: nil, in: loaded.index)
      var paths: [String] = []
      if let newCompany {
        let company = try createCompany(named: newCompany, session: session)
        fields.append(Field("company", .string(company.id)))
        paths.append(company.path)
      }
      id = session.repo.newID(for: .contact, name: name)
      let record = try session.repo.create(.contact, id: id, fields: fields, body: extra.body, clock: session.clock)
      return (paths + [record.path], "contact add \(id): \(record.title)")
    }
    Terminal.output(id)
    Session.noteSameName(.contact, name, in: index)
  }
}
