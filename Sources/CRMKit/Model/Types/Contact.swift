extension RecordSpec {
  /// A person: `contacts/jane-doe.md`.
  static let contact = RecordSpec(
    name: "contact", folder: "contacts", ids: .slug(of: "name"),
    fields: [
      FieldSpec("id", .text), FieldSpec("name", .line, required: true), FieldSpec("emails", .emails),
      FieldSpec("phones", .strings), FieldSpec("company", .reference(.company)), FieldSpec("title", .text),
      FieldSpec("tags", .strings), FieldSpec("source", .text),
      FieldSpec("status", .choice(["lead", "prospect", "customer", "former"])), FieldSpec("owner", .text),
      FieldSpec("score", .integer(-1_000_000...1_000_000)), FieldSpec("unsubscribed", .boolean),
      // When `crm lead convert` made the lead a prospect or customer.
      FieldSpec("converted_at", .timestamp),
      // Derived from activities, never stored (see `derivation`); typed here so filters compare them.
      FieldSpec("last_contacted", .timestamp), FieldSpec("activity_count", .integer(0...Int.max)),
    ] + stamps,
    titleKey: "name",
    aliases: ["activities": "activity_count"],
    columns: ["id", "name", "emails", "company", "status", "tags"],
    summary: { $0["emails"] ?? .null },
    outlineKeys: ["emails"],
    identifiedByEmail: true, isCustomer: true,
    // Worked out, not stored, so that logging a call never edits the contact's file.
    derivation: Derivation(keys: ["last_contacted", "activity_count"], sources: [.activity]) { contact, context in
      guard let contacted = context.contacted else { return nil }
      let (last, count) = contacted[contact.id] ?? (nil, 0)
      return (last.map { [Field("last_contacted", .timestamp($0))] } ?? []) + [Field("activity_count", .integer(count))]
    }
  )
}
