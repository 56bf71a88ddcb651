import ArgumentParser
import CRMKit

struct TaskCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "task",
    abstract: "Tasks and follow-ups: add, list, finish, edit and remove them.",
    subcommands: [
      RecordAdd<TaskNoun>.self, TaskList.self, RecordShow<TaskNoun>.self, TaskDone.self, RecordEdit<TaskNoun>.self, RecordRemove<TaskNoun>.self,
    ])

  /// Read by the subcommand (see CommandLineWords.prepare); here for help and completion.
  @OptionGroup var store: StoreOptions
}

enum TaskNoun: PlainRecordNoun {
  static let type = RecordType.task
  static let example = "send-proposal"
  static let addAbstract = "Add an open task and print its new id."
  static let titleHelp = "What to do."
  static let notesSameTitle = false
  static let addDiscussion = """
    Example:
      crm task add "Send the proposal" --due friday --priority high
      crm task add "Call back about the invoice" --due +3d --deal acme-website
    """
  static let editDiscussion = """
    Examples:
      crm task edit send-the-proposal --due +2d --priority high
      crm task edit send-the-proposal --set status=open --unset done_at
      crm task edit send-the-proposal
    """
  typealias AddFlags = TaskFields
  typealias EditFlags = TaskFields
}

/// The task flags shared by add and edit.
struct TaskFields: RecordFieldFlags {
  @Option(parsing: .unconditional, help: ArgumentHelp("Due date: YYYY-MM-DD, today, tomorrow, next friday, +3d, +3 days, in 2 weeks, next week…", valueName: "when"))
  var due: String?

  @Option(help: ArgumentHelp("The contact it is about: id, id prefix, email or exact name.", valueName: "who"), completion: IDCompletion.ids(.contact))
  var contact: String?

  @Option(help: ArgumentHelp("The deal it is for: id, id prefix or exact title.", valueName: "deal"), completion: IDCompletion.ids(.deal))
  var deal: String?

  @Option(help: ArgumentHelp("high, normal or low.", valueName: "priority"))
  var priority: String?

  static let namesRecordsOf: Set<RecordType> = [.contact, .deal]

  func fields(clock: CRMClock, index: RecordIndex) throws(CRMError) -> [Field] {
    var fields: [Field] = []
    if let due, let field = try FieldArguments.value(due, "due", .task, clock: clock) { fields.append(field) }
    if let contact { fields.append(Field("contact", .string(try index.resolve(contact, as: .contact).id))) }
    if let deal { fields.append(Field("deal", .string(try index.resolve(deal, as: .deal).id))) }
    if let field = try FieldArguments.value(priority, "priority", .task, clock: clock) { fields.append(field) }
    return fields
  }
}

struct TaskList: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List tasks: open ones, overdue first, unless the filter asks about status.",
    discussion: """
      Without --sort, tasks come by due date (undated last), then priority. A filter that names 'status' (status:done) or --all lists done tasks too.

      Examples:
        crm task list 'due<today'
        crm task list contact:jane-doe --all
        crm task list status:done 'done_at>-7d' --format tsv
      """)

  @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Filter terms, e.g. 'due<=+7d' priority:high deal:acme-website.", valueName: "filter"))
  var filter: [String] = []

  @Flag(help: "Include done tasks.")
  var all = false

  @OptionGroup var output: OutputOptions
  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    let loaded = session.load([.task])
    let tasks = loaded.index[.task]
    let records = try KnownFields.trying(.task, tasks) { known throws(CRMError) in
      var query = try Query.parse(CommandLineWords.filterWords(filter), type: .task, fields: known, clock: session.clock)
      if !all && !query.mentions("status") {
        query = query.and(try Query.parse(["-status:done"], type: .task, fields: known, clock: session.clock))
      }
      try checkFields(output.fieldList, known: known, type: .task)
      return try output.arrange(tasks.filter(query.matches), type: .task, known: known)
    }
    Terminal.write(RecordRenderer.render(records, format: output.format, fields: output.fieldList, type: .task))
    try Session.finish(loaded.problems)
  }
}

struct TaskDone: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "done",
    abstract: "Mark a task done.",
    discussion: """
      Sets status: done and done_at. A task that is already done is left as it is.

      Example:
        crm task done send-the-proposal --at yesterday
      """)

  @Argument(help: "The task: id, id prefix or exact title.", completion: IDCompletion.ids(.task))
  var who: String

  @Option(parsing: .unconditional, help: ArgumentHelp("When it was done (default: now): yesterday, -2d, 2026-11-20T16:00:00Z…", valueName: "when"))
  var at: String?

  @Flag(help: "Replace the task's file even if it is read-only.")
  var force = false

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    let doneAt = try session.instant(at)
    let record = try session.record(who, as: .task)
    var updated: Record?
    try session.write { () throws(CRMError) in
      updated = try session.repo.update(record, clock: session.clock, force: force) { current throws(CRMError) in
        current["status"]?.string == "done" ? [] : [.set("status", .string("done")), .set("done_at", .timestamp(doneAt))]
      }
      return (updated == nil ? [] : [record.path], "task done \(record.id): \(record.title)")
    }
    Terminal.message(updated == nil ? "\(record.id) is already done; nothing changed" : "done: \(record.id) (\(record.title))")
  }
}
