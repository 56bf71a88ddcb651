/// One change to a record, applied surgically to its file.
public enum Change: Sendable, Equatable {
  case set(String, Value)
  case unset(String)
  /// Adds an item to a list field unless it is already there.
  case add(String, Value)
  /// Removes an item from a list field.
  case remove(String, Value)

  /// The field the change is to.
  public var key: String {
    switch self {
    case .set(let k, _), .unset(let k), .add(let k, _), .remove(let k, _): return k
    }
  }
}

extension [Change] {
  /// The changes without those that set `key`, and the text the last of those set, else
  /// `given` (a flag the `--set`s come after): for a field an edit moves rather than sets.
  /// Removing the field is refused with `hint`.
  public func takingOut(_ key: String, given: String?, hint: String) throws(CRMError) -> (rest: [Change], value: String?) {
    var value = given
    let rest = filter { change in
      guard case .set(key, let set) = change else { return true }
      value = set.string
      return false
    }
    if rest.contains(where: { $0.key == key }) { throw CRMError(.usage, "--unset cannot remove '\(key)'", hint: hint) }
    return (rest, value)
  }
}

extension Value {
  /// Reads a value typed on the command line (`--set score=40`) by the field's kind.
  /// List fields take comma-separated items; dates and timestamps also take the clock's
  /// relative forms (`tomorrow`, `+3d`). Errors are usage errors naming the field.
  public static func parse(_ text: String, as kind: FieldKind, field: String, clock: CRMClock) throws(CRMError) -> Value {
    switch kind {
    case .date:
      guard let date = clock.date(text) else { throw CRMError(.usage, "'\(field)' must be a date, not '\(text)'", hint: CRMClock.dateHint) }
      return .date(date)
    case .timestamp:
      guard let instant = clock.timestamp(text) else {
        throw CRMError(.usage, "'\(field)' must be a date or time, not '\(text)'", hint: CRMClock.timeHint)
      }
      return .timestamp(instant)
    default:
      break
    }
    let items = kind.isList ? text.split(separator: ",").map { String($0).trimmingSpaces } : [text]
    var values: [Value] = []
    do throws(CRMError) {
      for item in items {
        let value = withUTF8(item) { u in Result { () throws(CRMError) in try Value.typed(u, as: kind == .entries ? .any : kind, field: field) } }
        values.append(try value.get())
      }
    } catch {
      throw CRMError(.usage, error.message)
    }
    return kind.isList ? .list(values) : values[0]
  }
}

extension Repository {
  /// Runs `body` holding the repo's write lock (after checking git has no unresolved
  /// conflicts), then commits the paths it returns with its message while still holding the
  /// lock, so concurrent crm processes never race on git's index. The commit takes along
  /// what earlier runs wrote and could not commit (see `uncommitted()`). Returns a warning
  /// for the user when the commit failed: the files are written all the same, and the next
  /// commit takes them along.
  ///
  /// `react`, when given, is called with the records `body` changed, before the commit: what
  /// it writes (automation rules' actions) joins the same commit, its text the message. Its
  /// own writes are not passed to it again, so rules never set each other off.
  ///
  /// When `body` (or `react`) fails half-way, the files it wrote are put back as they were
  /// (the ones it made removed), so a failed command leaves the repo as it found it.
  public func writing(
    lockTimeout: Double, react: (([RecordEvent]) throws(CRMError) -> (paths: [String], message: String))? = nil,
    _ body: () throws(CRMError) -> (paths: [String], message: String)
  ) throws(CRMError) -> String? {
    let lock = try WriteLock(path: absolute(".crm/lock"), timeout: lockTimeout)
    defer { withExtendedLifetime(lock) {} }
    let git = config.autocommit && Git.isWorkTree(root)
    if git { try Git.ensureNoConflicts(in: root) }
    trail.start()
    var change: (paths: [String], message: String)
    var touched: [WriteTrail.Touched] = []
    do {
      change = try body()
      touched = trail.stop()
      if let react {
        let events = touched.flatMap { self.events(at: $0.path, before: $0.bytes) }
        if !events.isEmpty {
          trail.start()  // the rules' own writes, to put back too if they fail
          let reaction = try react(events)
          _ = trail.stop()
          change.paths += reaction.paths
          change.message += reaction.message
        }
      }
    } catch {
      putBack(touched + trail.stop())
      throw error
    }
    guard git else {
      forgetUncommitted()  // nothing is committed here, so nothing waits for a commit
      return nil
    }
    return commitWithUncommitted(change.paths, message: change.message)
  }

  /// A free id for a new record named `name`: its slug, or slug-2, slug-3… A name with no
  /// Latin letters or digits gets a short random id. Call while holding the write lock.
  public func newID(for type: RecordType, name: String, month: CalendarDate? = nil) -> String {
    var base = RecordID.slug(name)
    if base.isEmpty {
      let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
      base = String((0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
    }
    var candidate = base
    var n = 2
    while FileSystem.exists(absolute(path(of: type, id: candidate, month: month))) {
      candidate = base + "-" + String(n)
      n += 1
    }
    return candidate
  }

  /// Writes a new record file with `created`/`updated` stamps, fields in canonical order,
  /// never replacing an existing file. Call while holding the write lock.
  public func create(
    _ type: RecordType, id: String, fields: [Field], body: String, clock: CRMClock, month: CalendarDate? = nil
  ) throws(CRMError) -> Record {
    let relative = path(of: type, id: id, month: month)
    let bytes = Self.newFile(type, id: id, fields: fields, body: body, clock: clock)
    let record: Record
    do throws(CRMError) {
      record = try Record.parse(type: type, path: relative, bytes: bytes)
    } catch {
      throw error.asBadInput
    }
    try Self.refuseControlCharacters(in: record, keeping: nil)
    let file = try inside(relative)
    try FileSystem.makeDirectories(String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)]))
    try write(bytes, to: relative, replacing: nil)
    return record
  }

  /// The text of a new record's file: `created`/`updated` stamps, fields in canonical order.
  public static func newFile(_ type: RecordType, id: String, fields: [Field], body: String, clock: CRMClock) -> [UInt8] {
    let stamp = Value.timestamp(clock.now)
    let all = type.canonicalOrder(
      [Field("id", .string(id)), Field("created", stamp), Field("updated", stamp)]
        + fields.filter { $0.key != "id" && $0.value != .null })
    return Array(YAMLEmitter.document(all, body: body).utf8)
  }

  /// Refuses a name or title (a `.line` field) with control characters that the write would
  /// put in the file; one the file had already (`keeping`) may stay.
  static func refuseControlCharacters(in record: Record, keeping original: Record?) throws(CRMError) {
    for spec in record.type.fields where spec.kind == .line {
      guard let text = record[spec.key]?.string, text != original?[spec.key]?.string, Scalars.hasControlCharacters(text) else {
        continue
      }
      throw CRMError(.usage, "'\(spec.key)' must be one line without control characters, not '\(text)'")
    }
  }

  /// Applies `changes` to a record's file surgically and bumps `updated`. Returns the new
  /// record, or nil when nothing changed. A read-only file is replaced only if `force`.
  /// Call while holding the write lock.
  public func update(_ record: Record, _ changes: [Change], clock: CRMClock, force: Bool = false) throws(CRMError) -> Record? {
    try update(record, clock: clock, force: force) { _ throws(CRMError) in changes }
  }

  /// Like `update(_:_:clock:force:)`, with the changes worked out from the record as it is on
  /// disk now, under the lock, so a change that depends on the current state (a deal's stage)
  /// never acts on a stale copy.
  public func update(
    _ record: Record, clock: CRMClock, force: Bool = false, _ changes: (Record) throws(CRMError) -> [Change]
  ) throws(CRMError) -> Record? {
    let (unedited, stamp) = try read(record)
    var file = unedited
    var current = try Record.parse(type: record.type, path: record.path, file: file)
    let original = current
    let changes = try changes(current)
    let logs = record.type.fields.filter { $0.kind == .entries }.map(\.key)
    do throws(CRMError) {
      for change in changes {
        switch change {
        case .set(let key, let value):
          if current[key] != value { try file.set(key, to: YAMLEmitter.text(for: value), before: logs) }
        case .unset(let key):
          try file.remove(key)
        case .add(let key, let item):
          if !(current[key]?.items.contains(item) ?? false) {
            let text: YAMLText = item.string.map { .inline(YAMLEmitter.scalar($0, inFlow: true)) } ?? YAMLEmitter.text(for: item)
            try file.append(key, item: text, before: logs)
          }
        case .remove(let key, let item):
          if let items = current[key]?.items, items.contains(item) {
            try file.set(key, to: YAMLEmitter.text(for: .list(items.filter { $0 != item })))
          }
        }
        do throws(CRMError) {
          current = try Record.parse(type: record.type, path: record.path, file: file)
        } catch {
          throw error.asBadInput  // the file parsed before this change
        }
        try Self.refuseControlCharacters(in: current, keeping: original)
      }
    } catch {
      throw error.location == nil && error.kind != .usage ? error.located(in: record.path) : error
    }
    guard current.fields.map(\.key) != original.fields.map(\.key) || current.fields.map(\.value) != original.fields.map(\.value)
    else { return nil }
    do {
      try file.set("updated", to: YAMLEmitter.text(for: .timestamp(clock.now)))
    } catch {
      throw error.located(in: record.path)
    }
    current = try Record.parse(type: record.type, path: record.path, file: file)
    try write(file.bytes, to: record.path, replacing: stamp, force: force)
    return current
  }

  /// Replaces a record's file with text the user edited, after checking it is a valid record
  /// of the same id and that the file did not change since `stamp`.
  public func replace(_ record: Record, with bytes: [UInt8], expecting stamp: FileStamp, force: Bool = false) throws(CRMError) -> Record {
    let edited = try Record.parse(type: record.type, path: record.path, bytes: bytes)
    try write(bytes, to: record.path, replacing: stamp, force: force)
    return edited
  }

  /// Refuses now what replacing a record's file would refuse (a read-only file without
  /// `force`): before a user spends time in an editor.
  public func checkReplaceable(_ record: Record, force: Bool) throws(CRMError) {
    let file = try inside(record.path)
    do {
      _ = try FileSystem.replaceableMode(of: file, force: force)
    } catch {
      throw error.located(in: record.path)
    }
  }

  /// Refuses a write that names `records` if one was removed since it was found (by a crm
  /// that held the lock meanwhile): call under the lock, so no record names one that is gone.
  public func checkStillThere(_ records: [Record]) throws(CRMError) {
    for record in records where !FileSystem.exists(absolute(record.path)) { throw Self.removedMeanwhile(record.type, record.id) }
  }

  private static func removedMeanwhile(_ type: RecordType, _ id: String) -> CRMError {
    CRMError(.notFound, "\(type.rawValue) '\(id)' was removed meanwhile; nothing was written", hint: "run the command again")
  }

  /// Refuses changes to a `type` record that name a record (by id, in a reference field)
  /// `found` held but that is gone: call under the lock, so an edit never links to a record
  /// removed since it was found. (An id `found` never held, typed with `--set`, is the user's.)
  public func checkNamed(in changes: [Change], of type: RecordType, found: RecordIndex) throws(CRMError) {
    for change in changes {
      switch change {
      case .set(let key, let value), .add(let key, let value):
        guard let target = type.kind(of: key).target, target.spec.filing == .flat else { continue }
        for case .string(let id) in value.items
        where found.record(target, id: id) != nil && !FileSystem.exists(absolute(target.folder + "/" + id + ".md")) {
          throw Self.removedMeanwhile(target, id)
        }
      case .unset, .remove:
        continue
      }
    }
  }

  /// Refuses to remove a read-only file without `force`, as `rm` asks before removing one.
  public func checkRemovable(_ record: Record, force: Bool) throws(CRMError) {
    do {
      try checkReplaceable(record, force: force)
    } catch where error.kind == .cannotWrite {
      var refused = error
      refused.hint = "pass --force to remove it anyway"
      throw refused
    }
  }

  /// `FileSystem.writeAtomically` of a file given relative to the root, never through a
  /// linked folder; its errors name `relative`.
  func write(_ bytes: [UInt8], to relative: String, replacing stamp: FileStamp?, force: Bool = false) throws(CRMError) {
    let file = try inside(relative)
    trail.note(relative, root: root)
    try noteUncommitted(relative, writing: bytes)
    do {
      try FileSystem.writeAtomically(bytes, to: file, replacing: stamp, force: force)
    } catch {
      throw error.located(in: relative)
    }
    trail.wrote(relative, root: root)
  }

  /// Removes a record's file. Call while holding the write lock.
  public func delete(_ record: Record, force: Bool = false) throws(CRMError) {
    _ = try read(record)  // never touch a file that does not parse
    try checkRemovable(record, force: force)
    trail.note(record.path, root: root)
    try noteUncommitted(record.path, writing: nil)
    try FileSystem.remove(inside(record.path))
    trail.wrote(record.path, root: root)
  }

  /// Removes the temporary files that interrupted writes left in the record folders, and
  /// returns their paths. It holds the write lock, and every crm write does: while it is
  /// held no temporary file is being written, so all of them are stale.
  public func removeLeftovers(lockTimeout: Double) throws(CRMError) -> [String] {
    let lock = try WriteLock(path: absolute(".crm/lock"), timeout: lockTimeout)
    defer { withExtendedLifetime(lock) {} }
    let leftovers = list(Set(RecordType.allCases)).leftovers
    for path in leftovers { try FileSystem.remove(inside(path)) }
    return leftovers
  }
}

/// A change to a record that automation rules react to: what it was and what it is now.
public struct RecordEvent: Sendable {
  public let kind: AutomationRule.EventKind
  /// The record before the change; nil when it was created.
  public let before: Record?
  /// The record after the change; nil when it was deleted.
  public let after: Record?

  /// The record as it is now, or as it was when deleted.
  public var record: Record? { after ?? before }
}

/// The record files one write touched, each with its text before the write: what
/// `Repository.writing` tells automation rules about. Only the writing thread uses it.
final class WriteTrail: @unchecked Sendable {
  /// One file the write touched: what it held before (nil: no file), whether that could be
  /// read, and its stamp once crm was done with it (nil: removed).
  struct Touched {
    let path: String
    let bytes: [UInt8]?
    let readable: Bool
    var left: FileStamp?
  }

  private var touched: [Touched] = []
  private var index: [String: Int] = [:]
  private var recording = false

  func start() {
    touched = []
    index = [:]
    recording = true
  }

  /// Keeps the text of the file at `path` as it is before its first write.
  func note(_ path: String, root: String) {
    guard recording, index[path] == nil else { return }
    let file = root + "/" + path
    let exists = FileSystem.exists(file)
    let bytes = exists ? try? FileSystem.contents(of: file, limit: 1 << 30) : nil
    index[path] = touched.count
    touched.append(Touched(path: path, bytes: bytes, readable: !exists || bytes != nil, left: nil))
  }

  /// Keeps how crm left the file at `path`, so that undoing never touches a later edit.
  func wrote(_ path: String, root: String) {
    guard recording, let i = index[path] else { return }
    touched[i].left = FileSystem.stamp(of: root + "/" + path)
  }

  func stop() -> [Touched] {
    recording = false
    defer { start(); recording = false }
    return touched
  }
}

extension Repository {
  /// Writes back what the files held (removing those there were none at): the undoing of a
  /// write that failed half-way. Only a file still as crm left it is touched (not one edited
  /// meanwhile, nor one crm could not read before). Best effort: the failure is the news.
  fileprivate func putBack(_ files: [WriteTrail.Touched]) {
    for touched in files.reversed() where touched.readable {
      guard let file = try? inside(touched.path), FileSystem.stamp(of: file) == touched.left else { continue }
      if let bytes = touched.bytes {
        try? FileSystem.writeAtomically(bytes, to: file, replacing: touched.left, force: true)
      } else if touched.left != nil {
        try? FileSystem.remove(file)
      }
    }
  }

  /// What happened to the record at `path`, which held `bytes` before (nil: no file): created,
  /// changed (and, for a deal, stage changed), or deleted. Not a record's file, or one that
  /// does not parse, is no event.
  fileprivate func events(at path: String, before bytes: [UInt8]?) -> [RecordEvent] {
    guard let type = Self.recordType(ofPath: path) else { return [] }
    let before = bytes.flatMap { try? Record.parse(type: type, path: path, bytes: $0) }
    let now = FileSystem.exists(absolute(path)) ? try? FileSystem.contents(of: absolute(path)) : nil
    let after = now.flatMap { try? Record.parse(type: type, path: path, bytes: $0) }
    switch (before, after) {
    // A file that was there but did not parse is changed, not created, when it is mended.
    case (nil, let after?): return [RecordEvent(kind: bytes == nil ? .created : .changed, before: nil, after: after)]
    case (let before?, nil): return [RecordEvent(kind: .deleted, before: before, after: nil)]
    case (let before?, let after?):
      guard before.fields != after.fields || before.body != after.body else { return [] }
      let moved = type == .deal && before["stage"] != after["stage"]
      return [RecordEvent(kind: .changed, before: before, after: after)] + (moved ? [RecordEvent(kind: .stageChanged, before: before, after: after)] : [])
    case (nil, nil): return []
    }
  }
}
