#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `.crm/cache/check.bin`: the problems `crm check` last found, with everything they came
/// from: the stamp of every record file and of the config, the listing itself (names,
/// leftovers, links), and the stamp of the crm program that found them. A check whose
/// inputs all have the same stamps has the same result, so it is printed without reading a
/// record. Like the record cache it is an accelerator: a missing, damaged or other-version
/// file, or any difference in the inputs, means a full check.
enum CheckCache {
  static func path(_ root: String) -> String { root + "/.crm/cache/check.bin" }

  static let header = Array("crm-check-cache 4\n".utf8)

  /// The stamp of the running program, following links (nil where there is no
  /// `/proc/self/exe`: no check cache there). Another build may word problems differently.
  static let program: FileStamp? = {
    var info = stat()
    guard stat("/proc/self/exe", &info) == 0 else { return nil }
    return FileSystem.stamp(info)
  }()

  /// The inputs of a check as bytes, or nil when one cannot be trusted: a file that could
  /// not be stamped, or one changed in the last two seconds (`FileStamp.unsettledSince`).
  static func key(_ root: String, _ survey: Repository.Survey, program: FileStamp? = program) -> [UInt8]? {
    let (listing, stamps) = (survey.listing, survey.stamps)
    guard let program else { return nil }
    let unsettled = FileStamp.unsettledSince()
    var key = ByteWriter()
    key.bytes.reserveCapacity(64 * listing.records.count)
    func add(_ stamp: FileStamp) {
      key.signed(stamp.size)
      key.signed(stamp.modified)
      key.signed(stamp.changed)
      key.unsigned(stamp.inode)
    }
    add(program)
    if let config = FileSystem.stamp(of: root + "/" + Config.path) {
      guard config.modified < unsettled else { return nil }
      key.unsigned(1)
      add(config)
    } else {
      key.unsigned(0)  // no config: unlike any stamp of one
    }
    key.unsigned(UInt64(listing.records.count))
    for (i, (_, path)) in listing.records.enumerated() {  // a path's folder says its type
      guard let stamp = stamps[i], stamp.modified < unsettled else { return nil }
      key.string(path)
      add(stamp)
    }
    key.unsigned(UInt64(listing.leftovers.count))
    for path in listing.leftovers { key.string(path) }
    key.unsigned(UInt64(listing.problems.count))
    for problem in listing.problems { key.string(problem.description) }
    return key.bytes
  }

  /// The saved result, if the file is whole and was saved for exactly `key`.
  static func lookup(_ root: String, key: [UInt8]) -> (problems: [CRMError], records: Int)? {
    guard let bytes = try? FileSystem.contents(of: path(root), limit: 1 << 30), bytes.starts(with: header) else { return nil }
    return bytes.withUnsafeBufferPointer { buffer in
      var reader = ByteReader(bytes: buffer, offset: header.count)
      do throws(CacheCorrupt) {
        let checksum = try reader.unsigned()
        guard checksum == RecordCache.checksum(buffer, reader.offset..<buffer.count) else { return nil }
        let length = try reader.count()
        guard length == key.count, reader.offset + length <= buffer.count,
          key.withUnsafeBufferPointer({ $0.sameBytes(as: UnsafeBufferPointer(rebasing: buffer[reader.offset..<reader.offset + length])) })
        else { return nil }
        reader.offset += length
        let records = Int(try reader.unsigned())
        var problems: [CRMError] = []
        for _ in 0..<(try reader.count()) { problems.append(try reader.problem()) }
        return reader.offset == buffer.count ? (problems, records) : nil
      } catch {
        return nil
      }
    }
  }

  /// Saves `result` for `key`; failures are ignored, the cache is optional.
  static func write(_ root: String, key: [UInt8], _ result: (problems: [CRMError], records: Int)) {
    var rest = ByteWriter()
    rest.unsigned(UInt64(key.count))
    rest.bytes += key
    rest.unsigned(UInt64(result.records))
    rest.unsigned(UInt64(result.problems.count))
    for problem in result.problems { rest.problem(problem) }
    var file = ByteWriter()
    file.bytes = header
    file.unsigned(rest.bytes.withUnsafeBufferPointer { RecordCache.checksum($0, $0.indices) })
    file.bytes += rest.bytes
    try? FileSystem.makeDirectories(root + "/.crm/cache")
    try? FileSystem.replace(path(root), with: file.bytes)
  }
}

extension CRMError.Kind {
  /// The kinds in a fixed order, for the check cache.
  fileprivate static let coded: [CRMError.Kind] = [.usage, .data, .notFound, .failed, .cannotWrite, .lockBusy]
}

extension ByteWriter {
  fileprivate mutating func problem(_ problem: CRMError) {
    // A kind left out of `coded` is written past its end: the reader takes that for a
    // corrupt cache, and the check runs again.
    unsigned(UInt64(CRMError.Kind.coded.firstIndex(of: problem.kind) ?? CRMError.Kind.coded.count))
    string(problem.message)
    unsigned(problem.hint == nil ? 0 : 1)
    if let hint = problem.hint { string(hint) }
    if let location = problem.location {
      unsigned(1)
      string(location.path)
      unsigned(UInt64(location.mark?.line ?? 0))
      unsigned(UInt64(location.mark?.column ?? 0))
    } else {
      unsigned(0)
    }
  }
}

extension ByteReader {
  fileprivate mutating func problem() throws(CacheCorrupt) -> CRMError {
    let kind = try count()
    guard kind < CRMError.Kind.coded.count else { throw CacheCorrupt() }
    let message = try string()
    let hint = try unsigned() == 1 ? try string() : nil
    var location: SourceLocation?
    if try unsigned() == 1 {
      let path = try string()
      let line = try unsigned()
      let column = try unsigned()
      location = SourceLocation(path: path, mark: line == 0 ? nil : SourceMark(line: Int(line), column: Int(column)))
    }
    return CRMError(CRMError.Kind.coded[kind], message, at: location, hint: hint)
  }
}
