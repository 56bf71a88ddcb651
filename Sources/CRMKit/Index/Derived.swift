/// Values crm works out from other records instead of storing them, so that logging a call
/// never edits the contact's file (two laptops logging at once never conflict in git).
public enum Derived {
  /// The keys of a type that only crm works out: usable in filters, `--fields` and
  /// `--sort`, never set. (A deal's probability and currency are real fields that the
  /// pipeline fills in when the file leaves them out.)
  public static func keys(of type: RecordType) -> [String] {
    type == .contact ? ["last_contacted", "activity_count"] : []
  }

  /// The other record types a type's derived values are made from.
  public static func sources(of type: RecordType) -> Set<RecordType> {
    type == .contact ? [.activity] : []
  }

  /// When an activity was contact with someone: its time, unless it is a note.
  static func contactedAt(_ activity: Record) -> Timestamp? {
    guard activity["kind"]?.string != "note", case .timestamp(let at)? = activity["at"] else { return nil }
    return at
  }

  /// Fills in derived values: a deal's probability and currency from the pipeline; when
  /// activities are loaded, a contact's `last_contacted` (its newest activity that is not a
  /// note) and `activity_count`.
  static func fill(_ records: inout [Record], pipeline: Pipeline, activitiesLoaded: Bool) {
    var contacted: [String: (last: Timestamp?, count: Int)] = [:]
    if activitiesLoaded {
      for activity in records where activity.type == .activity {
        guard case .timestamp? = activity["at"] else { continue }
        let at = contactedAt(activity)
        let ids = (activity["contacts"]?.items ?? []).compactMap(\.string)
        for (i, id) in ids.enumerated() where !ids[..<i].contains(id) {
          contacted[id, default: (nil, 0)].count += 1
          if let at, contacted[id]!.last.map({ $0 < at }) ?? true { contacted[id]!.last = at }
        }
      }
    }
    for i in records.indices {
      switch records[i].type {
      case .deal:
        records[i] = records[i].with(derived: pipeline.derivedFields(of: records[i]))
      case .contact where activitiesLoaded:
        let (last, count) = contacted[records[i].id] ?? (nil, 0)
        records[i] = records[i].with(
          derived: (last.map { [Field("last_contacted", .timestamp($0))] } ?? []) + [Field("activity_count", .integer(count))])
      default:
        continue
      }
    }
  }
}
