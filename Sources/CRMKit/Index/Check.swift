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
    var existing = Set<String>()
    for problem in loaded.problems {
      guard let path = problem.location?.path, let type = RecordType.allCases.first(where: { path.hasPrefix($0.folder + "/") })
      else { continue }
      existing.insert(type.rawValue + "/" + Record.stem(of: path))
    }
    var emailOwners: [String: Record] = [:]
    for type in RecordType.allCases {
      for record in loaded.index[type] {
        problems += referenceProblems(record, loaded.index, existing)
        for field in record.fields where !isSnakeCase(field.key) {
          problems.append(
            CRMError(.data, "key '\(field.key)' is not lower_snake_case", at: SourceLocation(path: record.path, mark: field.mark)))
        }
        guard type == .contact else { continue }
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
    }
    let count = RecordType.allCases.reduce(0) { $0 + loaded.index[$1].count }
    return (problems.sorted(by: order), count)
  }

  private static func referenceProblems(_ record: Record, _ index: RecordIndex, _ existing: Set<String>) -> [CRMError] {
    var problems: [CRMError] = []
    record.forEachReference { field, target, id in
      guard index.record(target, id: id) == nil, !existing.contains(target.rawValue + "/" + id) else { return }
      problems.append(
        CRMError(
          .data, "'\(field.key)' names a \(target.rawValue) that does not exist: '\(id)'",
          at: SourceLocation(path: record.path, mark: field.mark)))
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
