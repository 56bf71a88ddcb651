#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Array where Element: Hashable {
  /// The elements in order, each once.
  public func uniqued() -> [Element] {
    var seen = Set<Element>()
    return filter { seen.insert($0).inserted }
  }
}

extension Array {
  /// The index ranges of the longest stretches whose elements share a `key`, in order:
  /// grouping records that arrive together by type this way hashes nothing.
  func runs<Key: Equatable>(by key: (Element) -> Key) -> [Range<Int>] {
    var runs: [Range<Int>] = []
    var start = 0
    while start < count {
      let first = key(self[start])
      var end = start + 1
      while end < count, key(self[end]) == first { end += 1 }
      runs.append(start..<end)
      start = end
    }
    return runs
  }
}

extension Sequence where Element == UInt8 {
  /// FNV-1a: a small, fast, stable hash of bytes (not for hostile input: pair it with an
  /// exact comparison or a checksum of its own).
  var fnv1a: UInt64 {
    reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
  }
}

extension UnsafeBufferPointer where Element == UInt8 {
  /// Whether both hold the same bytes: one `memcmp`, where `elementsEqual` steps through
  /// them a byte at a time. For comparisons that run for every key or entry of a load.
  func sameBytes(as other: UnsafeBufferPointer<UInt8>) -> Bool {
    count == other.count && (count == 0 || memcmp(baseAddress!, other.baseAddress!, count) == 0)
  }
}
