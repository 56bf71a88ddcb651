/// `crm check`: every problem in the repo, like `git fsck`.
public enum Check {
  /// Checks every record of `repo`, through records' outlines. With the cache, a repo whose
  /// files all have the stamps of the last check gets that check's result without a record
  /// being read (`CheckCache`). `keep` is given the load, if there was one.
  public static func run(_ repo: Repository, keep: (Repository.Loaded) -> Void = { _ in }) -> (problems: [CRMError], records: Int) {
    let types = Set(RecordType.allCases)
    var surveyed: Repository.Survey?
    if repo.cacheEnabled, FileSystem.exists(CheckCache.path(repo.root)) {
      let survey = repo.survey(types)
      if let key = CheckCache.key(repo.root, survey), let saved = CheckCache.lookup(repo.root, key: key) { return saved }
      surveyed = survey
    }
    let loaded = repo.load(types, derive: false, projection: .outline, surveyed: surveyed)
    keep(loaded)
    let result = run(loaded)
    if repo.cacheEnabled, let key = CheckCache.key(repo.root, loaded.surveyed) {
      CheckCache.write(repo.root, key: key, result)
    }
    return result
  }

  /// Every problem of a load of all record types, sorted by path and position, plus the
  /// number of records that loaded.
  public static func run(_ loaded: Repository.Loaded) -> (problems: [CRMError], records: Int) {
    var problems = loaded.problems
    for path in loaded.leftovers {
      problems.append(CRMError(.data, "leftover temporary file from an interrupted write; remove it", at: SourceLocation(path: path)))
    }
    // The ids references may name: every record's of a type some reference points at (not
    // activities, 60% of a repo), and those of files that exist but did not load. Sets of
    // ids, not tables of records: the lookups below need no record. They are indexed by
    // `RecordType.ordinal`, because hashing the type for every reference shows in profiles.
    let targets = Array(Set(RecordType.allCases.flatMap { $0.referenceFields.map(\.target) }))
    let ids = Slots<Set<String>>.map(targets.count, chunk: 1) { i in Set(loaded.index[targets[i]].lazy.map(\.id)) }
    var known = [Set<String>?](repeating: nil, count: RecordType.allCases.count)
    for (i, type) in targets.enumerated() { known[type.ordinal] = ids[i] ?? [] }
    for problem in loaded.problems {
      guard let path = problem.location?.path, let type = RecordType.allCases.first(where: { path.hasPrefix($0.folder + "/") }) else { continue }
      known[type.ordinal]?.insert(Record.stem(of: path))
    }
    // Each record's own checks are independent: spread them over the cores. Contacts come
    // first, in id order, and bring their addresses for the clash check after.
    let all = RecordType.allCases.flatMap { loaded.index[$0] }
    let found = Slots<(problems: [CRMError], emails: [String])>.map(all.count, chunk: 256) { [known] i in
      let record = all[i]
      var emails = record.type == .contact ? record.emails : []
      if emails.count > 1 { emails = Array(Set(emails)).sorted() }  // an address repeated on one contact is no clash
      let problems = ownProblems(record, known)
      return problems.isEmpty && emails.isEmpty ? nil : (problems, emails)
    }
    var emailOwners: [String: Record] = [:]
    emailOwners.reserveCapacity(loaded.index[.contact].count * 2)
    for (i, record) in all.enumerated() {
      guard let (mine, emails) = found[i] else { continue }
      problems += mine
      for email in emails {
        if let owner = emailOwners[email] {
          let mark = record.fields.first { $0.key == "emails" }?.mark
          problems.append(
            CRMError(.data, "email '\(email)' is also on \(owner.path)", at: SourceLocation(path: record.path, mark: mark)))
        } else {
          emailOwners[email] = record
        }
      }
    }
    return (problems.sorted(by: order), all.count)
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
    guard let first = key.utf8.first, (0x61...0x7A).contains(first) else { return false }
    return key.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
  }

  static func order(_ a: CRMError, _ b: CRMError) -> Bool {
    let pa = a.location?.path ?? ""
    let pb = b.location?.path ?? ""
    if pa != pb { return pa < pb }
    return (a.location?.mark ?? SourceMark(line: 0, column: 0)) < (b.location?.mark ?? SourceMark(line: 0, column: 0))
  }
}
