import ArgumentParser
import CRMKit

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, ndjson, csv, tsv, yaml, ids
}

/// `--format`, `--fields`, `--sort`, `--limit`: the same on every list and show.
struct OutputOptions: ParsableArguments {
  @Option(help: "Output format: table (for people), json, ndjson, csv, tsv, yaml or ids.")
  var format: OutputFormat = .table

  @Option(help: ArgumentHelp("Comma-separated fields to show, e.g. name,emails,company.", valueName: "a,b,c"))
  var fields: String?

  @Option(parsing: .unconditional, help: ArgumentHelp("Sort by fields, '-' for descending: --sort -updated,name.", valueName: "f,-g"))
  var sort: String?

  @Option(help: ArgumentHelp("Show at most N records.", valueName: "N"))
  var limit: Int?

  func validate() throws {
    if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more, not '\(limit)'") }
  }

  var fieldList: [String]? {
    fields.map { $0.split(separator: ",").map { String($0).trimmingSpaces } }
  }

  /// Sorts, then limits. Records come sorted by id, so ties keep id order.
  func arrange(_ records: [Record], type: RecordType, known: Set<String>) throws(CRMError) -> [Record] {
    var result = records
    if let sort {
      let keys = sort.split(separator: ",").map { String($0).trimmingSpaces }
      for key in keys {
        let name = type.canonicalKey(key.hasPrefix("-") ? String(key.dropFirst()) : key)
        guard known.contains(name) else {
          throw CRMError(.usage, "unknown field '\(name)' in --sort", hint: "\(type.rawValue) fields: \(known.sorted().joined(separator: ", "))")
        }
      }
      result.sort { a, b in
        for key in keys {
          let descending = key.hasPrefix("-")
          let name = type.canonicalKey(descending ? String(key.dropFirst()) : key)
          guard let ascending = ValueOrder.ascending(a[name], b[name]) else { continue }
          let aMissing = !(a[name]?.isPresent ?? false)
          let bMissing = !(b[name]?.isPresent ?? false)
          if aMissing != bMissing { return bMissing }  // missing values last either way
          return descending ? !ascending : ascending
        }
        return false
      }
    } else if let order = type.spec.listOrder {
      result.sort(by: order)
    }
    if let limit { result = Array(result.prefix(limit)) }
    return result
  }
}
