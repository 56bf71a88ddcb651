import ArgumentParser
import CRMKit

struct CompanyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "company",
    abstract: "Add, list, show, edit and remove companies.",
    subcommands: [
      CompanyAdd.self, RecordList<CompanyNoun>.self, RecordShow<CompanyNoun>.self, CompanyEdit.self,
      RecordRemove<CompanyNoun>.self,
    ])

  /// Read by the subcommand (see CommandLineWords.prepare); here for help and completion.
  @OptionGroup var store: StoreOptions
}

/// The company flags shared by add and edit.
struct CompanyFields: ParsableArguments {
  @Option(help: "Web domain, e.g. acme.example.")
  var domain: String?

  @Option(parsing: .unconditional, help: "Industry, e.g. retail.")
  var industry: String?

  @Option(help: "Head count or band, e.g. 11-50.")
  var size: String?

  @Option(parsing: .unconditional, help: "Postal address.")
  var address: String?

  @Option(help: "Who looks after this company.")
  var owner: String?

  func fields(clock: CRMClock) throws(CRMError) -> [Field] {
    var fields: [Field] = []
    for (key, text) in [("domain", domain), ("industry", industry), ("size", size), ("address", address), ("owner", owner)] {
      if let field = try FieldArguments.value(text, key, .company, clock: clock) { fields.append(field) }
    }
    return fields
  }
}

struct CompanyAdd: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Add a company and print its new id.",
    discussion: """
      A name another company already has is added too, with a note on stderr naming that company.

      Example:
        crm company add "Acme Corp" --domain acme.example --industry retail
      """)

  @Argument(help: "The company's name.")
  var name: String

  @OptionGroup var company: CompanyFields

  @OptionGroup var extra: AddOptions

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    guard !name.trimmingSpaces.isEmpty else { throw CRMError(.usage, "the name is empty") }
    let fields = [Field("name", .string(name.trimmingSpaces))] + (try company.fields(clock: session.clock))
      + (try extra.fields(.company, clock: session.clock))
    let existing = session.load([.company]).index
    try session.add(.company, named: name, fields: fields, body: extra.body)
    Session.noteSameName(.company, name, in: existing)
  }
}

struct CompanyEdit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edit",
    abstract: "Change a company's fields, or open it in your editor.",
    discussion: """
      With field flags, only those lines of the file change. With none, the file opens in $VISUAL or $EDITOR and is checked before it is saved.

      Example:
        crm company edit acme --industry retail --add-tag key-account
      """)

  @Argument(help: "The company: id, id prefix or exact name.", completion: IDCompletion.ids(.company))
  var who: String

  @Option(parsing: .unconditional, help: "A new name (the id stays).")
  var name: String?

  @OptionGroup var company: CompanyFields
  @OptionGroup var edits: EditOptions
  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    let loaded = session.load([.company])
    var changes = try company.fields(clock: session.clock).map { Change.set($0.key, $0.value) }
    if let name {
      guard !name.trimmingSpaces.isEmpty else { throw CRMError(.usage, "--name is empty") }
      changes.insert(.set("name", .string(name.trimmingSpaces)), at: 0)
    }
    changes += try edits.changes(.company, clock: session.clock)
    try RecordEditing.apply(changes, to: who, type: .company, session: session, loaded: loaded, force: edits.force)
  }
}
