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
      RecordAdd<DealNoun>.self, RecordList<DealNoun>.self, RecordShow<DealNoun>.self, RecordEdit<DealNoun>.self, DealMove.self, DealWon.self,
      DealLost.self, RecordRemove<DealNoun>.self,
    ])

  /// Read by the subcommand (see CommandLineWords.prepare); here for help and completion.
  @OptionGroup var store: StoreOptions
}

enum DealNoun: PlainRecordNoun {
  static let type = RecordType.deal
  static let example = "acme-website-redesign"
  static let notesSameTitle = false
  static let addDiscussion = """
    The deal starts in the first open stage unless --stage names another; its history starts with that stage.

    Example:
      crm deal add "Website redesign" --company acme --value 12500 --close +30d
      crm deal add "Support renewal" --contact jane-doe --stage proposal
    """
  static let editDiscussion = """
    With field flags, only those lines of the file change; --stage (or --set stage=…) moves the deal like 'crm deal move'. With none, the file opens in $VISUAL or $EDITOR.

    Examples:
      crm deal edit acme-website --value 14000 --close 2026-12-31
      crm deal edit acme-website --contact bob@acme.example --add-tag urgent
    """
  typealias AddFlags = DealAddFlags
  typealias EditFlags = DealEditFlags
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

  /// The typed fields given, with the company resolved.
  func fields(clock: CRMClock, index: RecordIndex) throws(CRMError) -> [Field] {
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
      if let field = try FieldArguments.value(text, key, .deal, clock: clock) { fields.append(field) }
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

struct DealAddFlags: RecordAddFlags {
  @OptionGroup var deal: DealFields

  @Option(help: ArgumentHelp("The stage to start in (default: the first).", valueName: "stage"), completion: IDCompletion.stages)
  var stage: String?

  static let namesRecordsOf: Set<RecordType> = [.contact, .company]

  func fields(adding given: [Field], to draft: inout RecordDraft) throws(CRMError) -> [Field] {
    try Pipeline.refuseHistory(given.map(\.key), flag: "--set")
    let (start, after) = try Pipeline(draft.session.repo.config).newDeal(
      startingIn: given.last { $0.key == "stage" }?.value.string ?? stage, at: draft.clock.now)
    let contacts = try deal.contactIDs(in: draft.index)
    return [start] + (try deal.fields(clock: draft.clock, index: draft.index))
      + (contacts.isEmpty ? [] : [Field("contacts", .list(contacts.map { .string($0) }))]) + after
      + given.filter { $0.key != "stage" }
  }
}

struct DealEditFlags: RecordEditFlags {
  @OptionGroup var deal: DealFields

  @Option(help: ArgumentHelp("Move to this stage, recording it in the history.", valueName: "stage"), completion: IDCompletion.stages)
  var stage: String?

  @Option(help: ArgumentHelp("Remove a contact (repeatable).", valueName: "who"), completion: IDCompletion.ids(.contact))
  var removeContact: [String] = []

  static let namesRecordsOf: Set<RecordType> = [.contact, .company]

  func changes(clock: CRMClock, index: RecordIndex) throws(CRMError) -> [Change] {
    var changes = try deal.fields(clock: clock, index: index).map { Change.set($0.key, $0.value) }
    changes += try deal.contactIDs(in: index).map { .add("contacts", .string($0)) }
    for who in removeContact {
      let id = (try? index.resolve(who, as: .contact).id) ?? who
      changes.append(.remove("contacts", .string(id)))
    }
    return changes
  }

  func plan(_ changes: [Change], for record: Record, session: Session, loaded: Repository.Loaded) throws(CRMError) -> RecordEditPlan {
    let pipeline = Pipeline(session.repo.config)
    let (rest, target) = try pipeline.stageEdit(changes, stage: stage)
    var plan = RecordEditPlan(changes: rest)
    guard let target else { return plan }
    let now = session.clock.now
    // The move is worked out from the deal as it is under the lock, so its history is right.
    plan.fromCurrent = { current in
      guard current["stage"]?.string != target.name else { return nil }
      let move = pipeline.move(current, to: target, at: now, note: nil)
      return (move.changes, "stage", DealMoving.line(record.id, move, to: target))
    }
    return plan
  }
}
