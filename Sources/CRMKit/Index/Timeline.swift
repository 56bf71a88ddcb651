/// "When a customer calls, show me everything": the activities, tasks, deal stage changes and
/// tickets of a contact, company or deal, newest first.
public enum Timeline {
  public struct Event: Sendable {
    public let at: Timestamp
    public let record: Record
    /// What happened: `call in`, `email out`, `task done`, `stage lead -> qualified`, `ticket opened`…
    public let what: String
    /// One line about it: the subject, the first line of the notes, the title.
    public let summary: String
  }

  /// The records whose events make `subject`'s timeline. A company's include its contacts'
  /// and its deals'; a contact's include the deals and tickets that name it.
  public static func related(to subject: Record, in index: RecordIndex) -> [Record] {
    var related: [Record] = []
    var seen = Set<String>()
    func add(_ record: Record) {
      if seen.insert(record.path).inserted { related.append(record) }
    }
    var subjects = [subject]
    if subject.type == .company {
      subjects += index[.contact].filter { $0["company"]?.string == subject.id }
    }
    for (s, referrers) in zip(subjects, index.referrers(ofEach: subjects)) {
      if s.type == .deal { add(s) }
      for r in referrers where r.type != .contact && r.type != .company { add(r) }
    }
    if subject.type == .company {  // the tasks and activities of the company's deals
      let deals = related.filter { $0.type == .deal }
      for referrers in index.referrers(ofEach: deals) {
        for r in referrers where r.type == .task || r.type == .activity { add(r) }
      }
    }
    return related
  }

  /// The ids that the activities on `subject`'s timeline, or counted in its header, name: its
  /// own, its people's (a company's contacts, a deal's), and a company's deals'. Needs an
  /// index of contacts, companies and deals; the activities to load are those naming one.
  public static func activityNames(for subject: Record, in index: RecordIndex) -> Set<String> {
    var ids: Set<String> = [subject.id]
    switch subject.type {
    case .company:
      let people = index[.contact].filter { $0["company"]?.string == subject.id }
      ids.formUnion(people.map(\.id))
      for referrers in index.referrers(ofEach: [subject] + people) {
        ids.formUnion(referrers.lazy.filter { $0.type == .deal }.map(\.id))
      }
    case .deal:
      ids.formUnion((subject["contacts"]?.items ?? []).compactMap(\.string))
    default: break
    }
    return ids
  }

  /// The events of `records` (whole records: summaries come from bodies), newest first.
  public static func events(_ records: [Record]) -> [Event] {
    records.flatMap(events(of:)).enumerated()
      .sorted { ($0.element.at, $1.offset) > ($1.element.at, $0.offset) }
      .map(\.element)
  }

  /// The events one record contributes, as its type's spec says.
  static func events(of record: Record) -> [Event] { record.type.spec.timelineEvents(record) }

  /// When someone last spoke to each of `contacts`: the newest activity naming them that is
  /// not a note (as `last_contacted`), found in one pass.
  public static func lastContacted(ofEach contacts: [Record], in index: RecordIndex) -> [Timestamp?] {
    index.referrers(ofEach: contacts).map { referrers in
      referrers.lazy.filter { $0.type == .activity }.compactMap(Derived.contactedAt).max()
    }
  }
}
