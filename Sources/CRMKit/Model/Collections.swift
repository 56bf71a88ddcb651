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

extension String {
  /// The FNV-1a hash of the UTF-8 bytes, read in place (a generic walk of `utf8` is several
  /// times slower).
  var fnv1a: UInt64 {
    var text = self
    return text.withUTF8(\.fnv1a)
  }

  /// Whether the UTF-8 bytes are `bytes`: one `memcmp`.
  func sameBytes(as bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var text = self
    return text.withUTF8 { $0.sameBytes(as: bytes) }
  }
}

extension BidirectionalCollection where Element == UInt8 {
  /// Whether the bytes end with `suffix`'s, compared from the end (`suffix(_:)` of a
  /// collection that is not random-access walks it).
  func hasSuffix(_ suffix: StaticString) -> Bool {
    var i = endIndex
    for byte in UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount).reversed() {
      guard i != startIndex else { return false }
      formIndex(before: &i)
      guard self[i] == byte else { return false }
    }
    return true
  }
}

extension UnsafeBufferPointer where Element == UInt8 {
  /// Whether both hold the same bytes: one `memcmp`, where `elementsEqual` steps through
  /// them a byte at a time. For comparisons that run for every key or entry of a load.
  func sameBytes(as other: UnsafeBufferPointer<UInt8>) -> Bool {
    guard count == other.count else { return false }
    guard let mine = baseAddress, let theirs = other.baseAddress else { return count == 0 }
    return memcmp(mine, theirs, count) == 0
  }
}
