import ArgumentParser
import CRMKit

/// A record type with no verbs of its own: its `add` and `edit` are the generic ones, told
/// apart only by the type's own flags.
protocol PlainRecordNoun: RecordNoun {
  associatedtype Flags: RecordFlags
  /// An example `add` and `edit` command line for help texts.
  static var addExample: String { get }
  static var editExample: String { get }
}

/// A type's own flags, shared by its add and edit: each sets one field.
protocol RecordFlags: ParsableArguments {
  /// The types the flags name records of (`--contact jane`): loaded to find them.
  static var namesRecordsOf: Set<RecordType> { get }
  /// The fields the flags give, typed, with the records they name found in `index`.
  func fields(clock: CRMClock, index: RecordIndex) throws(CRMError) -> [Field]
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
    let type = Noun.type
    return CommandConfiguration(
      commandName: "add",
      abstract: "Add a \(type.rawValue) and print its new id.",
      discussion: """
        A \(type.titleKey) another \(type.rawValue) already has is added too, with a note on stderr naming that \(type.rawValue).

        Example:
          \(Noun.addExample)
        """)
  }

  @Argument(help: ArgumentHelp("The \(Noun.type.rawValue)'s \(Noun.type.titleKey).", valueName: Noun.type.titleKey))
  var title: String

  @OptionGroup var flags: Noun.Flags

  @OptionGroup var extra: AddOptions

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    let type = Noun.type
    guard !title.trimmingSpaces.isEmpty else { throw CRMError(.usage, "the \(type.titleKey) is empty") }
    let existing = session.load(Noun.Flags.namesRecordsOf.union([type])).index
    let fields = [Field(type.titleKey, .string(title.trimmingSpaces))] + type.spec.defaults
      + (try flags.fields(clock: session.clock, index: existing)) + (try extra.fields(type, clock: session.clock))
    try session.add(type, named: title, fields: fields, body: extra.body)
    Session.noteSameName(type, title, in: existing)
  }
}

struct RecordEdit<Noun: PlainRecordNoun>: ParsableCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "edit",
      abstract: "Change a \(Noun.type.rawValue)'s fields, or open it in your editor.",
      discussion: """
        With field flags, only those lines of the file change. With none, the file opens in $VISUAL or $EDITOR and is checked before it is saved.

        Example:
          \(Noun.editExample)
        """)
  }

  @Argument(help: "The \(Noun.type.rawValue): id, id prefix or exact \(Noun.type.titleKey).", completion: IDCompletion.ids(Noun.type))
  var who: String

  @Option(name: .customLong(Noun.type.titleKey), parsing: .unconditional, help: "A new \(Noun.type.titleKey) (the id stays).")
  var title: String?

  @OptionGroup var flags: Noun.Flags
  @OptionGroup var edits: EditOptions
  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    let type = Noun.type
    let loaded = session.load(Noun.Flags.namesRecordsOf.union([type]))
    var changes = try flags.fields(clock: session.clock, index: loaded.index).map { Change.set($0.key, $0.value) }
    if let title {
      guard !title.trimmingSpaces.isEmpty else { throw CRMError(.usage, "--\(type.titleKey) is empty") }
      changes.insert(.set(type.titleKey, .string(title.trimmingSpaces)), at: 0)
    }
    changes += try edits.changes(type, clock: session.clock)
    try RecordEditing.apply(changes, to: who, type: type, session: session, loaded: loaded, force: edits.force)
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

