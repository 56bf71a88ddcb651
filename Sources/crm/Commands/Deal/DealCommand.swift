import ArgumentParser
import CRMKit

struct DealCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "deal",
    abstract: "Add deals and move them through the pipeline.",
    discussion: """
      Stages, their order and default probabilities come from .crm/config.yaml. Every stage change is appended to the deal's 'history' list.
      """,
    subcommands: [
      DealAdd.self, RecordList<DealNoun>.self, RecordShow<DealNoun>.self, DealEdit.self, DealMove.self, DealWon.self,
      DealLost.self, RecordRemove<DealNoun>.self,
    ])

  /// Read by the subcommand (see CommandLineWords.prepare); here for help and completion.
  @OptionGroup var store: StoreOptions
}

/// The deal flags shared by add and edit.
struct DealFields: ParsableArguments {
  @Option(help: ArgumentHelp("Company: id, id prefix or exact name.", valueName: "company"), completion: IDCompletion.ids(.company))
  var company: String?

  @Option(
    help: ArgumentHelp("A contact: id, id prefix, email or exact name (repeatable).", valueName: "who"),
    completion: IDCompletion.ids(.contact))
  var contact: [String] = []

  @Option(parsing: .unconditional, help: ArgumentHelp("The amount, an exact decimal such as 12500 or 980.50.", valueName: "amount"))
  var value: String?

  @Option(help: ArgumentHelp("ISO 4217 code of the amount (default: the config's currency).", valueName: "code"))
  var currency: String?

  @Option(help: ArgumentHelp("Win probability 0-100 (default: the stage's).", valueName: "percent"))
  var probability: String?

  @Option(parsing: .unconditional, help: ArgumentHelp("Expected close date: YYYY-MM-DD, +30d, friday, next month…", valueName: "date"))
  var close: String?

  @Option(help: "Where the deal came from, e.g. referral, website.")
  var source: String?

  @Option(help: "Who looks after this deal.")
  var owner: String?

  /// The typed fields given, with the company and contacts resolved.
  func fields(session: Session, index: RecordIndex) throws(CRMError) -> [Field] {
    var fields: [Field] = []
    if let company { fields.append(Field("company", .string(try index.resolve(company, as: .company).id))) }
    if let currency {
      let code = currency.uppercased()
      guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
        throw CRMError(.usage, "--currency must be an ISO 4217 code like EUR, not '\(currency)'")
      }
      fields.append(Field("currency", .string(code)))
    }
    for (key, text) in [("value", value), ("probability", probability), ("expected_close", close), ("source", source), ("owner", owner)] {
      if let field = try FieldArguments.value(text, key, .deal, clock: session.clock) { fields.append(field) }
    }
    return fields
  }

  /// The ids of the `--contact` names.
  func contactIDs(in index: RecordIndex) throws(CRMError) -> [String] {
    var ids: [String] = []
    for who in contact { ids.append(try index.resolve(who, as: .contact).id) }
    return ids.uniqued()
  }
}

struct DealAdd: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Add a deal and print its new id.",
    discussion: """
      The deal starts in the first open stage unless --stage names another; its history starts with that stage.

      Example:
        crm deal add "Website redesign" --company acme --value 12500 --close +30d
        crm deal add "Support renewal" --contact jane-doe --stage proposal
      """)

  @Argument(help: "The deal's title.")
  var title: String

  @OptionGroup var deal: DealFields

  @Option(help: ArgumentHelp("The stage to start in (default: the first).", valueName: "stage"), completion: IDCompletion.stages)
  var stage: String?

  @OptionGroup var extra: AddOptions

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    guard !title.trimmingSpaces.isEmpty else { throw CRMError(.usage, "the title is empty") }
    var assigned = try extra.fields(.deal, clock: session.clock)
    try refuseHistory(assigned.map(\.key), flag: "--set")
    let stageName = assigned.last { $0.key == "stage" }?.value.string ?? stage
    assigned.removeAll { $0.key == "stage" }
    let pipeline = Pipeline(session.repo.config)
    let start = try stageName.map { name throws(CRMError) in try pipeline.stage(named: name) } ?? pipeline.initialStage
    let index = session.load([.deal, .contact, .company]).index
    var fields = [Field("title", .string(title.trimmingSpaces)), Field("stage", .string(start.name))]
    fields += try deal.fields(session: session, index: index)
    let contacts = try deal.contactIDs(in: index)
    if !contacts.isEmpty { fields.append(Field("contacts", .list(contacts.map { .string($0) }))) }
    if start.outcome != .open { fields.append(Field("closed_at", .timestamp(session.clock.now))) }
    fields.append(Field("history", Pipeline.firstEntry(start, at: session.clock.now)))
    fields += assigned
    try session.add(.deal, named: title, fields: fields, body: extra.body)
  }
}

/// `history` is written only by stage changes, so `--set`/`--unset` may not touch it.
func refuseHistory(_ keys: [String], flag: String) throws(CRMError) {
  if keys.contains("history") {
    throw CRMError(.usage, "\(flag) cannot change 'history': crm keeps it", hint: "use 'crm deal move' to change the stage")
  }
}

struct DealEdit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edit",
    abstract: "Change a deal's fields, or open it in your editor.",
    discussion: """
      With field flags, only those lines of the file change; --stage (or --set stage=…) moves the deal like 'crm deal move'. With none, the file opens in $VISUAL or $EDITOR.

      Examples:
        crm deal edit acme-website --value 14000 --close 2026-12-31
        crm deal edit acme-website --contact bob@acme.example --add-tag urgent
      """)

  @Argument(help: "The deal: id, id prefix or exact title.", completion: IDCompletion.ids(.deal))
  var who: String

  @Option(parsing: .unconditional, help: "A new title (the id stays).")
  var title: String?

  @OptionGroup var deal: DealFields

  @Option(help: ArgumentHelp("Move to this stage, recording it in the history.", valueName: "stage"), completion: IDCompletion.stages)
  var stage: String?

  @Option(help: ArgumentHelp("Remove a contact (repeatable).", valueName: "who"), completion: IDCompletion.ids(.contact))
  var removeContact: [String] = []

  @OptionGroup var edits: EditOptions
  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    let loaded = session.load([.deal, .contact, .company])
    let index = loaded.index
    let record = try Session.resolve(who, as: .deal, in: loaded)
    var changes = try deal.fields(session: session, index: index).map { Change.set($0.key, $0.value) }
    if let title {
      guard !title.trimmingSpaces.isEmpty else { throw CRMError(.usage, "--title is empty") }
      changes.insert(.set("title", .string(title.trimmingSpaces)), at: 0)
    }
    changes += try deal.contactIDs(in: index).map { .add("contacts", .string($0)) }
    for who in removeContact {
      let id = (try? index.resolve(who, as: .contact).id) ?? who
      changes.append(.remove("contacts", .string(id)))
    }
    changes += try edits.changes(.deal, clock: session.clock)
    try refuseHistory(changes.map(\.key), flag: "--set/--unset")
    // A stage set by flag goes through the pipeline, so the history records it.
    var target = stage
    changes.removeAll { change in
      guard case .set("stage", let value) = change else { return false }
      target = value.string
      return true
    }
    if changes.contains(where: { $0.key == "stage" }) {
      throw CRMError(.usage, "--unset cannot remove 'stage'", hint: "move the deal with 'crm deal move' instead")
    }
    if changes.isEmpty && target == nil {
      try RecordEditing.edit(record.id, type: .deal, session: session, loaded: loaded, force: edits.force)
      return
    }
    let pipeline = Pipeline(session.repo.config)
    let newStage = try target.map { name throws(CRMError) in try pipeline.stage(named: name) }
    var moved: Pipeline.Move?
    var updated: Record?
    try session.write { () throws(CRMError) in
      updated = try session.repo.update(record, clock: session.clock, force: edits.force) { current throws(CRMError) in
        guard let newStage, current["stage"]?.string != newStage.name else { return changes }
        moved = pipeline.move(current, to: newStage, at: session.clock.now, note: nil)
        return changes + (moved?.changes ?? [])
      }
      let keys = (changes.map(\.key) + (moved == nil ? [] : ["stage"])).uniqued().joined(separator: ", ")
      return (updated == nil ? [] : [record.path], "deal edit \(record.id): \(keys)")
    }
    if let moved, let newStage { DealMoving.report(record.id, moved, to: newStage) }
    Terminal.message(updated == nil ? "\(record.id): nothing changed" : "updated \(record.path)")
  }
}
