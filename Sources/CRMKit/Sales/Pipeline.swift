#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The repo's deal pipeline (`.crm/config.yaml`), and how deals are read and moved through it.
public struct Pipeline: Sendable {
  public let stages: [Stage]
  /// The currency of deals that do not name one.
  public let currency: String

  public init(_ config: Config) {
    stages = config.stages
    currency = config.currency
  }

  public func stage(_ name: String) -> Stage? { stages.first { $0.name == name } }

  /// The stage called `name`, or a usage error that lists the valid ones.
  public func stage(named name: String) throws(CRMError) -> Stage {
    guard let stage = stage(name) else {
      throw CRMError(
        .usage, "unknown stage '\(name)'", hint: "stages: \(stages.map(\.name).joined(separator: ", ")) (set in .crm/config.yaml)")
    }
    return stage
  }

  /// The stage a `won` or `lost` command moves to: the first one with that outcome.
  public func closingStage(_ outcome: Stage.Outcome) throws(CRMError) -> Stage {
    guard let stage = stages.first(where: { $0.outcome == outcome }) else {
      throw CRMError(
        .failed, "the pipeline has no stage with 'outcome: \(outcome.rawValue)'", hint: "add one to .crm/config.yaml")
    }
    return stage
  }

  /// Where a new deal starts: the first open stage.
  public var initialStage: Stage { stages.first { $0.outcome == .open } ?? stages[0] }

  public var openStages: [Stage] { stages.filter { $0.outcome == .open } }

  // MARK: - Reading a deal

  public func stage(of deal: Record) -> Stage? { deal["stage"]?.string.flatMap(stage) }

  /// Open unless its stage is a won or lost one (a deal without a stage is open).
  public func isOpen(_ deal: Record) -> Bool { (stage(of: deal)?.outcome ?? .open) == .open }

  /// The deal's own probability if it has one, else its stage's default.
  public func probability(of deal: Record) -> Int? {
    if case .integer(let p)? = deal["probability"] { return p }
    return stage(of: deal)?.probability
  }

  public func currency(of deal: Record) -> String { deal["currency"]?.string ?? currency }

  public static func value(of deal: Record) -> Decimal? {
    switch deal["value"] {
    case .decimal(let d)?: return d
    case .integer(let n)?: return Decimal(n)
    default: return nil
    }
  }

  /// Value × probability: what the deal is worth to a forecast.
  public func weightedValue(of deal: Record) -> Decimal? {
    guard let value = Self.value(of: deal), let p = probability(of: deal) else { return nil }
    // p/100 written as p × 10⁻², exactly: dividing a Decimal costs many times multiplying.
    return value * Decimal(sign: .plus, exponent: -2, significand: Decimal(p))
  }

  /// Fills in what a deal file leaves to the pipeline: its stage's probability and the
  /// default currency, so filters, sorting and output see the values crm works with.
  public func derivedFields(of deal: Record) -> [Field] {
    var fields: [Field] = []
    if deal["probability"] == nil, let p = stage(of: deal)?.probability { fields.append(Field("probability", .integer(p))) }
    if deal["currency"] == nil { fields.append(Field("currency", .string(currency))) }
    return fields
  }

  // MARK: - History

  /// One entry of a deal's `history`: it entered `stage` at `at`, coming from `from`.
  public struct StageChange: Sendable, Equatable {
    public let stage: String
    public let from: String?
    public let at: Timestamp
    public let note: String?
  }

  /// One stretch of time a deal spent in a stage; `until` is nil for the current one.
  public struct StagePeriod: Sendable, Equatable {
    public let stage: String
    public let from: String?
    public let since: Timestamp
    public let until: Timestamp?
    public let note: String?
  }

  /// The deal's stage changes, oldest first. Entries that cannot be read are skipped here;
  /// `problems(in:)` reports them.
  public static func history(of deal: Record) -> [StageChange] {
    let changes = (deal["history"]?.items ?? []).compactMap(change)
    return changes.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
  }

  /// When the deal last changed stage: the newest time in `history(of:)` (of equal times,
  /// the first written), without sorting the history, for a pass over every open deal.
  public static func lastChange(of deal: Record) -> Timestamp? {
    var last: Timestamp?
    for item in deal["history"]?.items ?? [] {
      guard let at = change(item)?.at else { continue }
      if last.map({ $0 < at }) ?? true { last = at }
    }
    return last
  }

  /// One history entry read, if it can be.
  private static func change(_ item: Value) -> StageChange? {
    guard case .map(let fields) = item else { return nil }
    func text(_ key: String) -> String? { fields.first { $0.key == key }?.value.string }
    guard let stage = text("stage"), let at = text("at").flatMap({ Timestamp($0) }) else { return nil }
    return StageChange(stage: stage, from: text("from"), at: at, note: text("note") ?? text("reason"))
  }

  /// The time spent in each stage, from the history; a deal with no history has been in its
  /// stage since it was created.
  public static func periods(of deal: Record) -> [StagePeriod] {
    let changes = history(of: deal)
    guard !changes.isEmpty else {
      guard let stage = deal["stage"]?.string, case .timestamp(let created)? = deal["created"] else { return [] }
      return [StagePeriod(stage: stage, from: nil, since: created, until: nil, note: nil)]
    }
    return changes.enumerated().map { i, change in
      StagePeriod(
        stage: change.stage, from: change.from, since: change.at, until: i + 1 < changes.count ? changes[i + 1].at : nil,
        note: change.note)
    }
  }

  /// When the deal entered the stage it is in now.
  public static func enteredCurrentStage(_ deal: Record) -> Timestamp? { periods(of: deal).last?.since }

  // MARK: - Moving

  /// What moving a deal changes in its file, and what the user should be told.
  public struct Move: Sendable {
    public let changes: [Change]
    public let from: String?
    /// It was won or lost and is open again.
    public let reopened: Bool
  }

  /// The changes that move `deal` to `stage` at `at`: the stage, a history entry
  /// `{stage, at, from}` (with the note or lost reason), `closed_at` when it closes, and
  /// clearing `closed_at`/`lost_reason` when a closed deal is reopened.
  public func move(_ deal: Record, to target: Stage, at: Timestamp, note: String?, lostReason: String? = nil) -> Move {
    let from = deal["stage"]?.string
    var entry = [Field("stage", .string(target.name)), Field("at", .timestamp(at))]
    if let from { entry.append(Field("from", .string(from))) }
    if let reason = lostReason { entry.append(Field("reason", .string(reason))) }
    if let note, !note.isEmpty { entry.append(Field("note", .string(note))) }
    var changes: [Change] = [.set("stage", .string(target.name)), .add("history", .map(entry))]
    let wasClosed = !isOpen(deal) || deal["closed_at"]?.isPresent == true
    var reopened = false
    if target.outcome == .open {
      if wasClosed {
        reopened = true
        if deal["closed_at"] != nil { changes.append(.unset("closed_at")) }
        if deal["lost_reason"] != nil { changes.append(.unset("lost_reason")) }
      }
    } else {
      changes.append(.set("closed_at", .timestamp(at)))
      if let lostReason { changes.append(.set("lost_reason", .string(lostReason))) }
    }
    return Move(changes: changes, from: from, reopened: reopened)
  }

  /// The fields of a new deal's first history entry.
  public static func firstEntry(_ stage: Stage, at: Timestamp) -> Value {
    .list([.map([Field("stage", .string(stage.name)), Field("at", .timestamp(at))])])
  }

  /// A new deal's pipeline fields: the stage it starts in (`name`, else the first open one),
  /// and, to follow its other fields, `closed_at` when that stage closes it and the first
  /// history entry.
  public func newDeal(startingIn name: String?, at: Timestamp) throws(CRMError) -> (stage: Field, after: [Field]) {
    let start = try name.map { name throws(CRMError) in try stage(named: name) } ?? initialStage
    let closed = start.outcome == .open ? [] : [Field("closed_at", .timestamp(at))]
    return (Field("stage", .string(start.name)), closed + [Field("history", Self.firstEntry(start, at: at))])
  }

  /// `history` is written only by stage changes, so `--set`/`--unset` (`flag`) may not touch it.
  public static func refuseHistory(_ keys: [String], flag: String) throws(CRMError) {
    if keys.contains("history") {
      throw CRMError(.usage, "\(flag) cannot change 'history': crm keeps it", hint: "use 'crm deal move' to change the stage")
    }
  }

  /// An edit's changes with the stage taken out: a stage set by `--stage` (`flag`) or, later
  /// and so winning, by `--set stage=…` becomes the target of a move (see `edit`), so the
  /// history records it. `history` and removing the stage are refused.
  public func stageEdit(_ changes: [Change], stage flag: String?) throws(CRMError) -> (changes: [Change], target: Stage?) {
    try Self.refuseHistory(changes.map(\.key), flag: "--set/--unset")
    let (rest, target) = try changes.takingOut("stage", given: flag, hint: "move the deal with 'crm deal move' instead")
    return (rest, try target.map { name throws(CRMError) in try stage(named: name) })
  }

  // MARK: - Checking

  /// Whether a history entry has a stage and an ISO 8601 time, as `problems` asks of each,
  /// whatever the config.
  public static func isWellFormed(entry: Value) -> Bool {
    guard case .map(let fields) = entry else { return false }
    return fields.first { $0.key == "stage" }?.value.string != nil
      && fields.first { $0.key == "at" }?.value.string.flatMap({ Timestamp($0) }) != nil
  }

  /// What is wrong with a deal against this pipeline: an unknown stage, unreadable history entries.
  public func problems(in deal: Record) -> [CRMError] {
    var problems: [CRMError] = []
    func mark(_ key: String) -> SourceLocation {
      SourceLocation(path: deal.path, mark: deal.fields.first { $0.key == key }?.mark)
    }
    if let name = deal["stage"]?.string, stage(name) == nil {
      problems.append(
        CRMError(
          .data, "unknown stage '\(name)'", at: mark("stage"),
          hint: "stages: \(stages.map(\.name).joined(separator: ", ")) (set in .crm/config.yaml)"))
    }
    if case .list(let items)? = deal["history"] {
      for item in items {
        if Self.isWellFormed(entry: item) { continue }
        var entryMark: SourceMark?
        if case .map(let fields) = item {
          let stage = fields.first { $0.key == "stage" }
          entryMark = stage?.value.string == nil ? (stage ?? fields.first)?.mark : fields.first { $0.key == "at" }?.mark
        }
        problems.append(
          CRMError(
            .data, "each 'history' entry needs 'stage' and an ISO 8601 'at'",
            at: SourceLocation(path: deal.path, mark: entryMark ?? mark("history").mark)))
      }
    }
    return problems
  }

  // MARK: - The board

  /// One open stage: its deals and their totals per currency.
  public struct Column: Sendable {
    public let stage: Stage
    public let deals: [Record]
    public let total: Amounts
    public let weighted: Amounts
  }

  /// Open deals as columns by stage, in pipeline order. Deals whose stage is not an open one
  /// of the pipeline are left out.
  public func board(_ deals: [Record]) -> [Column] {
    let open = openStages
    var byStage = [[Record]](repeating: [], count: open.count)
    for deal in deals {  // one look at each deal's stage, not one per stage
      guard let name = deal["stage"]?.string, let i = open.firstIndex(where: { $0.name == name }) else { continue }
      byStage[i].append(deal)
    }
    return zip(open, byStage).map { stage, inStage in
      var total = Amounts()
      var weighted = Amounts()
      for deal in inStage {
        let currency = currency(of: deal)
        if let value = Self.value(of: deal) { total.add(value, currency) }
        if let value = weightedValue(of: deal) { weighted.add(value, currency) }
      }
      return Column(stage: stage, deals: inStage, total: total, weighted: weighted)
    }
  }
}

/// Money summed per currency: amounts in different currencies are never added together.
public struct Amounts: Sendable, Equatable {
  public private(set) var byCurrency: [String: Decimal] = [:]

  public init() {}

  public mutating func add(_ amount: Decimal, _ currency: String) {
    byCurrency[currency, default: 0] += amount
  }

  /// Currencies in alphabetical order, with their sums.
  public var sorted: [(currency: String, amount: Decimal)] {
    byCurrency.keys.sorted().map { ($0, byCurrency[$0] ?? 0) }
  }
}
