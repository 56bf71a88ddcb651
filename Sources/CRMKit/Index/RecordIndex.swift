import Dispatch

/// Every loaded record, with lookups by id, email and name, and references both ways. The
/// lookups are built the first time they are asked for: a list or a report needs none of
/// them, and on a big repo each costs as much as the whole command.
public struct RecordIndex: Sendable {
  /// Records of each type, sorted by id.
  public let records: [RecordType: [Record]]
  private let byID: Lazy<[RecordType: [String: Record]]>
  private let byEmail: Lazy<[String: [Record]]>
  /// Per type: resolving a name looks at one type's titles, not every record's.
  private let byName: [RecordType: Lazy<[String: [Record]]>]
  private let referrers: Lazy<[Key: [Record]]>

  public init(_ all: [Record]) {
    var byType: [RecordType: [Record]] = [:]
    for run in all.runs(by: \.type) { byType[all[run.lowerBound].type, default: []] += all[run] }
    let runs = Array(byType)  // each sorted on a core of its own
    let sorted = Slots<[Record]>.map(runs.count, chunk: 1) { i in runs[i].value.sorted { $0.id < $1.id } }
    self.init(sorted: Dictionary(uniqueKeysWithValues: runs.indices.map { (runs[$0].key, sorted[$0] ?? []) }))
  }

  /// One index of the records of both: a type only one has keeps its sorted records as they
  /// are (a command adds the activities it loaded to the other types' index this way).
  public init(_ first: RecordIndex, adding second: RecordIndex) {
    self.init(sorted: first.records.merging(second.records) { a, b in (a + b).sorted { $0.id < $1.id } })
  }

  private init(sorted records: [RecordType: [Record]]) {
    self.records = records
    byID = Lazy { records.mapValues { Dictionary($0.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) } }
    byEmail = Lazy {
      var byEmail: [String: [Record]] = [:]
      for (type, records) in records where type.spec.identifiedByEmail {
        for record in records {
          for email in record.emails { byEmail[email, default: []].append(record) }
        }
      }
      return byEmail
    }
    byName = records.mapValues { list in Lazy { Dictionary(grouping: list) { $0.title.lowercased() } } }
    referrers = Lazy {
      var referrers: [Key: [Record]] = [:]
      for record in records.values.joined() {
        record.forEachReference { _, target, id in referrers[Key(type: target, id: id), default: []].append(record) }
      }
      return referrers
    }
  }

  /// A record's identity across types, as a reference names it.
  private struct Key: Hashable {
    let type: RecordType
    let id: String
  }

  public subscript(type: RecordType) -> [Record] { records[type] ?? [] }

  /// The record of `type` with `id`: a binary search of the sorted records, so one lookup
  /// builds no table. (Two activities in different months may share an id; this finds the first.)
  public func record(_ type: RecordType, id: String) -> Record? {
    let sorted = self[type]
    var low = 0
    var high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if sorted[middle].id < id { low = middle + 1 } else { high = middle }
    }
    return low < sorted.count && sorted[low].id == id ? sorted[low] : nil
  }

  /// The records of a type by id, for loops that look up many.
  public func byID(_ type: RecordType) -> [String: Record] { byID.value[type] ?? [:] }

  /// Contacts with this email address (case-insensitive).
  public func contacts(withEmail email: String) -> [Record] { byEmail.value[email.lowercased()] ?? [] }

  /// The records of `type` whose name (title) is `name`, ignoring case, in id order: the
  /// ones `resolve` matches by name.
  public func records(_ type: RecordType, named name: String) -> [Record] { byName[type]?.value[name.lowercased()] ?? [] }

  /// Records that name `record` in a reference field (a company's contacts, a contact's
  /// deals), sorted by type and id. The first call builds a table of every reference: for
  /// loops that ask about many records.
  public func referrers(of record: Record) -> [Record] {
    Self.sorted(referrers.value[Key(type: record.type, id: record.id)] ?? [])
  }

  /// The referrers of each of `targets`, as `referrers(of:)` gives them, from one pass over
  /// every record: for a command that asks about a few records, that costs a fraction of
  /// building the table.
  public func referrers(ofEach targets: [Record]) -> [[Record]] {
    var position: [Key: Int] = [:]
    for (i, target) in targets.enumerated() where position[Key(type: target.type, id: target.id)] == nil {
      position[Key(type: target.type, id: target.id)] = i
    }
    // Only types with a reference field that can point at a target, on all cores.
    let targetTypes = Set(targets.map(\.type))
    let candidates = RecordType.allCases.filter { $0.referenceFields.contains { targetTypes.contains($0.target) } }.flatMap { self[$0] }
    // Most references name none of the targets: one whose id is not as long as any target's
    // is turned away before it is hashed.
    let lengths = targets.reduce(UInt64(0)) { $0 | 1 << min($1.id.utf8.count, 63) }
    let hits = Slots<[(target: Int, record: Record)]>.map(candidates.count, chunk: 1024) { [position] i in
      var hits: [(target: Int, record: Record)] = []
      candidates[i].forEachReference { _, target, id in
        guard lengths & 1 << min(id.utf8.count, 63) != 0 else { return }
        if let t = position[Key(type: target, id: id)] { hits.append((t, candidates[i])) }
      }
      return hits.isEmpty ? nil : hits
    }
    var found = [[Record]](repeating: [], count: targets.count)
    for case let hits? in hits.values {
      for hit in hits { found[hit.target].append(hit.record) }
    }
    return targets.map { position[Key(type: $0.type, id: $0.id)].map { found[$0] } ?? [] }.map(Self.sorted)
  }

  private static func sorted(_ records: [Record]) -> [Record] { records.sorted { ($0.type, $0.id) < ($1.type, $1.id) } }

  /// Finds the one record `who` names: an id, an email, an exact name (case-insensitive), or a
  /// unique id prefix, in that order. Ambiguity lists the candidates (exit 1); none is exit 66.
  public func resolve(_ who: String, as type: RecordType) throws(CRMError) -> Record {
    if let record = record(type, id: who) { return record }
    if type.spec.identifiedByEmail, who.contains("@") {
      let matches = contacts(withEmail: who)
      if matches.count == 1 { return matches[0] }
      if matches.count > 1 { throw ambiguous(who, type, matches) }
    }
    let named = records(type, named: who)
    if named.count == 1 { return named[0] }
    if named.count > 1 { throw ambiguous(who, type, named) }
    let prefixed = self[type].filter { $0.id.hasPrefix(who) }
    if prefixed.count == 1 && !who.isEmpty { return prefixed[0] }
    if prefixed.count > 1 && !who.isEmpty { throw ambiguous(who, type, prefixed) }
    throw CRMError(
      .notFound, "no \(type.rawValue) '\(who)'",
      hint: "give an id, a unique id prefix, \(type.spec.identifiedByEmail ? "an email, " : "")or the exact name; 'crm \(type.rawValue) list' shows them")
  }

  private func ambiguous(_ who: String, _ type: RecordType, _ candidates: [Record]) -> CRMError {
    let list = candidates.sorted { $0.id < $1.id }.map { "  \($0.id)  \($0.title)" }.joined(separator: "\n")
    return CRMError(.failed, "'\(who)' could be several \(type.folder):\n\(list)", hint: "name one by its id")
  }
}

/// A value made the first time it is read, once, whichever thread asks.
final class Lazy<Value: Sendable>: @unchecked Sendable {
  private let queue = DispatchQueue(label: "crm.lazy")
  private var made: Value?
  private let make: @Sendable () -> Value

  init(_ make: @escaping @Sendable () -> Value) { self.make = make }

  var value: Value {
    var value: Value?
    // The non-generic `sync`: the generic one looks up type metadata on every call, which
    // shows when a lookup runs once per record.
    queue.sync {
      if made == nil { made = make() }
      value = made
    }
    return value ?? make()  // set in the block above; were it not, making it again is still right
  }
}
