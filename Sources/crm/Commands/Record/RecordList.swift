import ArgumentParser
import CRMKit

struct RecordList<Noun: RecordNoun>: ParsableCommand {
  static var configuration: CommandConfiguration {
    let type = Noun.type
    return CommandConfiguration(
      commandName: "list",
      abstract: "List \(type.folder), filtered, sorted and formatted.",
      discussion: """
        Filter terms are ANDed; 'or', 'not' or a leading '-', and parentheses combine them:

          field:value[,value]  field>N  field<=DATE  field~text  has:field

        Dates take YYYY-MM-DD, today, tomorrow, monday, next friday, +3d, -2w, in 3 days or next week; times take 2026-11-18T10:00 (local) or 2026-11-18T10:00+01:00. 'crm help filters' describes the whole filter language.

        Examples:
          crm \(type.rawValue) list tag:vip
          crm \(type.rawValue) list name~an --sort -updated --limit 5
          crm \(type.rawValue) list 'updated>-30d' --format tsv --fields id,name
        """)
  }

  @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Filter terms (see 'crm help filters'), e.g. tag:vip 'score>=40' -has:phone.", valueName: "filter"))
  var filter: [String] = []

  @OptionGroup var output: OutputOptions
  @OptionGroup var store: StoreOptions

  func run() throws {
    try RecordListing.run(Noun.type, filter: CommandLineWords.filterWords(filter), output: output, session: Session(store))
  }
}

/// Listing the records of a type that pass a filter: `crm TYPE list` and the lists made on it.
enum RecordListing {
  /// Prints the records of `type` that pass `filter` (words without `--`), as `output` asks;
  /// `preset` words are ANDed before them.
  static func run(_ type: RecordType, filter: [String], preset: [String] = [], output: OutputOptions, session: Session) throws {
    // Derived values (a contact's last_contacted) need other types loaded: only when asked for.
    let asked = filter + [output.fields ?? "", output.sort ?? ""]
    let needsDerived = [.json, .ndjson, .yaml].contains(output.format)
      || Derived.names(of: type).contains { key in asked.contains { $0.contains(key) } }
    let loaded = session.load(Set([type]).union(needsDerived ? Derived.sources(of: type) : []))
    let all = loaded.index[type]
    let records = try KnownFields.trying(type, all) { known throws(CRMError) in
      var query = try Query.parse(filter, type: type, fields: known, clock: session.clock)
      if !preset.isEmpty {
        // The user's words in parentheses, so an 'or' among them stays inside the preset.
        let words = filter.isEmpty ? preset : preset + ["("] + filter + [")"]
        query = try Query.parse(words, type: type, fields: known, clock: session.clock)
      }
      try checkFields(output.fieldList, known: known, type: type)
      return try output.arrange(all.filter(query.matches), type: type, known: known)
    }
    Terminal.write(RecordRenderer.render(records, format: output.format, fields: output.fieldList, type: type))
    try Session.finish(loaded.problems)
  }
}

/// The fields a command may name: first only those every record of the type may have (its
/// schema, derived and built-in keys), which is nearly always enough; only when a name is not
/// among them, also every key the records have, as finding those means reading every field
/// of every record.
enum KnownFields {
  static func trying<T>(_ type: RecordType, _ records: [Record], _ body: (Set<String>) throws(CRMError) -> T) throws(CRMError) -> T {
    do {
      return try body(Query.fields(of: type, in: []))
    } catch where error.kind == .usage {
      return try body(Query.fields(of: type, in: records))
    }
  }
}

func checkFields(_ fields: [String]?, known: Set<String>, type: RecordType) throws(CRMError) {
  for field in fields ?? [] where !known.contains(type.canonicalKey(field)) {
    throw CRMError(.usage, "unknown field '\(field)' in --fields", hint: "\(type.rawValue) fields: \(known.sorted().joined(separator: ", "))")
  }
}
