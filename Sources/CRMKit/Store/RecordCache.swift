#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// `.crm/cache/<type>.bin`: the parsed records of one type, keyed by relative path with the
/// size, mtime and ctime (ns) and inode the file had when parsed. An accelerator, never a source of
/// truth: a cache that is missing, from another format or schema, truncated or corrupt reads
/// as empty (a checksum over the contents finds damage), and a file whose stamp differs is
/// parsed again. Writes go to a temporary file
/// renamed into place, so two processes writing at once leave one whole cache.
struct RecordCache {
  struct Entry {
    let stamp: FileStamp
    let path: String
    /// Nil when a lookup for records naming some ids passed over it (it names none of them):
    /// then `encoded` holds its bytes, written back as they are if the cache is rewritten.
    let record: Record?
    let encoded: (file: FileSystem.FileCopy, range: Range<Int>)?

    init(stamp: FileStamp, record: Record) {
      self.stamp = stamp
      path = record.path
      self.record = record
      encoded = nil
    }

    init(stamp: FileStamp, path: String, encoded: (file: FileSystem.FileCopy, range: Range<Int>)) {
      self.stamp = stamp
      self.path = path
      record = nil
      self.encoded = encoded
    }
  }

  /// The format, and a fingerprint of the schema and of which of its fields a projection
  /// keeps: records are cached typed and projected, so a change of any field's kind, or of
  /// what a projection keeps, must invalidate them.
  static func header(_ projection: Repository.Projection?) -> [UInt8] {
    let schema = RecordType.allCases.map { type in
      type.rawValue + ":"
        + type.fields.map { spec in
          spec.key + "=" + spec.kind.fingerprint + (projection.map { !$0.keeps(type, spec.key) ? "-" : $0.keepsOnly[type]?[spec.key] == nil ? "+" : "?" } ?? "")
        }.joined(separator: ",")
    }
    return Array("crm-record-cache 7 \(String(schema.joined(separator: ";").utf8.fnv1a, radix: 16))\n".utf8)
  }

  /// A projection's records are cached apart from whole ones, under its name.
  static func path(_ root: String, _ type: RecordType, _ projection: Repository.Projection? = nil) -> String {
    root + "/.crm/cache/" + type.rawValue + (projection.map { "." + $0.name } ?? "") + ".bin"
  }

  /// Entries are stored in chunks of this many, listed up front with their size and
  /// checksum, so they are checked and decoded on all cores.
  static let chunkSize = 512

  /// What the cache holds for a listing: each listed file's entry, if the cache has one for
  /// its path, and how many entries each type's cache held.
  struct Lookup {
    var entries: [Entry?]
    var counts: [RecordType: Int] = [:]
  }

  /// Looks up every listed file (of `types`) in the cache. A type's cache that is missing,
  /// from another format or schema, truncated or damaged anywhere counts as empty. With
  /// `naming`, a record whose references name none of those ids is not built.
  static func lookup(
    _ root: String, _ types: Set<RecordType>, files: [(type: RecordType, path: String)], projection: Repository.Projection? = nil,
    naming: Set<String>? = nil
  ) -> Lookup {
    var listed: [RecordType: ArraySlice<(type: RecordType, path: String)>] = [:]  // each type's files are one run
    for run in files.runs(by: \.type) { listed[files[run.lowerBound].type] = files[run] }
    let header = header(projection)
    // Every chunk of every type, decoded in one parallel pass into the type's entries, each
    // chunk from the position of its first entry.
    let wanted = RecordType.allCases.filter(types.contains)
    let read = Slots<(type: RecordType, file: FileSystem.FileCopy, chunks: [Chunk], entries: Slots<Entry>)>.map(wanted.count, chunk: 1) { i in
      guard let file = try? FileSystem.FileCopy(path(root, wanted[i], projection), limit: 1 << 30), let chunks = table(file.bytes, after: header)
      else { return nil }
      return (wanted[i], file, chunks, Slots(count: chunks.reduce(0) { $0 + $1.count }))
    }
    let caches = read.values.compactMap { $0 }
    let tasks = caches.indices.flatMap { c in caches[c].chunks.indices.map { (c, $0) } }
    let decoded = Slots<Bool>.map(tasks.count, chunk: 1) { [listed] t in
      let (c, k) = tasks[t]
      let chunk = caches[c].chunks[k]
      let expected = listed[caches[c].type]?.dropFirst(chunk.first) ?? []
      return (try? decode(chunk, of: caches[c].file, caches[c].type, expected: expected, naming: naming, into: caches[c].entries)) != nil
    }
    var entries: [RecordType: Slots<Entry>] = [:]
    var t = 0
    for cache in caches {
      var whole = true
      for _ in cache.chunks {
        whole = whole && decoded[t] == true  // any damaged chunk: no cache for the type
        t += 1
      }
      if whole { entries[cache.type] = cache.entries }
    }
    // Entries are written in listing order, so a file is usually at its own position;
    // when files came or went, look the rest up by path. The listing holds each type's
    // files together: take them a run of one type at a time.
    var lookup = Lookup(entries: [])
    lookup.entries.reserveCapacity(files.count)
    var position: [RecordType: Int] = [:]
    var byPath: [RecordType: [String: Int]] = [:]
    for run in files.runs(by: \.type) {
      let type = files[run.lowerBound].type
      guard let cached = entries[type] else {
        lookup.entries += repeatElement(nil, count: run.count)
        continue
      }
      var p = position[type, default: 0]
      for (_, path) in files[run] {
        if p < cached.count, cached[p]?.path == path {
          lookup.entries.append(cached.take(p))
        } else {
          let positions =
            byPath[type] ?? Dictionary((0..<cached.count).compactMap { i in cached[i].map { ($0.path, i) } }, uniquingKeysWith: { a, _ in a })
          byPath[type] = positions
          lookup.entries.append(positions[path].flatMap { cached[$0] })
        }
        p += 1
      }
      position[type] = p
    }
    for (type, cached) in entries { lookup.counts[type] = cached.count }
    return lookup
  }

  /// A chunk's place in the file, its first entry's position, its number of entries and its checksum.
  private struct Chunk {
    let range: Range<Int>
    let first: Int
    let count: Int
    let checksum: UInt64
  }

  /// Reads the table after the header: the number of chunks, each one's entry count, byte
  /// length and checksum, then a checksum of everything before it. Nil for a cache of
  /// another format or a damaged table.
  private static func table(_ bytes: UnsafeBufferPointer<UInt8>, after header: [UInt8]) -> [Chunk]? {
    guard bytes.starts(with: header) else { return nil }
    var reader = ByteReader(bytes: bytes, offset: header.count)
    var sizes: [(count: Int, length: Int, checksum: UInt64)] = []
    do {
      for _ in 0..<(try reader.count()) { sizes.append((try reader.count(), try reader.count(), try reader.unsigned())) }
      let tableEnd = reader.offset
      guard try reader.unsigned() == checksum(bytes, 0..<tableEnd) else { return nil }
    } catch {
      return nil
    }
    var chunks: [Chunk] = []
    var offset = reader.offset
    var first = 0
    for size in sizes {
      guard size.length <= bytes.count - offset else { return nil }
      chunks.append(Chunk(range: offset..<offset + size.length, first: first, count: size.count, checksum: size.checksum))
      offset += size.length
      first += size.count
    }
    return offset == bytes.count ? chunks : nil
  }

  /// Decodes one chunk into `entries`, from the position of its first. `expected` holds the
  /// listed files from that position on: a record whose path is the listed one shares that
  /// string instead of decoding its own.
  private static func decode(
    _ chunk: Chunk, of file: FileSystem.FileCopy, _ type: RecordType, expected: ArraySlice<(type: RecordType, path: String)>, naming: Set<String>?,
    into entries: Slots<Entry>
  ) throws(CacheCorrupt) {
    guard checksum(file.bytes, chunk.range) == chunk.checksum else { throw CacheCorrupt() }
    var reader = ByteReader(bytes: file.bytes, offset: chunk.range.lowerBound, end: chunk.range.upperBound)
    var listed = expected.makeIterator()
    let references = type.referenceFields.map { Array($0.key.utf8) }
    let lengths = naming?.reduce(UInt64(0)) { $0 | 1 << min($1.utf8.count, 63) } ?? 0
    for position in chunk.first..<chunk.first + chunk.count {
      let start = reader.offset
      let path = try reader.string(sharing: listed.next()?.path)
      let stamp = FileStamp(size: try reader.signed(), modified: try reader.signed(), changed: try reader.signed(), inode: try reader.unsigned())
      if let naming {
        var probe = reader
        if try !probe.skipRecord(naming: naming, lengths: lengths, in: references) {
          reader = probe
          entries.set(position, Entry(stamp: stamp, path: path, encoded: (file, start..<reader.offset)))
          continue
        }
      }
      let id = try reader.string()
      let count = try reader.count()
      var fields: [Field] = []
      fields.reserveCapacity(count)  // (capacity may round up where malloc says its real size)
      for _ in 0..<count { fields.append(try reader.field()) }
      let body = try reader.string()
      let cuts = try (0..<(try reader.count())).map { _ throws(CacheCorrupt) in try reader.field() }
      entries.set(position, Entry(stamp: stamp, record: Record(type: type, id: id, path: path, fields: fields, body: body, commentCuts: cuts)))
    }
    guard reader.offset == chunk.range.upperBound else { throw CacheCorrupt() }
  }

  /// Writes the entries of `type`, leaving out files changed in the last two seconds
  /// (`FileStamp.unsettledSince`). Failures are ignored: the cache is optional.
  static func write(_ root: String, _ type: RecordType, _ entries: [Entry], projection: Repository.Projection? = nil) {
    let unsettled = FileStamp.unsettledSince()
    // An entry holds its record or, when one was skipped on reading, its encoded bytes.
    let kept = entries.filter { $0.stamp.modified < unsettled && ($0.record != nil || $0.encoded != nil) }
    var chunks: [(count: Int, bytes: [UInt8])] = []
    for start in stride(from: 0, to: kept.count, by: chunkSize) {
      var chunk = ByteWriter()
      let part = kept[start..<min(kept.count, start + chunkSize)]
      for entry in part {
        guard let record = entry.record else {
          if let encoded = entry.encoded { chunk.bytes += encoded.file.bytes[encoded.range] }
          continue
        }
        chunk.string(record.path)
        chunk.signed(entry.stamp.size)
        chunk.signed(entry.stamp.modified)
        chunk.signed(entry.stamp.changed)
        chunk.unsigned(entry.stamp.inode)
        chunk.string(record.id)
        chunk.unsigned(UInt64(record.fields.count))
        for field in record.fields { chunk.field(field) }
        chunk.string(record.body)
        chunk.unsigned(UInt64(record.commentCuts.count))
        for cut in record.commentCuts { chunk.field(cut) }
      }
      chunks.append((part.count, chunk.bytes))
    }
    var writer = ByteWriter()
    writer.bytes = header(projection)
    writer.unsigned(UInt64(chunks.count))
    for chunk in chunks {
      writer.unsigned(UInt64(chunk.count))
      writer.unsigned(UInt64(chunk.bytes.count))
      writer.unsigned(chunk.bytes.withUnsafeBufferPointer { checksum($0, $0.indices) })
    }
    writer.unsigned(writer.bytes.withUnsafeBufferPointer { checksum($0, $0.indices) })
    for chunk in chunks { writer.bytes += chunk.bytes }
    try? FileSystem.makeDirectories(root + "/.crm/cache")
    try? FileSystem.replace(path(root, type, projection), with: writer.bytes)
  }

  /// A fast 64-bit hash of `range`: it finds truncation and damage (it is no defence against
  /// someone forging a cache, who could edit the files). Four lanes take eight bytes each in
  /// turn, so each lane's multiply waits only on its own last one.
  static func checksum(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
    let raw = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[range]))
    @inline(__always) func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
      let m = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
      return m ^ m >> 32
    }
    var lanes = (0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count), UInt64(0x243F_6A88_85A3_08D3), UInt64(0x1319_8A2E_0370_7344), UInt64(0xA409_3822_299F_31D0))
    var i = 0
    while i + 32 <= raw.count {
      lanes.0 = mix(lanes.0, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
      lanes.1 = mix(lanes.1, raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
      lanes.2 = mix(lanes.2, raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
      lanes.3 = mix(lanes.3, raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
      i += 32
    }
    var h = mix(mix(mix(lanes.0, lanes.1), lanes.2), lanes.3)
    while i + 8 <= raw.count {
      h = mix(h, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
      i += 8
    }
    while i < raw.count {
      h = (h ^ UInt64(raw[i])) &* 0xC4CE_B9FE_1A85_EC53
      i += 1
    }
    return h ^ (h >> 29)
  }
}

struct CacheCorrupt: Error {}


/// Reads the cache's encoding: LEB128 varints, zigzag for signed numbers, strings as a
/// length and UTF-8 bytes. Every read is bounds-checked, so a damaged file only fails.
/// Strings are not validated again: a chunk's checksum was checked before it is read.
struct ByteReader {
  let bytes: UnsafeBufferPointer<UInt8>
  var offset: Int
  /// Where this reader's part of the bytes ends.
  var end: Int

  init(bytes: UnsafeBufferPointer<UInt8>, offset: Int, end: Int? = nil) {
    self.bytes = bytes
    self.offset = offset
    self.end = end ?? bytes.count
  }

  /// Most numbers in a cache (lengths, counts, lines, columns) are one byte: that case is
  /// inlined, and only longer ones take the loop.
  @inline(__always) mutating func unsigned() throws(CacheCorrupt) -> UInt64 {
    if offset < end, bytes[offset] < 0x80 {
      offset += 1
      return UInt64(bytes[offset - 1])
    }
    return try unsignedLong()
  }

  private mutating func unsignedLong() throws(CacheCorrupt) -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard offset < end, shift < 64 else { throw CacheCorrupt() }
      let byte = bytes[offset]
      offset += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return value }
      shift += 7
    }
  }

  mutating func signed() throws(CacheCorrupt) -> Int64 {
    let u = try unsigned()
    return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
  }

  /// A count that must fit in the bytes left (each item takes at least one byte).
  mutating func count() throws(CacheCorrupt) -> Int {
    let n = try unsigned()
    guard n <= UInt64(end - offset) else { throw CacheCorrupt() }
    return Int(n)
  }

  /// The next `n` bytes.
  mutating func take(_ n: Int) throws(CacheCorrupt) -> UnsafeBufferPointer<UInt8> {
    guard n <= end - offset else { throw CacheCorrupt() }
    defer { offset += n }
    return UnsafeBufferPointer(rebasing: bytes[offset..<offset + n])
  }

  /// Passes over a record's id, fields and body without building them, and tells whether a
  /// field keyed by one of `references` names one of `ids` (`lengths` has bit n set when an
  /// id is n bytes long: most names are turned away before a string is made).
  mutating func skipRecord(naming ids: Set<String>, lengths: UInt64, in references: [[UInt8]]) throws(CacheCorrupt) -> Bool {
    _ = try take(try count())  // id
    var names = false
    for _ in 0..<(try count()) {
      let key = try take(try count())
      _ = try unsigned()  // line
      _ = try unsigned()  // column
      let isReference = references.contains { $0.withUnsafeBufferPointer { $0.sameBytes(as: key) } }
      names = try skipValue(naming: ids, lengths: isReference ? lengths : 0) || names
    }
    _ = try take(try count())  // body
    for _ in 0..<(try count()) { _ = try field() }  // comment cuts: a key, a mark, null
    return names
  }

  /// Passes over a value, and tells whether one of its strings is one of `ids` (`lengths` as
  /// for `skipRecord`; 0 tests none). No closure: this runs for every value passed over.
  /// `depth` is the value's, as for `value(depth:)`.
  mutating func skipValue(naming ids: Set<String>, lengths: UInt64, depth: Int = 2) throws(CacheCorrupt) -> Bool {
    guard offset < end else { throw CacheCorrupt() }
    let tag = bytes[offset]
    offset += 1
    if tag >= 8, depth > YAMLEvents.maximumDepth { throw CacheCorrupt() }
    switch tag {
    case 0, 4, 5: return false
    case 1:
      let text = try take(try count())
      return lengths & 1 << min(text.count, 63) != 0 && ids.contains(String(decoding: text, as: UTF8.self))
    case 2, 6: _ = try unsigned()
    case 3: _ = try take(try count())
    case 7: for _ in 0..<3 { _ = try unsigned() }
    case 8:
      var found = false
      for _ in 0..<(try count()) { found = try skipValue(naming: ids, lengths: lengths, depth: depth + 1) || found }
      return found
    case 9:
      for _ in 0..<(try count()) {
        _ = try take(try count())
        _ = try unsigned()
        _ = try unsigned()
        _ = try skipValue(naming: ids, lengths: 0, depth: depth + 1)
      }
    default: throw CacheCorrupt()
    }
    return false
  }

  mutating func string(sharing known: String? = nil) throws(CacheCorrupt) -> String {
    let n = try count()
    let utf8 = UnsafeBufferPointer(rebasing: bytes[offset..<offset + n])
    offset += n
    if var known, known.utf8.count == n, known.withUTF8({ $0.sameBytes(as: utf8) }) { return known }
    return String(decoding: utf8, as: UTF8.self)
  }

  mutating func field(depth: Int = 2) throws(CacheCorrupt) -> Field {
    let key = try string()
    let line = try unsigned()
    let column = try unsigned()
    let mark = line == 0 ? nil : SourceMark(line: Int(line), column: Int(column))
    return Field(key, try value(depth: depth), mark: mark)
  }

  /// A value at `depth`, the level it is a collection of when it is one, counting the front
  /// matter as 1 as `YAMLEvents` does: a deeper list or mapping was not written by crm, and
  /// reading it could overflow the stack.
  mutating func value(depth: Int = 2) throws(CacheCorrupt) -> Value {
    guard offset < end else { throw CacheCorrupt() }
    let tag = bytes[offset]
    offset += 1
    if tag >= 8, depth > YAMLEvents.maximumDepth { throw CacheCorrupt() }
    switch tag {
    case 0: return .null
    case 1: return .string(try string())
    case 2: return .integer(Int(try signed()))
    case 3:
      guard let d = Decimal(string: try string()) else { throw CacheCorrupt() }
      return .decimal(d)
    case 4: return .bool(false)
    case 5: return .bool(true)
    case 6: return .date(CalendarDate(daysSinceEpoch: Int(try signed())))
    case 7:
      let seconds = try signed()
      let nanoseconds = Int(try unsigned())
      return .timestamp(Timestamp(seconds: seconds, nanoseconds: nanoseconds, offset: Int(try signed())))
    case 8:
      var items: [Value] = []
      for _ in 0..<(try count()) { items.append(try value(depth: depth + 1)) }
      return .list(items)
    case 9:
      var fields: [Field] = []
      for _ in 0..<(try count()) { fields.append(try field(depth: depth + 1)) }
      return .map(fields)
    default:
      throw CacheCorrupt()
    }
  }
}

struct ByteWriter {
  var bytes: [UInt8] = []

  mutating func unsigned(_ value: UInt64) {
    var v = value
    while v >= 0x80 {
      bytes.append(UInt8(v & 0x7F) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  mutating func signed(_ value: Int64) { unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

  mutating func string(_ text: String) {
    unsigned(UInt64(text.utf8.count))
    bytes += text.utf8
  }

  mutating func field(_ field: Field) {
    string(field.key)
    unsigned(UInt64(field.mark?.line ?? 0))
    unsigned(UInt64(field.mark?.column ?? 0))
    value(field.value)
  }

  mutating func value(_ value: Value) {
    switch value {
    case .null: bytes.append(0)
    case .string(let s):
      bytes.append(1)
      string(s)
    case .integer(let n):
      bytes.append(2)
      signed(Int64(n))
    case .decimal(let d):
      bytes.append(3)
      string(d.description)
    case .bool(let b): bytes.append(b ? 5 : 4)
    case .date(let d):
      bytes.append(6)
      signed(Int64(d.daysSinceEpoch))
    case .timestamp(let t):
      bytes.append(7)
      signed(t.seconds)
      unsigned(UInt64(t.nanoseconds))
      signed(Int64(t.offset))
    case .list(let items):
      bytes.append(8)
      unsigned(UInt64(items.count))
      for item in items { self.value(item) }
    case .map(let fields):
      bytes.append(9)
      unsigned(UInt64(fields.count))
      for field in fields { self.field(field) }
    }
  }
}
