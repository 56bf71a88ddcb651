import ArgumentParser
import CRMKit

struct ActivityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "activity",
    abstract: "List, show, edit and remove logged activities (add them with 'crm log').",
    subcommands: [RecordList<ActivityNoun>.self, RecordShow<ActivityNoun>.self, ActivityEdit.self, RecordRemove<ActivityNoun>.self])

  /// Read by the subcommand (see CommandLineWords.prepare); here for help and completion.
  @OptionGroup var store: StoreOptions
}

enum ActivityNoun: RecordNoun {
  static let type = RecordType.activity
  static let example = "20261122-1430-call-jane-doe"
}

struct ActivityEdit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edit",
    abstract: "Change an activity's fields, or open it in your editor.",
    discussion: """
      Examples:
        crm activity edit 20261122-1430-call-jane-doe --set outcome=signed
        crm activity edit 20261122-1430-call-jane-doe
      """)

  @Argument(help: "The activity: id or unique id prefix.", completion: IDCompletion.ids(.activity))
  var who: String

  @OptionGroup var edits: EditOptions
  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    let loaded = session.load([.activity])
    let changes = try edits.changes(.activity, clock: session.clock)
    try RecordEditing.apply(changes, to: who, type: .activity, session: session, loaded: loaded, force: edits.force)
  }
}
