import ArgumentParser
import CRMKit

struct DealMove: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "move",
    abstract: "Move a deal to another stage.",
    discussion: """
      Sets 'stage' and appends {stage, at, from} to the deal's history; nothing else in the file changes. Moving to a won or lost stage sets closed_at; moving a closed deal back to an open stage reopens it (clears closed_at and lost_reason). Never prompts.

      Examples:
        crm deal move acme-website negotiation -m "Sent the contract"
        crm deal move acme-website proposal --at yesterday
      """)

  @Argument(help: "The deal: id, id prefix or exact title.", completion: IDCompletion.ids(.deal))
  var who: String

  @Argument(help: "The stage to move to (see .crm/config.yaml).", completion: IDCompletion.stages)
  var stage: String

  @OptionGroup var move: MoveOptions
  @OptionGroup var store: StoreOptions

  func run() throws {
    try DealMoving.run(who, store: store, options: move) { pipeline throws(CRMError) in try pipeline.stage(named: stage) }
  }
}

struct DealWon: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "won",
    abstract: "Mark a deal won: move it to the pipeline's won stage.",
    discussion: """
      Example:
        crm deal won acme-website -m "PO received"
      """)

  @Argument(help: "The deal: id, id prefix or exact title.", completion: IDCompletion.ids(.deal))
  var who: String

  @OptionGroup var move: MoveOptions
  @OptionGroup var store: StoreOptions

  func run() throws {
    try DealMoving.run(who, store: store, options: move) { pipeline throws(CRMError) in try pipeline.closingStage(.won) }
  }
}

struct DealLost: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lost",
    abstract: "Mark a deal lost, with the reason.",
    discussion: """
      The reason is kept in 'lost_reason' and in the history entry.

      Example:
        crm deal lost acme-website --reason "Went with an agency"
      """)

  @Argument(help: "The deal: id, id prefix or exact title.", completion: IDCompletion.ids(.deal))
  var who: String

  @Option(parsing: .unconditional, help: "Why the deal was lost.")
  var reason: String

  @OptionGroup var move: MoveOptions
  @OptionGroup var store: StoreOptions

  func run() throws {
    guard !reason.trimmingSpaces.isEmpty else { throw CRMError(.usage, "--reason is empty") }
    try DealMoving.run(who, store: store, options: move, lostReason: reason.trimmingSpaces) { pipeline throws(CRMError) in
      try pipeline.closingStage(.lost)
    }
  }
}

struct MoveOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: ArgumentHelp("When it happened (default: now): 2026-11-20T16:00:00Z, yesterday, -2d…", valueName: "when"))
  var at: String?

  @Option(name: [.customShort("m"), .customLong("message")], parsing: .unconditional, help: "A note for the history entry.")
  var note: String?

  @Flag(help: "Replace the deal's file even if it is read-only.")
  var force = false
}

/// Moving a deal between stages, shared by move, won, lost and edit --stage.
enum DealMoving {
  static func run(
    _ who: String, store: StoreOptions, options: MoveOptions, lostReason: String? = nil,
    target: (Pipeline) throws(CRMError) -> Stage
  ) throws {
    let session = try Session(store)
    let pipeline = Pipeline(session.repo.config)
    let stage = try target(pipeline)
    let at = try session.instant(options.at)
    let record = try session.record(who, as: .deal)
    var move: Pipeline.Move?
    try session.write { () throws(CRMError) in
      _ = try session.repo.update(record, clock: session.clock, force: options.force) { current throws(CRMError) in
        guard current["stage"]?.string != stage.name else { return [] }
        move = pipeline.move(current, to: stage, at: at, note: options.note, lostReason: lostReason)
        return move?.changes ?? []
      }
      guard let move else { return ([], "") }
      return ([record.path], "deal move \(record.id): \(move.from ?? "(none)") -> \(stage.name)")
    }
    guard let move else {
      Terminal.message("\(record.id) is already in '\(stage.name)'; nothing changed")
      return
    }
    report(record.id, move, to: stage)
  }

  static func report(_ id: String, _ move: Pipeline.Move, to stage: Stage) {
    Terminal.message(line(id, move, to: stage))
  }

  /// What a move did, in one line: `moved acme-website: lead -> proposal`.
  static func line(_ id: String, _ move: Pipeline.Move, to stage: Stage) -> String {
    let verb = move.reopened ? "reopened" : stage.outcome == .open ? "moved" : stage.outcome.rawValue
    return "\(verb) \(id): \(move.from ?? "(none)") -> \(stage.name)"
  }
}
