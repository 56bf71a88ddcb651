extension RecordSpec {
  /// Something to do, often a follow-up: `tasks/send-the-proposal.md`.
  static let task = RecordSpec(
    name: "task", folder: "tasks", ids: .slug(of: "title"),
    fields: [
      FieldSpec("id", .text), FieldSpec("title", .line, required: true), FieldSpec("due", .date),
      FieldSpec("contact", .reference(.contact)), FieldSpec("deal", .reference(.deal)),
      FieldSpec("status", .choice(["open", "done"])), FieldSpec("done_at", .timestamp),
      FieldSpec("priority", .choice(["high", "normal", "low"])),
      // The automation rule that added it (`automation:` in the config).
      FieldSpec("automation", .text),
    ] + stamps,
    titleKey: "title", defaults: [Field("status", .string("open"))],
    columns: ["id", "title", "due", "priority", "status", "contact", "deal"],
    summary: { task in
      .string([task["status"]?.text(), task["due"].map { "due " + $0.text() }].compactMap { $0 }.joined(separator: "  "))
    },
    listOrder: Agenda.dueFirst,
    timelineEvents: { task in
      func time(_ key: String) -> Timestamp? {
        if case .timestamp(let t)? = task[key] { return t }
        return nil
      }
      if task["status"]?.string == "done", let done = time("done_at") ?? time("updated") {
        return [Timeline.Event(at: done, record: task, what: "task done", summary: task.title)]
      }
      guard let created = time("created") else { return [] }
      let due = task["due"].map { " (due \($0.text()))" } ?? ""
      return [Timeline.Event(at: created, record: task, what: "task added", summary: task.title + due)]
    }
  )
}
