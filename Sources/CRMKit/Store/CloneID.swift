/// Activity ids that two clones never share. Each clone (each checkout of the repo) has a
/// short random id of its own in `.crm/local/clone-id`, never committed, and every activity
/// it logs ends with it: two people logging a call with the same contact in the same minute
/// write two files, not one that conflicts on pull.
extension Repository {
  static let cloneIDPath = localFolder + "/clone-id"
  /// How long a clone id is: 36⁴ (1.7 million) ids, so clones of one repo practically never meet.
  static let cloneIDLength = 4

  /// This clone's id, made on first use. Call while holding the write lock.
  public func cloneID() throws(CRMError) -> String {
    try FileSystem.refuseLinks(in: Self.localFolder, under: root)
    let path = absolute(Self.cloneIDPath)
    if !FileSystem.exists(path) {
      try makeLocalFolder()
      let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
      let id = String((0..<Self.cloneIDLength).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
      try FileSystem.writeAtomically(Array((id + "\n").utf8), to: path, replacing: nil)
    }
    let bytes: [UInt8]
    do { bytes = try FileSystem.contents(of: path, limit: 64) } catch { throw error.located(in: Self.cloneIDPath) }
    let id = String(decoding: bytes, as: UTF8.self).trimmingSpaces
    guard id.utf8.count == Self.cloneIDLength, RecordID.isValid(id), !id.contains("-") else {
      throw CRMError(
        .data, "'\(id)' is not a clone id: it must be \(Self.cloneIDLength) lowercase letters or digits",
        at: SourceLocation(path: Self.cloneIDPath), hint: "remove the file and crm makes a new one")
    }
    return id
  }

  /// A free id for a new record of `type`, made as its spec says: the slug of `name`, or
  /// for a timestamped type (`RecordSpec.IDs.timestamped`) `now`, the slug and this clone's
  /// id. Call while holding the write lock.
  public func newID(for type: RecordType, name: String, at now: Timestamp) throws(CRMError) -> String {
    switch type.spec.ids {
    case .slug: return newID(for: type, name: name)
    case .timestamped: return try newTimestampedID(for: type, at: now, name: name)
    }
  }

  /// A free id for a new activity: its time (at the offset it was given in), kind, who it
  /// was with and this clone's id, `20261122-1430-call-jane-doe-k3x9`. Call while holding
  /// the write lock.
  public func newActivityID(at: Timestamp, kind: String, about: String) throws(CRMError) -> String {
    try newTimestampedID(for: .activity, at: at, name: kind + "-" + about)
  }

  /// `20261122-1430-` and the slug of `name`, then this clone's id, so ids sort by time and
  /// two clones never make the same one; a second one in the same minute in this clone
  /// gets `-2`.
  private func newTimestampedID(for type: RecordType, at: Timestamp, name: String) throws(CRMError) -> String {
    let digits = at.description.prefix(16).filter { $0.isNumber }  // 2026-11-22T14:30 of 2026-11-22T14:30:00+01:00
    let clone = try cloneID()
    // Room for the clone id and a `-N` after it: the time and name are cut, never the clone id.
    let slug = RecordID.slug(
      String(digits.prefix(8)) + "-" + String(digits.suffix(4)) + "-" + name,
      maximumLength: RecordID.maximumLength - 4 - 1 - Self.cloneIDLength)
    return newID(for: type, name: slug + "-" + clone, month: type.isFiledByMonth ? at.date : nil)
  }
}
