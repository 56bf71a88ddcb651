/// Values crm works out from other records instead of storing them, so that logging a call
/// never edits the contact's file (two laptops logging at once never conflict in git).
public enum Derived {
  /// The keys of a type that only crm works out: usable in filters, `--fields` and
  /// `--sort`, never set. (A deal's probability and currency are real fields that the
  /// pipeline fills in when the file leaves them out.)
  public static func keys(of type: RecordType) -> [String] { type.spec.derivation?.keys ?? [] }

  /// The derived keys and the aliases that stand for them (a contact's `activities`): the
  /// words in a command line that ask for a derived value.
  public static func names(of type: RecordType) -> [String] {
    let keys = keys(of: type)
    return keys + type.spec.aliases.filter { keys.contains($0.value) }.map(\.key).sorted()
  }

  /// The other record types a type's derived values are made from.
  public static func sources(of type: RecordType) -> Set<RecordType> { type.spec.derivation?.sources ?? [] }

  /// What derivations are made from.
  struct Context: Sendable {
    let pipeline: Pipeline
    /// When each contact was last contacted and how often, by id; nil when activities are not loaded.
    let contacted: [String: (last: Timestamp?, count: Int)]?
    /// What tickets' SLA clocks are read against; nil leaves them out.
    let sla: SLAContext?
  }

  /// When an activity was contact with someone: its time, unless it is a note.
  static func contactedAt(_ activity: Record) -> Timestamp? {
    guard activity["kind"]?.string != "note", case .timestamp(let at)? = activity["at"] else { return nil }
    return at
  }

  /// Fills in each record's derived values, as its type's spec works them out: a deal's
  /// probability and currency from the pipeline; when activities are loaded, a contact's
  /// `last_contacted` (its newest activity that is not a note) and `activity_count`; a
  /// ticket's SLA clocks at the moment `sla` gives.
  static func fill(_ records: inout [Record], pipeline: Pipeline, activitiesLoaded: Bool, sla: SLAContext?) {
    let context = Context(pipeline: pipeline, contacted: activitiesLoaded ? contacted(records) : nil, sla: sla)
    // On all cores: a ticket's clocks take a good deal more than a lookup.
    let all = records
    let derived = Slots<[Field]>.map(all.count, chunk: 256) { i in all[i].type.spec.derivation?.fill(all[i], context) }
    for (i, fields) in derived.values.enumerated() {
      if let fields { records[i] = records[i].with(derived: fields) }
    }
  }

  /// When each contact the activities among `records` name was last contacted, and how often.
  private static func contacted(_ records: [Record]) -> [String: (last: Timestamp?, count: Int)] {
    var contacted: [String: (last: Timestamp?, count: Int)] = [:]
    for activity in records where activity.type == .activity {
      guard case .timestamp? = activity["at"] else { continue }
      let at = contactedAt(activity)
      let ids = (activity["contacts"]?.items ?? []).compactMap(\.string)
      for (i, id) in ids.enumerated() where !ids[..<i].contains(id) {
        var seen = contacted[id] ?? (nil, 0)
        seen.count += 1
        if let at, seen.last.map({ $0 < at }) ?? true { seen.last = at }
        contacted[id] = seen
      }
    }
    return contacted
  }
}
