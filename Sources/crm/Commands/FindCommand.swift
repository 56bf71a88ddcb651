import ArgumentParser
import CRMKit

struct FindCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "find",
    abstract: "Find records of every type whose names, emails, fields or notes contain TEXT.",
    discussion: """
      Matching ignores case and accents (muller finds Müller).

      Example:
        crm find lisbon
        crm find acme.example --format ids
      """)

  @Argument(help: "The text to look for.")
  var text: String

  @Option(help: "Output format: table, json, ndjson, csv, tsv, yaml or ids.")
  var format: OutputFormat = .table

  @Option(help: ArgumentHelp("Show at most N matches.", valueName: "N"))
  var limit: Int?

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    guard !text.trimmingSpaces.isEmpty else { throw CRMError(.usage, "find needs some text to look for") }
    let loaded = session.load(Set(RecordType.allCases))
    var matches = Search.find(text, in: loaded.index)
    if let limit { matches = Array(matches.prefix(max(0, limit))) }
    let rows = matches.map { [Value.string($0.record.type.rawValue), .string($0.record.id), .string($0.record.title), .string($0.field)] }
    switch format {
    case .ids:
      Terminal.write(matches.map { $0.record.id + "\n" }.joined())
    case .json, .ndjson, .yaml:
      let objects = matches.map { m in
        [("type", Value.string(m.record.type.rawValue)), ("id", .string(m.record.id)), ("title", .string(m.record.title)), ("field", .string(m.field))]
      }
      if format == .yaml {
        Terminal.write(YAMLRendering.list(objects))
      } else if format == .ndjson {
        Terminal.write(objects.map { JSON.object($0) + "\n" }.joined())
      } else {
        Terminal.output("[" + objects.map(JSON.object).joined(separator: ",\n") + "]")
      }
    default:
      if !matches.isEmpty || format != .table {
        Terminal.write(Table(columns: ["type", "id", "title", "field"], rows: rows).render(format))
      }
    }
    try Session.finish(loaded.problems)
  }
}
