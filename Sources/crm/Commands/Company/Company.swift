import ArgumentParser
import CRMKit

/// `crm company`: a plain record type.
enum CompanyNoun: PlainRecordNoun {
  static let type = RecordType.company
  static let example = "acme"
  static let addDiscussion = plainAddDiscussion(#"crm company add "Acme Corp" --domain acme.example --industry retail"#)
  static let editDiscussion = plainEditDiscussion("crm company edit acme --industry retail --add-tag key-account")
  typealias AddFlags = CompanyFields
  typealias EditFlags = CompanyFields
}

/// The company flags shared by add and edit.
struct CompanyFields: RecordFieldFlags {
  @Option(help: "Web domain, e.g. acme.example.")
  var domain: String?

  @Option(parsing: .unconditional, help: "Industry, e.g. retail.")
  var industry: String?

  @Option(help: "Head count or band, e.g. 11-50.")
  var size: String?

  @Option(parsing: .unconditional, help: "Postal address.")
  var address: String?

  @Option(help: "Who looks after this company.")
  var owner: String?

  static let namesRecordsOf: Set<RecordType> = []

  func fields(clock: CRMClock, index: RecordIndex) throws(CRMError) -> [Field] {
    var fields: [Field] = []
    for (key, text) in [("domain", domain), ("industry", industry), ("size", size), ("address", address), ("owner", owner)] {
      if let field = try FieldArguments.value(text, key, .company, clock: clock) { fields.append(field) }
    }
    return fields
  }
}
