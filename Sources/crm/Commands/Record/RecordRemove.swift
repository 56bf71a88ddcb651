import ArgumentParser
import CRMKit

struct RecordRemove<Noun: RecordNoun>: ParsableCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "rm",
      abstract: "Remove a \(Noun.type.rawValue)'s file.",
      discussion: """
        Refuses while other records reference it, unless --force. Asks first on a terminal; scripts must pass --yes.

        Example:
          crm \(Noun.type.rawValue) rm \(Noun.example) --yes
        """)
  }

  @Argument(help: "The record: id, id prefix, email or exact name.", completion: IDCompletion.ids(Noun.type))
  var who: String

  @Flag(name: [.short, .long], help: "Do not ask for confirmation.")
  var yes = false

  @Flag(help: "Remove it even though other records reference it (their references are left dangling), or its file is read-only.")
  var force = false

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    let type = Noun.type
    let loaded = session.load(.outlines(Set(RecordType.allCases)))  // who links to it
    let record = try Session.resolve(who, as: type, in: loaded)
    let force = force
    func refuseIfReferenced(in index: RecordIndex) throws(CRMError) {
      let referrers = index.referrers(ofEach: [record])[0]
      guard !referrers.isEmpty && !force else { return }
      throw CRMError(
        .failed,
        "\(type.rawValue) '\(record.id)' is referenced by \(referrers.count) record\(referrers.count == 1 ? "" : "s"): "
          + referrers.prefix(5).map(\.path).joined(separator: ", ") + (referrers.count > 5 ? ", …" : ""),
        hint: "change those references first, or pass --force to leave them dangling")
    }
    // Before asking; again under the lock.
    try refuseIfReferenced(in: loaded.index)
    try session.repo.checkRemovable(record, force: force)
    if !yes {
      guard Environment.stdinIsTerminal else {
        throw CRMError(.usage, "refusing to remove '\(record.id)' without confirmation", hint: "pass --yes to remove it")
      }
      guard Terminal.confirm("Remove \(type.rawValue) '\(record.id)' (\(record.title))?") else {
        Terminal.message("nothing removed")
        return
      }
    }
    try session.write(loading: Set(RecordType.allCases)) { current throws(CRMError) in
      try refuseIfReferenced(in: current.index)
      try session.repo.delete(record, force: force)
      return ([record.path], "\(type.rawValue) rm \(record.id): \(record.title)")
    }
    Terminal.message("removed \(record.path)")
  }
}
