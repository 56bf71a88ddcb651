extension RecordSpec {
  /// An organisation: `companies/acme.md`.
  static let company = RecordSpec(
    name: "company", folder: "companies", ids: .slug(of: "name"),
    fields: [
      FieldSpec("id", .text), FieldSpec("name", .line, required: true), FieldSpec("domain", .text),
      FieldSpec("industry", .text), FieldSpec("size", .text), FieldSpec("tags", .strings),
      // A one-line string or a mapping (street, city, …): both are common, so it is kept as written.
      FieldSpec("address", .any), FieldSpec("owner", .text),
    ] + stamps,
    titleKey: "name",
    columns: ["id", "name", "domain", "industry", "tags"],
    summary: { $0["status"] ?? .null },
    isCustomer: true
  )
}
