import ArgumentParser
import CRMKit

struct ContactCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "contact",
    abstract: "Add, list, show, edit and remove contacts.",
    subcommands: [
      ContactAdd.self, RecordList<ContactNoun>.self, RecordShow<ContactNoun>.self, ContactEdit.self,
      RecordRemove<ContactNoun>.self,
    ])

  /// Read by the subcommand (see CommandLineWords.prepare); here for help and completion.
  @OptionGroup var store: StoreOptions
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

  /// The typed fields given, with `--company` resolved (or created, under the lock).
  func fields(session: Session, loaded: Repository.Loaded) throws(CRMError) -> (fields: [Field], newCompany: String?) {
    var fields: [Field] = []
    var newCompany: String?
    if let company {
      do {
        fields.append(Field("company", .string(try loaded.index.resolve(company, as: .company).id)))
      } catch where error.kind == .notFound && createCompany {
        newCompany = company
      } catch where error.kind == .notFound {
        throw CRMError(.notFound, "no company '\(company)'", hint: "pass --create-company to create it, or see 'crm company list'")
      }
    }
    for (key, text) in [("title", title), ("source", source), ("status", status), ("owner", owner)] {
      if let field = try FieldArguments.value(text, key, .contact, clock: session.clock) { fields.append(field) }
    }
    return (fields, newCompany)
  }
}

/// Makes a company for `--create-company`; call under the write lock.
func createCompany(named name: String, session: Session) throws(CRMError) -> Record {
  let id = session.repo.newID(for: .company, name: name)
  return try session.repo.create(.company, id: id, fields: [Field("name", .string(name))], body: "", clock: session.clock)
}

/// Refuses an email that another contact already has: `crm check` would flag it.
func checkEmailsFree(_ emails: [String], except id: String?, in index: RecordIndex) throws(CRMError) {
  for email in emails {
    guard Scalars.isEmail(email) else { throw CRMError(.usage, "'\(email)' is not an email address") }
    if let owner = index.contacts(withEmail: email).first(where: { $0.id != id }) {
      throw CRMError(.failed, "email '\(email)' already belongs to \(owner.id) (\(owner.title))", hint: "each address lives on one contact; see 'crm contact show \(owner.id)'")
    }
  }
}
