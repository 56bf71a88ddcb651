import Dispatch

/// Every loaded record, with lookups by id, email and name, and references both ways. The
/// lookups are built the first time they are asked for: a list or a report needs none of
/// them, and on a big repo each costs as much as the whole command.
public struct RecordIndex: Sendable {
  /// Records of each type, sorted by id.
  public let records: [RecordType: [Record]]
  private let byID: Lazy<[RecordType: [String: Record]]>
  private let byEmail: Lazy<[String: [Record]]>
  private let byName: Lazy<[RecordType: [String: [Record]]]>
  private let referrers: Lazy<[Key: [Record]]>

  public init(_ all: [Record]) {
    var byType: [RecordType: [Record]] = [:]
    for record in all { byType[record.type, default: []].append(record) }
    for type in byType.keys { byType[type]?.sort { $0.id < $1.id } }
    let records = byType
    self.records = records
    byID = Lazy { records.mapValues { Dictionary($0.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) } }
    byEmail = Lazy {
      var byEmail: [String: [Record]] = [:]
      for record in records[.contact] ?? [] {
        for email in record.emails { byEmail[email, default: []].append(record) }
      }
      return byEmail
    }
    byName = Lazy {
      records.mapValues { Dictionary(grouping: $0) { $0.title.lowercased() } }
    }
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

  public func record(_ type: RecordType, id: String) -> Record? { byID.value[type]?[id] }

  /// The records of a type by id, for loops that look up many.
  public func byID(_ type: RecordType) -> [String: Record] { byID.value[type] ?? [:] }

  /// Contacts with this email address (case-insensitive).
  public func contacts(withEmail email: String) -> [Record] { byEmail.value[email.lowercased()] ?? [] }

  /// Records that name `record` in a reference field (a company's contacts, a contact's deals).
  public func referrers(of record: Record) -> [Record] {
    (referrers.value[Key(type: record.type, id: record.id)] ?? []).sorted { ($0.type, $0.id) < ($1.type, $1.id) }
  }

  /// Finds the one record `who` names: an id, an email, an exact name (case-insensitive), or a
  /// unique id prefix, in that order. Ambiguity lists the candidates (exit 1); none is exit 66.
  public func resolve(_ who: String, as type: RecordType) throws(CRMError) -> Record {
    if let record = record(type, id: who) { return record }
    if type == .contact, who.contains("@") {
      let matches = contacts(withEmail: who)
      if matches.count == 1 { return matches[0] }
      if matches.count > 1 { throw ambiguous(who, type, matches) }
    }
    let named = byName.value[type]?[who.lowercased()] ?? []
    if named.count == 1 { return named[0] }
    if named.count > 1 { throw ambiguous(who, type, named) }
    let prefixed = self[type].filter { $0.id.hasPrefix(who) }
    if prefixed.count == 1 && !who.isEmpty { return prefixed[0] }
    if prefixed.count > 1 && !who.isEmpty { throw ambiguous(who, type, prefixed) }
    throw CRMError(
      .notFound, "no \(type.rawValue) '\(who)'",
      hint: "give an id, a unique id prefix, \(type == .contact ? "an email, " : "")or the exact name; 'crm \(type.rawValue) list' shows them")
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
    return value!
  }
}
