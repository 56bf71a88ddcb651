/// `crm check`: every problem in the repo, like `git fsck`.
public enum Check {
  /// Every problem of a load of all record types, sorted by path and position, plus the
  /// number of records that loaded.
  public static func run(_ loaded: Repository.Loaded) -> (problems: [CRMError], records: Int) {
    var problems = loaded.problems
    for path in loaded.leftovers {
      problems.append(CRMError(.data, "leftover temporary file from an interrupted write; remove it", at: SourceLocation(path: path)))
    }
    // Files that exist but did not load still count as existing targets of references.
    let existing = Set(
      loaded.problems.compactMap { problem -> String? in
        guard let path = problem.location?.path, let type = RecordType.allCases.first(where: { path.hasPrefix($0.folder + "/") })
        else { return nil }
        return type.rawValue + "/" + Record.stem(of: path)
      })
    let all = RecordType.allCases.flatMap { loaded.index[$0] }
    let byID = Dictionary(uniqueKeysWithValues: RecordType.allCases.map { ($0, loaded.index.byID($0)) })
    // Each record's own checks are independent: spread them over the cores.
    let found = Slots<[CRMError]>.map(all.count, chunk: 256) { i in
      let problems = ownProblems(all[i], byID, existing)
      return problems.isEmpty ? nil : problems
    }
    for case let mine? in found.values { problems += mine }
    var emailOwners: [String: Record] = [:]
    for record in loaded.index[.contact] {
      for email in Set(record.emails).sorted() {  // an address repeated on one contact is no clash
        if let owner = emailOwners[email] {
          let mark = record.fields.first { $0.key == "emails" }?.mark
          problems.append(
            CRMError(.data, "email '\(email)' is also on \(owner.path)", at: SourceLocation(path: record.path, mark: mark)))
        } else {
          emailOwners[email] = record
        }
      }
    }
    let count = RecordType.allCases.reduce(0) { $0 + loaded.index[$1].count }
    return (problems.sorted(by: order), count)
  }

  /// A record's references to missing records and keys that are not lower_snake_case.
  private static func ownProblems(_ record: Record, _ byID: [RecordType: [String: Record]], _ existing: Set<String>) -> [CRMError] {
    var problems: [CRMError] = []
    record.forEachReference { field, target, id in
      guard byID[target]?[id] == nil, !existing.contains(target.rawValue + "/" + id) else { return }
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
