extension RecordSpec {
  /// A customer's support request: `tickets/cannot-log-in.md`.
  static let ticket = RecordSpec(
    name: "ticket", folder: "tickets", ids: .timestamped,
    fields: [
      FieldSpec("id", .text), FieldSpec("title", .line, required: true), FieldSpec("contact", .reference(.contact)),
      FieldSpec("company", .reference(.company)), FieldSpec("deal", .reference(.deal)),
      FieldSpec("status", .choice(TicketLifecycle.statuses)),
      FieldSpec("priority", .choice(TicketLifecycle.priorities)), FieldSpec("channel", .text), FieldSpec("owner", .text),
      FieldSpec("opened_at", .timestamp), FieldSpec("first_response_at", .timestamp), FieldSpec("resolved_at", .timestamp),
      FieldSpec("closed_at", .timestamp), FieldSpec("reopened", .integer(0...Int.max)), FieldSpec("satisfaction", .integer(1...5)),
      FieldSpec("satisfaction_comment", .text), FieldSpec("message_id", .text), FieldSpec("tags", .strings),
    ] + stamps + [FieldSpec("history", .entries)],
    titleKey: "title",
    defaults: [Field("status", .string("open"))],
    columns: ["id", "title", "status", "priority", "contact", "response_sla", "resolution_sla"],
    summary: { $0["status"] ?? .null },
    listOrder: TicketLifecycle.dueFirst,
    // The history the clocks read, which check reads too.
    outlineKeys: ["history"],
    related: { ticket, index in
      guard let id = ticket["contact"]?.string, let contact = index.record(.contact, id: id) else { return [] }
      return index.referrers(ofEach: [contact])[0].filter { $0.type == .ticket && $0.id != ticket.id }
    },
    problems: { ticket, _ in TicketLifecycle.problems(in: ticket) },
    derivation: Derivation(
      keys: SLAStatus.keys,
      kinds: [
        "sla": .choice(["breached", "running", "paused", "met"]), "sla_due": .timestamp, "response_due": .timestamp,
        "resolution_due": .timestamp,
      ]
    ) { ticket, context in
      guard let sla = context.sla else { return nil }
      return sla.status(of: ticket)?.fields ?? []
    },
    timelineEvents: { ticket in
      func time(_ key: String) -> Timestamp? {
        if case .timestamp(let t)? = ticket[key] { return t }
        return nil
      }
      var events: [Timeline.Event] = []
      if let opened = time("opened_at") ?? time("created") {
        events.append(Timeline.Event(at: opened, record: ticket, what: "ticket opened", summary: ticket.title))
      }
      // Each status move, from the history (whose first entry may be the opening); a ticket
      // without one (written by hand) still shows when it was resolved.
      var moves = SLAInput(ticket: ticket)?.history ?? []
      if moves.first?.status == "open" { moves.removeFirst() }
      if moves.isEmpty, let resolved = time("resolved_at") {
        events.append(Timeline.Event(at: resolved, record: ticket, what: "ticket resolved", summary: ticket.title))
      }
      for move in moves {
        let what = move.status == "open" ? "ticket reopened" : "ticket " + move.status
        events.append(Timeline.Event(at: move.at, record: ticket, what: what, summary: ticket.title))
      }
      return events
    }
  )
}
