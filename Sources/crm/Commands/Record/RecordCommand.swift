import ArgumentParser
import CRMKit

/// A record type whose `edit` is the generic one, told apart by the type's own flags and help.
protocol EditableRecordNoun: RecordNoun {
  associatedtype EditFlags: RecordEditFlags
  /// What `edit --help` says after the abstract (see `plainEditDiscussion`).
  static var editDiscussion: String { get }
  /// The help of `edit`'s WHO argument.
  static var whoHelp: String { get }
}

extension EditableRecordNoun {
  static var whoHelp: String { "The \(type.rawValue): id, id prefix or exact \(type.titleKey)." }

  /// The paragraph every `edit` help starts with.
  static var editModes: String {
    "With field flags, only those lines of the file change. With none, the file opens in $VISUAL or $EDITOR and is checked before it is saved."
  }

  /// An `edit` help with one example.
  static func plainEditDiscussion(_ example: String) -> String {
    """
    \(editModes)

    Example:
      \(example)
    """
  }
}

/// A record type whose `add` and `edit` are both the generic ones.
protocol PlainRecordNoun: EditableRecordNoun {
  associatedtype AddFlags: RecordAddFlags
  /// What `add --help` says after the abstract, ending with examples (see `plainAddDiscussion`).
  static var addDiscussion: String { get }
  /// `add`'s one-line help, and the help of its title argument.
  static var addAbstract: String { get }
  static var titleHelp: String { get }
  /// Whether `add` points out on stderr the records of the type that have the same title.
  static var notesSameTitle: Bool { get }
}

extension PlainRecordNoun {
  static var addAbstract: String { "Add a \(type.rawValue) and print its new id." }
  static var titleHelp: String { "The \(type.rawValue)'s \(type.titleKey)." }
  static var notesSameTitle: Bool { true }

  /// An `add` help that says a record may share its title, with one example.
  static func plainAddDiscussion(_ example: String) -> String {
    """
    A \(type.titleKey) another \(type.rawValue) already has is added too, with a note on stderr naming that \(type.rawValue).

    Example:
      \(example)
    """
  }
}

/// A type's own `add` flags.
protocol RecordAddFlags: ParsableArguments {
  /// The types whose records the flags name (`--contact jane`): loaded under the lock to find them.
  static var namesRecordsOf: Set<RecordType> { get }
  /// The new record's fields after its title and the type's defaults, ending with `given`
  /// (the tags and `--set` fields). Runs under the lock; records the new one needs made
  /// first (a `--create-company` company) are made through `draft`.
  func fields(adding given: [Field], to draft: inout RecordDraft) throws(CRMError) -> [Field]
}

/// What `add` flags work with under the lock: the repo as it is now, and the files written
/// besides the new record.
struct RecordDraft {
  let session: Session
  let loaded: Repository.Loaded
  /// Files written for the new record before it (a company made for it), committed with it.
  var written: [String] = []

  var index: RecordIndex { loaded.index }
  var clock: CRMClock { session.clock }
}

/// A type's own `edit` flags.
protocol RecordEditFlags: ParsableArguments {
  /// The types whose records the flags name: loaded to find them.
  static var namesRecordsOf: Set<RecordType> { get }
  /// The changes the flags ask for, typed, with the records they name found in `index`:
  /// worked out before the record to edit is looked up, so their mistakes are told first.
  func changes(clock: CRMClock, index: RecordIndex) throws(CRMError) -> [Change]
  /// The edit of `record`: `changes` (a new title, the flags', then `--set`, `--unset` and
  /// tags), with what the type must do under the lock.
  func plan(_ changes: [Change], for record: Record, session: Session, loaded: Repository.Loaded) throws(CRMError) -> RecordEditPlan
}

extension RecordEditFlags {
  func plan(_ changes: [Change], for record: Record, session: Session, loaded: Repository.Loaded) throws(CRMError) -> RecordEditPlan {
    RecordEditPlan(changes: changes)
  }
}

/// The flags of a type whose add and edit take the same ones, each setting one field.
protocol RecordFieldFlags: RecordAddFlags, RecordEditFlags {
  /// The fields the flags give, typed, with the records they name found in `index`.
  func fields(clock: CRMClock, index: RecordIndex) throws(CRMError) -> [Field]
}

extension RecordFieldFlags {
  func fields(adding given: [Field], to draft: inout RecordDraft) throws(CRMError) -> [Field] {
    try fields(clock: draft.clock, index: draft.index) + given
  }

  func changes(clock: CRMClock, index: RecordIndex) throws(CRMError) -> [Change] {
    try fields(clock: clock, index: index).map { .set($0.key, $0.value) }
  }
}

/// `crm <type>` for a plain type: add, list, show, edit and remove.
struct RecordCommand<Noun: PlainRecordNoun>: ParsableCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: Noun.type.rawValue,
      abstract: "Add, list, show, edit and remove \(Noun.type.folder).",
      subcommands: [RecordAdd<Noun>.self, RecordList<Noun>.self, RecordShow<Noun>.self, RecordEdit<Noun>.self, RecordRemove<Noun>.self])
  }

  /// Read by the subcommand (see CommandLineWords.prepare); here for help and completion.
  @OptionGroup var store: StoreOptions
}

struct RecordAdd<Noun: PlainRecordNoun>: ParsableCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(commandName: "add", abstract: Noun.addAbstract, discussion: Noun.addDiscussion)
  }

  @Argument(help: ArgumentHelp(Noun.titleHelp, valueName: Noun.type.titleKey))
  var title: String

  @OptionGroup var flags: Noun.AddFlags

  @OptionGroup var extra: AddOptions

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    let type = Noun.type
    let title = title.trimmingSpaces
    guard !title.isEmpty else { throw CRMError(.usage, "the \(type.titleKey) is empty") }
    let given = try extra.fields(type, clock: session.clock)
    var id = ""
    var existing = RecordIndex([])
    // The records the flags name are found under the lock, so none is removed meanwhile.
    try session.write(loading: Noun.AddFlags.namesRecordsOf.union(Noun.notesSameTitle ? [type] : [])) { loaded throws(CRMError) in
      existing = loaded.index
      var draft = RecordDraft(session: session, loaded: loaded)
      let fields = [Field(type.titleKey, .string(title))] + type.spec.defaults + (try flags.fields(adding: given, to: &draft))
      id = try session.repo.newID(for: type, name: title, at: session.clock.now)
      let record = try session.repo.create(type, id: id, fields: fields, body: extra.body, clock: session.clock)
      return (draft.written + [record.path], "\(type.rawValue) add \(id): \(record.title)")
    }
    Terminal.output(id)
    if Noun.notesSameTitle { Session.noteSameName(type, title, in: existing) }
  }
}

struct RecordEdit<Noun: EditableRecordNoun>: ParsableCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "edit", abstract: "Change a \(Noun.type.rawValue)'s fields, or open it in your editor.",
      discussion: Noun.editDiscussion)
  }

  @Argument(help: ArgumentHelp(Noun.whoHelp), completion: IDCompletion.ids(Noun.type))
  var who: String

  @Option(name: .customLong(Noun.type.titleKey), parsing: .unconditional, help: "A new \(Noun.type.titleKey) (the id stays).")
  var title: String?

  @OptionGroup var flags: Noun.EditFlags
  @OptionGroup var edits: EditOptions
  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    let type = Noun.type
    let loaded = session.load(Noun.EditFlags.namesRecordsOf.union([type]))
    var changes = try flags.changes(clock: session.clock, index: loaded.index)
    if let title {
      guard !title.trimmingSpaces.isEmpty else { throw CRMError(.usage, "--\(type.titleKey) is empty") }
      changes.insert(.set(type.titleKey, .string(title.trimmingSpaces)), at: 0)
    }
    changes += try edits.changes(type, clock: session.clock)
    let record = try Session.resolve(who, as: type, in: loaded)
    let plan = try flags.plan(changes, for: record, session: session, loaded: loaded)
    try RecordEditing.apply(plan, to: record, session: session, loaded: loaded, force: edits.force)
  }
}

/// The flags every `add` has besides its own: tags, any other field, and notes.
struct AddOptions: ParsableArguments {
  @Option(help: ArgumentHelp("A tag (repeatable).", valueName: "tag"))
  var tag: [String] = []

  @Option(name: .customLong("set"), parsing: .unconditionalSingleValue, help: ArgumentHelp("Set any other field (repeatable).", valueName: "key=value"))
  var assignments: [String] = []

  @Option(name: [.customShort("m"), .customLong("message")], parsing: .unconditional, help: "Notes: the Markdown body.")
  var note: String?

  /// The tags and `--set` fields, typed by `type`'s schema.
  func fields(_ type: RecordType, clock: CRMClock) throws(CRMError) -> [Field] {
    (tag.isEmpty ? [] : [Field("tags", .list(tag.uniqued().map { .string($0) }))])
      + (try FieldArguments.assignments(assignments, type: type, clock: clock))
  }

  var body: String { note ?? "" }
}

