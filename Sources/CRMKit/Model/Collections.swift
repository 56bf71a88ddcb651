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
