import Dispatch

/// Per-item results filled in from many threads, each slot written by exactly one; a raw
/// buffer, because a Swift array property would trip exclusivity checks across threads.
final class Slots<Element>: @unchecked Sendable {
  private let slots: UnsafeMutableBufferPointer<Element?>

  init(count: Int) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil)
  }

  deinit {
    slots.deinitialize()
    slots.deallocate()
  }

  func set(_ index: Int, _ value: Element) { slots[index] = value }

  /// Runs `body` for indices `0..<count` on all cores, `chunk` indices per task, and keeps
  /// what it returns.
  static func map(_ count: Int, chunk: Int, _ body: @Sendable (Int) -> Element?) -> Slots {
    map(count, chunk: chunk, scratch: {}) { _, i in body(i) }
  }

  /// `map(_:chunk:_:)`, where the calls of a task share a `scratch` value made for the task
  /// (such as a buffer to read files into).
  static func map<Scratch>(_ count: Int, chunk: Int, scratch: @Sendable () -> Scratch, _ body: @Sendable (Scratch, Int) -> Element?)
    -> Slots
  {
    let slots = Slots(count: count)
    DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { part in
      let scratch = scratch()
      for i in (part * chunk)..<min(count, (part + 1) * chunk) {
        if let value = body(scratch, i) { slots.set(i, value) }
      }
    }
    return slots
  }

  /// Read in place: looking at a member of an element does not copy (and retain) all of it.
  subscript(index: Int) -> Element? {
    _read { yield slots[index] }
  }

  /// Moves the element out, leaving nil.
  func take(_ index: Int) -> Element? { slots[index].take() }

  var count: Int { slots.count }

  var values: [Element?] { Array(slots) }
}

/// A value worked out on another thread from the moment it is made; `value` waits for it.
/// For work a load needs later that does not depend on what it does first.
final class Background<Value: Sendable>: @unchecked Sendable {
  private let done = DispatchGroup()
  private let make: @Sendable () -> Value
  private var result: Value?

  init(_ make: @escaping @Sendable () -> Value) {
    self.make = make
    DispatchQueue.global().async(group: done) { self.result = make() }
  }

  /// The group's wait orders the other thread's write before this read, so `result` is set
  /// here; were it not, working the value out again is still right.
  var value: Value {
    done.wait()
    return result ?? make()
  }
}
