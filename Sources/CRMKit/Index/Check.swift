/// `crm check`: every problem in the repo, like `git fsck`.
public enum Check {
  /// Checks every record of `repo`, through records' outlines. With the cache, a repo whose
  /// files all have the stamps of the last check gets that check's result without a record
  /// being read (`CheckCache`); otherwise the records are loaded, and cached for the commands
  /// after, and `keep` is given the load. Without the cache, each record is checked as it is
  /// parsed and not kept.
  public static func run(_ repo: Repository, keep: (Repository.Loaded) -> Void = { _ in }) -> (problems: [CRMError], records: Int) {
    let types = Set(RecordType.allCases)
    guard repo.cacheEnabled else {
      let listing = repo.list(types)
      let known = known(listing)
      let scanned = repo.scan(listing, projection: .outline) { finding($0, known) }
      return result(scanned.problems, leftovers: listing.leftovers, findings: scanned.found, records: scanned.records)
    }
    var surveyed: Repository.Survey?
    if FileSystem.exists(CheckCache.path(repo.root)) {
      let survey = repo.survey(types)
      if let key = CheckCache.key(repo.root, survey), let saved = CheckCache.lookup(repo.root, key: key) { return saved }
      surveyed = survey
    }
    let loaded = repo.load(types, derive: false, projection: .outline, surveyed: surveyed)
    keep(loaded)
    let result = run(loaded)
    if let key = CheckCache.key(repo.root, loaded.surveyed) {
      CheckCache.write(repo.root, key: key, result)
    }
    return result
  }

  /// Every problem of a load of all record types, sorted by path and position, plus the
  /// number of records that loaded.
  public static func run(_ loaded: Repository.Loaded) -> (problems: [CRMError], records: Int) {
    let known = known(loaded.surveyed.listing)
    // Each record's own checks are independent: spread them over the cores.
    let all = RecordType.allCases.flatMap { loaded.index[$0] }
    let found = Slots<Finding>.map(all.count, chunk: 256) { i in finding(all[i], known) }
    return result(loaded.problems, leftovers: loaded.leftovers, findings: found.values.compactMap { $0 }, records: all.count)
  }

  /// The ids references may name, indexed by `RecordType.ordinal`: those of every listed file
  /// of a type some reference points at (not activities, 60% of a repo), whether or not it
  /// loaded, as a record's id is its file's name. Sets of ids, not tables of records: the
  /// lookups need no record. Indexed, because hashing the type for every reference shows in
  /// profiles.
  private static func known(_ listing: Repository.Listing) -> [Set<String>?] {
    let targets = Array(Set(RecordType.allCases.flatMap { $0.referenceFields.map(\.target) }))
    let files = listing.records
    let ids = Slots<Set<String>>.map(targets.count, chunk: 1) { i in
      // Sized first: a set grown as it fills rehashes every id at each doubling.
      var ids = Set<String>(minimumCapacity: files.reduce(0) { $1.type == targets[i] ? $0 + 1 : $0 })
      for file in files where file.type == targets[i] { ids.insert(Record.stem(of: file.path)) }
      return ids
    }
    var known = [Set<String>?](repeating: nil, count: RecordType.allCases.count)
    for (i, type) in targets.enumerated() { known[type.ordinal] = ids[i] ?? [] }
    return known
  }

  /// What one record adds to a check: its own problems, and a contact's addresses for the
  /// clash check after.
  private struct Finding: Sendable {
    var problems: [CRMError]
    var addresses: (id: String, path: String, emails: [String], mark: SourceMark?)?
  }

  private static func finding(_ record: Record, _ known: [Set<String>?]) -> Finding? {
    // Sorted, once each: an address repeated on one contact is no clash. In place.
    var emails = record.type == .contact ? record.emails : []
    emails.sort()
    var kept = 0
    for i in emails.indices where kept == 0 || emails[i] != emails[kept - 1] {
      emails[kept] = emails[i]
      kept += 1
    }
    emails.removeLast(emails.count - kept)
    let problems = ownProblems(record, known)
    guard !problems.isEmpty || !emails.isEmpty else { return nil }
    let mark = emails.isEmpty ? nil : record.fields.first { $0.key == "emails" }?.mark
    return Finding(problems: problems, addresses: emails.isEmpty ? nil : (record.id, record.path, emails, mark))
  }

  /// The problems of the files and of each record, and addresses on two contacts, sorted by
  /// path and position. Of two contacts with an address, the one with the later id has the problem.
  private static func result(_ problems: [CRMError], leftovers: [String], findings: [Finding], records: Int)
    -> (problems: [CRMError], records: Int)
  {
    var problems = problems
    for path in leftovers {
      problems.append(CRMError(.data, "leftover temporary file from an interrupted write; remove it", at: SourceLocation(path: path)))
    }
    for finding in findings { problems += finding.problems }
    let contacts = findings.compactMap(\.addresses).sorted { $0.id < $1.id }
    for (i, email, owner) in clashes(contacts.map(\.emails)) {
      let contact = contacts[i]
      problems.append(
        CRMError(.data, "email '\(email)' is also on \(contacts[owner].path)", at: SourceLocation(path: contact.path, mark: contact.mark)))
    }
    return (problems.sorted(by: order), records)
  }

  /// Each address of a contact (given in order) that an earlier contact has, with the first
  /// contact that has it. Found by the address's `hash`: a table of numbers is built and
  /// freed in a fraction of the time of one of strings. The first contact with a hash has
  /// the address unless another address has that hash too; those few go in a table of their own.
  static func clashes(_ contacts: [[String]], hash: (String) -> Int = \.hashValue) -> [(contact: Int, email: String, owner: Int)] {
    var owners: [Int: (contact: Int, email: Int)] = [:]
    var sharedHash: [String: Int] = [:]
    var clashes: [(contact: Int, email: String, owner: Int)] = []
    owners.reserveCapacity(contacts.count * 2)
    for (i, emails) in contacts.enumerated() {
      for (j, email) in emails.enumerated() {
        let key = hash(email)
        guard let first = owners[key] else {
          owners[key] = (i, j)
          continue
        }
        if contacts[first.contact][first.email] == email {
          clashes.append((i, email, first.contact))
        } else if let owner = sharedHash[email] {
          clashes.append((i, email, owner))
        } else {
          sharedHash[email] = i
        }
      }
    }
    return clashes
  }

  /// A record's references to missing records and keys that are not lower_snake_case.
  private static func ownProblems(_ record: Record, _ known: [Set<String>?]) -> [CRMError] {
    var problems: [CRMError] = []
    record.forEachReference { field, target, id in
      guard known[target.ordinal]?.contains(id) != true else { return }
      problems.append(
        CRMError(
          .data, "'\(field.key)' names a \(target.rawValue) that does not exist: '\(id)'",
          at: SourceLocation(path: record.path, mark: field.mark)))
    }
    for field in record.fields where !isSnakeCase(field.key) {
      problems.append(CRMError(.data, "key '\(field.key)' is not lower_snake_case", at: SourceLocation(path: record.path, mark: field.mark)))
    }
    return problems
  }

  static func isSnakeCase(_ key: String) -> Bool {
    var key = key
    return key.withUTF8 { bytes in  // bytes in place: this runs for every key of every record checked
      guard let first = bytes.first, (0x61...0x7A).contains(first) else { return false }
      return bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
    }
  }

  static func order(_ a: CRMError, _ b: CRMError) -> Bool {
    let pa = a.location?.path ?? ""
    let pb = b.location?.path ?? ""
    if pa != pb { return pa < pb }
    return (a.location?.mark ?? SourceMark(line: 0, column: 0)) < (b.location?.mark ?? SourceMark(line: 0, column: 0))
  }
}
