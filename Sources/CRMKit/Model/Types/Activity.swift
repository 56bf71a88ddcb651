extension RecordSpec {
  /// A call, email, meeting, note or form submission, filed by month: `activities/2026/11/….md`.
  static let activity = RecordSpec(
    name: "activity", folder: "activities", filing: .byMonth, ids: .timestamped,
    fields: [
      FieldSpec("id", .text),
      FieldSpec("kind", .choice(["call", "email", "meeting", "note", "chat", "sms", "social", "form"]), required: true),
      FieldSpec("at", .timestamp, required: true), FieldSpec("contacts", .references(.contact)),
      FieldSpec("company", .reference(.company)), FieldSpec("deal", .reference(.deal)), FieldSpec("ticket", .reference(.ticket)),
      FieldSpec("direction", .choice(["in", "out"])), FieldSpec("duration", .text), FieldSpec("outcome", .text),
      FieldSpec("channel", .text), FieldSpec("subject", .text), FieldSpec("message_id", .text),
      // A web form's submission (`crm lead capture`): which form, and what tells a repeat.
      FieldSpec("form", .text), FieldSpec("submission_id", .text), FieldSpec("submission_hash", .text),
      // The automation rule that logged it.
      FieldSpec("automation", .text),
    ] + stamps,
    titleKey: "kind",
    aliases: ["contact": "contacts"],
    columns: ["id", "kind", "at", "contacts", "outcome"],
    summary: { $0["at"] ?? .null },
    // When and what: enough to tell when someone was last contacted.
    outlineKeys: ["at", "kind"],
    timelineEvents: { activity in
      guard case .timestamp(let at)? = activity["at"] else { return [] }
      let what = [activity["kind"]?.string, activity["direction"]?.string].compactMap { $0 }.joined(separator: " ")
      let firstLine = activity.body.split(separator: "\n").first.map(String.init)?.trimmingSpaces
      return [Timeline.Event(at: at, record: activity, what: what, summary: activity["subject"]?.string ?? firstLine ?? "")]
    }
  )
}
