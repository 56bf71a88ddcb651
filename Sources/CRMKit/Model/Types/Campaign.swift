extension RecordSpec {
  /// A mailing to a segment of contacts: `campaigns/november-newsletter.md`.
  static let campaign = RecordSpec(
    name: "campaign", folder: "campaigns", ids: .slug(of: "subject"),
    fields: [
      FieldSpec("id", .text), FieldSpec("subject", .text, required: true), FieldSpec("segment", .text),
      FieldSpec("from", .text), FieldSpec("sent", .entries),
    ] + stamps,
    titleKey: "subject",
    columns: ["id", "subject", "segment"],
    summary: { $0["status"] ?? .null }
  )
}
