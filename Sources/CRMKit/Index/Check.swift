/// `crm check`: every problem in the repo, like `git fsck`.
public enum Check {
  /// Checks every record of `repo`, through records' outlines. With the cache, a repo whose
  /// files all have the stamps of the last check gets that check's result without a record
  /// being read (`CheckCache`); otherwise the records are loaded, and cached for the commands
  /// after. Without the cache, each record is checked as it is parsed and not kept.
  /// `keep` is given what the check made that a caller about to exit keeps rather than
  /// frees (freeing 100k records, paths or addresses one by one is a few percent of a run):
  /// the load, or without the cache the listing, the id sets and the addresses.
  public static func run(_ repo: Repository, keep: (any Sendable) -> Void = { _ in }) -> (problems: [CRMError], records: Int) {
    let types = Set(RecordType.allCases)
    guard repo.cacheEnabled else {
      let listing = repo.list(types)
      let known = known(listing.records)
      let book = AddressBook()
      let scanned = repo.scan(listing, projection: .outline) { problems($0, known, book) }
      keep((listing, known, book))
      return result(scanned.problems + scanned.found.joined(), leftovers: listing.leftovers, book: book, records: scanned.records)
    }
    var surveyed: Repository.Survey?
    if FileSystem.exists(CheckCache.path(repo.root)) {
      let survey = repo.survey(types)
      if let key = CheckCache.key(repo.root, survey), let saved = CheckCache.lookup(repo.root, key: key) { return saved }
      surveyed = survey
    }
    let loaded = repo.load(types, projection: .outline, surveyed: surveyed)
    keep(loaded)
    let result = run(loaded)
    if let survey = loaded.surveyed, let key = CheckCache.key(repo.root, survey) {
      CheckCache.write(repo.root, key: key, result)
    }
    return result
  }

  /// Every problem of a load of all record types, sorted by path and position, plus the
  /// number of records that loaded.
  public static func run(_ loaded: Repository.Loaded) -> (problems: [CRMError], records: Int) {
    // The listed files, readable or not; without a listing, the records that loaded.
    let files = loaded.surveyed?.listing.records ?? RecordType.allCases.flatMap { type in loaded.index[type].map { (type, $0.path) } }
    let known = known(files)
    let book = AddressBook()
    // Each record's own checks are independent: spread them over the cores.
    let all = RecordType.allCases.flatMap { loaded.index[$0] }
    let found = Slots<[CRMError]>.map(all.count, chunk: 256) { i in problems(all[i], known, book) }
    return result(loaded.problems + found.values.compactMap { $0 }.joined(), leftovers: loaded.leftovers, book: book, records: all.count)
  }

  /// The ids references may name, indexed by `RecordType.ordinal`: those of every listed file
  /// of a type some reference points at (not activities, 60% of a repo), whether or not it
  /// loaded, as a record's id is its file's name. Sets of ids, not tables of records: the
  /// lookups need no record. Indexed, because hashing the type for every reference shows in
  /// profiles.
  private static func known(_ files: [(type: RecordType, path: String)]) -> [Set<String>?] {
    let targets = Array(Set(RecordType.allCases.flatMap { $0.referenceFields.map(\.target) }))
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

  /// A record's own problems (nil when none); a contact's addresses go into `book`.
  private static func problems(_ record: Record, _ known: [Set<String>?], _ book: AddressBook) -> [CRMError]? {
    if record.type.spec.identifiedByEmail {
      // Sorted, once each: an address repeated on one contact is no clash. In place.
      var emails = record.emails
      emails.sort()
      var kept = 0
      for i in emails.indices where kept == 0 || emails[i] != emails[kept - 1] {
        emails[kept] = emails[i]
        kept += 1
      }
      emails.removeLast(emails.count - kept)
      if !emails.isEmpty {
        book.add(emails, of: AddressBook.Holder(id: record.id, path: record.path, mark: record.fields.first { $0.key == "emails" }?.mark))
      }
    }
    let problems = ownProblems(record, known)
    return problems.isEmpty ? nil : problems
  }

  /// The problems of the files and of each record, and addresses on two contacts, sorted by
  /// path and position.
  private static func result(_ problems: [CRMError], leftovers: [String], book: AddressBook, records: Int)
    -> (problems: [CRMError], records: Int)
  {
    var problems = problems
    for path in leftovers {
      problems.append(CRMError(.data, "leftover temporary file from an interrupted write; crm check --fix removes it", at: SourceLocation(path: path)))
    }
    problems += book.clashes()
    return (problems.sorted(by: order), records)
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
    for cut in record.commentCuts {
      problems.append(
        CRMError(
          .data, "'\(cut.key)' ends at ' #': YAML reads the rest of the line as a comment; quote the value",
          at: SourceLocation(path: record.path, mark: cut.mark)))
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
