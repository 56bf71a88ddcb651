extension RecordSpec {
  /// A sale in the pipeline: `deals/acme-website-redesign.md`.
  static let deal = RecordSpec(
    name: "deal", folder: "deals", ids: .slug(of: "title"),
    fields: [
      FieldSpec("id", .text), FieldSpec("title", .line, required: true), FieldSpec("company", .reference(.company)),
      FieldSpec("contacts", .references(.contact)), FieldSpec("stage", .text), FieldSpec("value", .decimal),
      FieldSpec("currency", .text), FieldSpec("probability", .integer(0...100)), FieldSpec("expected_close", .date),
      FieldSpec("closed_at", .timestamp), FieldSpec("lost_reason", .text), FieldSpec("source", .text),
      FieldSpec("owner", .text), FieldSpec("tags", .strings),
    ] + stamps + [FieldSpec("history", .entries)],
    titleKey: "title",
    aliases: ["contact": "contacts"],
    columns: ["id", "title", "company", "stage", "value", "currency", "expected_close"],
    summary: { deal in
      .string(
        [deal["stage"]?.text(), deal["value"].map { $0.text() + " " + (deal["currency"]?.text() ?? "") }].compactMap { $0 }
          .joined(separator: "  "))
    },
    // The stage and its history, which check compares with the pipeline.
    outlineKeys: ["stage", "history"],
    problems: { deal, config in Pipeline(config).problems(in: deal) },
    // The probability and currency the pipeline gives a deal whose file leaves them out.
    derivation: Derivation { deal, context in context.pipeline.derivedFields(of: deal) },
    timelineEvents: { deal in
      let history = Pipeline.history(of: deal)
      if history.isEmpty, case .timestamp(let created)? = deal["created"] {
        return [Timeline.Event(at: created, record: deal, what: "deal added", summary: deal.title)]
      }
      return history.map { change in
        let what = change.from.map { "stage \($0) -> \(change.stage)" } ?? "deal added (\(change.stage))"
        return Timeline.Event(at: change.at, record: deal, what: what, summary: deal.title + (change.note.map { ": " + $0 } ?? ""))
      }
    }
  )
}
