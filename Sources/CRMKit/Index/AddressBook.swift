#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Which contacts have each email address, filled by the threads that check the contacts,
/// for `crm check`'s addresses on two contacts. An address's table is one of several picked
/// by its hash, each behind its own lock, so threads seldom wait; nothing of a contact is
/// kept but the first holder of each of its addresses, and the few addresses seen again are
/// gathered as they come.
final class AddressBook: @unchecked Sendable {
  /// A contact that has an address: its id, to order the holders, and where to report.
  struct Holder {
    let id: String
    let path: String
    let mark: SourceMark?
  }

  private struct Part {
    /// The first holder of each hash, with the address.
    var first: [UInt64: (email: String, holder: Holder)] = [:]
    /// The first holder of an address whose hash an earlier, different address has.
    var firstByText: [String: Holder] = [:]
    /// Every holder of each address that more than one contact has.
    var shared: [String: [Holder]] = [:]
  }

  private let parts: UnsafeMutableBufferPointer<Part>
  /// One lock per part, at a fixed address (a mutex must not be copied or moved).
  private let locks: UnsafeMutablePointer<pthread_mutex_t>
  private let hash: @Sendable (String) -> UInt64

  /// `hash` picks an address's table and its entry; a test gives one that collides.
  init(parts count: Int = 16, hash: @escaping @Sendable (String) -> UInt64 = \.fnv1a) {
    parts = .allocate(capacity: count)
    parts.initialize(repeating: Part())
    locks = .allocate(capacity: count)
    for i in 0..<count { pthread_mutex_init(locks + i, nil) }
    self.hash = hash
  }

  deinit {
    for i in parts.indices { pthread_mutex_destroy(locks + i) }
    locks.deallocate()
    parts.deinitialize()
    parts.deallocate()
  }

  /// Adds a contact's addresses (each once: one address twice on a contact is no clash).
  func add(_ emails: [String], of holder: Holder) {
    for email in emails {
      let key = hash(email)
      let i = Int(key % UInt64(parts.count))
      pthread_mutex_lock(locks + i)
      defer { pthread_mutex_unlock(locks + i) }
      guard let first = parts[i].first[key] else {
        parts[i].first[key] = (email, holder)
        continue
      }
      if first.email == email {
        parts[i].shared[email, default: [first.holder]].append(holder)
      } else if let earlier = parts[i].firstByText[email] {
        parts[i].shared[email, default: [earlier]].append(holder)
      } else {
        parts[i].firstByText[email] = holder
      }
    }
  }

  /// Each address more than one contact has: the contact with the smallest id has it, and
  /// each other one a problem that names it. In the order of the contacts' ids, and of a
  /// contact's addresses.
  func clashes() -> [CRMError] {
    var found: [(holder: Holder, email: String, owner: Holder)] = []
    for i in parts.indices {
      pthread_mutex_lock(locks + i)
      defer { pthread_mutex_unlock(locks + i) }
      for (email, holders) in parts[i].shared {
        let holders = holders.sorted { $0.id < $1.id }
        for holder in holders.dropFirst() { found.append((holder, email, holders[0])) }
      }
    }
    found.sort { ($0.holder.id, $0.email) < ($1.holder.id, $1.email) }
    return found.map {
      CRMError(.data, "email '\($0.email)' is also on \($0.owner.path)", at: SourceLocation(path: $0.holder.path, mark: $0.holder.mark))
    }
  }
}
