import ArgumentParser
import CRMKit

struct LeadCapture: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "capture",
    abstract: "Capture one web form submission from stdin as a lead, and print its contact's id.",
    discussion: """
      The submission is a flat JSON object or form data (name=Jane+Doe&email=…), at most 64 KiB. Its name, email, phone, company, title and message (and the usual other spellings of those) become the contact's; utm_source or source its source (default: the form's name); any other key is kept on the contact under its own name, lower_snake_case (one crm manages, like status or owner, under form_NAME).

      A contact with the same email (any of theirs, any case), or else the same phone number, is not added again: the submission is logged on it, its empty fields are filled in and nothing it has is changed. A new contact is a lead (status: lead) with the owner and score the 'leads:' and 'scoring:' settings give. Every capture logs a 'form' activity with the message and every key sent.

      A submission with the form's honeypot field filled in is dropped (exit 0, a note on stderr); one sent again (the same submission_id, or the same keys and values within a minute) is not logged twice. --map FIELD=KEY and 'forms: NAME: map:' in .crm/config.yaml say which form key fills which contact field.

      Examples:
        curl -s https://forms.example/latest | crm lead capture --form website
        echo 'name=Li+Wei&mail_to=li@wei.example' | crm lead capture \\
          --map email=mail_to
      """)

  @Option(help: ArgumentHelp("The form's name: its settings under 'forms:', and the lead's default source.", valueName: "name"))
  var form: String?

  @Option(help: ArgumentHelp("Fill the contact's FIELD from the form's KEY, e.g. --map name=full_name (repeatable).", valueName: "field=key"))
  var map: [String] = []

  @Flag(help: "Print the files it would write, and write nothing.")
  var dryRun = false

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    let config = session.repo.config
    if let form, !RecordID.isValid(form) {
      throw CRMError(.usage, "--form must be a name like website (lowercase letters, digits, dashes), not '\(form)'")
    }
    var mapped: [String: String] = [:]
    for pair in map {
      guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex, pair.index(after: eq) != pair.endIndex else {
        throw CRMError(.usage, "--map needs FIELD=KEY, not '\(pair)'", hint: "e.g. --map name=full_name")
      }
      let field = String(pair[..<eq])
      try CapturedLead.checkMapTarget(field)
      mapped[field] = String(pair[pair.index(after: eq)...])
    }
    guard !Environment.stdinIsTerminal else {
      throw CRMError(.usage, "lead capture reads one submission on stdin", hint: "e.g. curl -s URL | crm lead capture --form website")
    }
    let submission = try FormSubmission(bytes: LogOptions.readInput("-", flag: "stdin"))
    let lead = try CapturedLead(submission, form: form, config: form.flatMap { config.forms[$0] } ?? FormConfig(), leads: config.leads, map: mapped)
    if let honeypot = lead.honeypot {
      Terminal.message("note: the '\(honeypot)' field is filled in, as only a bot does: the submission is dropped")
      return
    }
    let types: Set<RecordType> = [.contact, .company, .activity]
    if dryRun {
      let loaded = session.load(types)
      if let earlier = lead.repeated(in: loaded.index[.activity], at: session.clock.now) { return noteRepeat(earlier) }
      let plan = try LeadCapturePlan.plan(
        lead, in: loaded.index, config: config, clock: session.clock,
        newID: { type, name in session.repo.newID(for: type, name: name) })
      Terminal.write(try preview(plan, index: loaded.index, session: session))
      return
    }
    var id = ""
    try session.write(loading: types) { loaded throws(CRMError) in
      // The submission is kept all the same: a lead is never lost to someone else's bad file.
      for problem in loaded.problems where problem.location?.path.hasPrefix(RecordType.contact.folder + "/") ?? false {
        Terminal.warn(problem.description + " (not checked for the same person)")
      }
      if let earlier = lead.repeated(in: loaded.index[.activity], at: session.clock.now) {
        noteRepeat(earlier)
        id = earlier["contacts"]?.items.first?.string ?? ""
        return ([], "")
      }
      let plan = try LeadCapturePlan.plan(
        lead, in: loaded.index, config: config, clock: session.clock,
        newID: { type, name in session.repo.newID(for: type, name: name) })
      id = plan.contactID
      var paths: [String] = []
      if let company = plan.newCompany {
        paths.append(try session.repo.create(.company, id: company.id, fields: company.fields, body: "", clock: session.clock).path)
      }
      if let fields = plan.newContact {
        paths.append(try session.repo.create(.contact, id: plan.contactID, fields: fields, body: "", clock: session.clock).path)
      } else if let contact = loaded.index.record(.contact, id: plan.contactID) {
        if try session.repo.update(contact, plan.changes, clock: session.clock) != nil { paths.append(contact.path) }
      }
      let at = session.clock.now
      let activityID = try session.repo.newActivityID(at: at, kind: "form", about: plan.contactID)
      paths.append(
        try session.repo.create(.activity, id: activityID, fields: plan.activity, body: plan.activityBody, clock: session.clock, month: at.date)
          .path)
      return (paths, "lead capture \(plan.contactID) (\(form ?? "form"))")
    }
    Terminal.output(id)
  }

  private func noteRepeat(_ earlier: Record) {
    let who = earlier["contacts"]?.items.first?.string ?? ""
    Terminal.message("note: this submission was captured already, as \(earlier.id): not logged again")
    if !dryRun { return }
    Terminal.output(who)
  }

  /// What the capture would write, file by file.
  private func preview(_ plan: LeadCapturePlan, index: RecordIndex, session: Session) throws(CRMError) -> String {
    let clock = session.clock
    var text = ""
    func file(_ type: RecordType, _ id: String, _ fields: [Field], _ body: String, month: CalendarDate? = nil) {
      text += "would create \(session.repo.path(of: type, id: id, month: month)):\n"
      text += String(decoding: Repository.newFile(type, id: id, fields: fields, body: body, clock: clock), as: UTF8.self) + "\n"
    }
    if let company = plan.newCompany { file(.company, company.id, company.fields, "") }
    if let fields = plan.newContact {
      file(.contact, plan.contactID, fields, "")
    } else if let contact = index.record(.contact, id: plan.contactID) {
      let sets = plan.changes.map { change -> String in
        switch change {
        case .set(let key, let value): return "  \(key): \(value.text())\n"
        case .add(let key, let value): return "  \(key): + \(value.text())\n"
        default: return ""
        }
      }
      text += sets.isEmpty ? "would log on \(contact.path), changing nothing in it\n\n" : "would change \(contact.path):\n" + sets.joined() + "\n"
    }
    let at = clock.now
    // The clone's id (in .crm/local, never committed) is made if this is its first activity.
    file(.activity, try session.repo.newActivityID(at: at, kind: "form", about: plan.contactID), plan.activity, plan.activityBody, month: at.date)
    return text
  }
}
