import ArgumentParser
import CRMKit

/// `crm lead`: contacts with status lead, from the form that brought them to the deal.
struct LeadCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lead",
    abstract: "Capture, list, score, assign and convert leads (contacts with status lead).",
    discussion: """
      A lead is a contact with status: lead, in contacts/ like any other: it keeps its id and history when 'lead convert' makes it a prospect or customer. Its score, owner and source are fields of its file, so every filter and sort takes them ('score>=40' --sort -score). The settings are 'leads:', 'scoring:' and 'forms:' in .crm/config.yaml.
      """,
    subcommands: [LeadCapture.self, LeadList.self, LeadScore.self, LeadAssign.self, LeadConvert.self])

  /// Read by the subcommand (see CommandLineWords.prepare); here for help and completion.
  @OptionGroup var store: StoreOptions
}

struct LeadList: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List the leads, newest first, with their score and owner.",
    discussion: """
      The same as 'crm contact list status:lead' with the filter given, sorted by -created, with the columns id, name, emails, company, score, owner, source and created unless --sort or --fields say otherwise.

      Examples:
        crm lead list owner:maria 'score>=40'
        crm lead list 'created>-7d' --format csv
      """)

  @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Filter terms (see 'crm help filters'), e.g. owner:maria 'score>=40'.", valueName: "filter"))
  var filter: [String] = []

  @OptionGroup var output: OutputOptions
  @OptionGroup var store: StoreOptions

  static let columns = "id,name,emails,company,score,owner,source,created"

  func run() throws {
    var output = output
    output.sort = output.sort ?? "-created"
    if output.fields == nil, [.table, .csv, .tsv].contains(output.format) { output.fields = Self.columns }
    try RecordListing.run(
      .contact, filter: CommandLineWords.filterWords(filter), preset: ["status:lead"], output: output, session: Session(store))
  }
}

struct LeadScore: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score",
    abstract: "Work out leads' scores from the scoring rules, and write the ones that changed.",
    discussion: """
      A score is the points of every rule under 'scoring: rules:' whose filter the contact matches, plus the decay: its points for a contact nobody was in touch with for 'after' days (since the last activity, else since it was added), and again for every 'per' days more. The score is kept in the contact's file, so filters and sorts read it without the activities; only the 'score:' (and 'updated:') lines of the contacts whose score changed are rewritten, in one commit. Run it from cron to keep the decay current.

      Without WHO it scores every lead; --explain prints each rule that counted, its points and the total.

      Example:
        crm lead score --explain jane-doe
      """)

  @Argument(help: ArgumentHelp("The contacts (default: every lead): ids, id prefixes, emails or exact names.", valueName: "who"), completion: IDCompletion.ids(.contact))
  var who: [String] = []

  @Flag(help: "Print the rules that counted, with their points and the total, for each contact.")
  var explain = false

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    guard let scoring = try LeadScoring(session.repo.config.scoring, clock: session.clock) else {
      throw CRMError(
        .usage, "there are no scoring rules in .crm/config.yaml",
        hint: "add some, e.g. scoring: {rules: [{if: \"source:referral\", points: 25}], decay: {after: 30d, per: 30d, points: -5}}")
    }
    var report = ""
    var changed: [String] = []
    var scored = 0
    try session.write(loading: [.contact, .activity]) { loaded throws(CRMError) in
      let index = loaded.index
      for problem in loaded.problems where problem.location?.path.hasPrefix(RecordType.contact.folder + "/") ?? false {
        Terminal.warn(problem.description + " (not scored)")
      }
      var contacts: [Record] = []
      for who in self.who { contacts.append(try Session.resolve(who, as: .contact, in: loaded)) }
      if who.isEmpty { contacts = index[.contact].filter { $0["status"]?.string == "lead" } }
      var paths: [String] = []
      var seen: Set<String> = []
      for contact in contacts where seen.insert(contact.id).inserted {
        let score = scoring.score(contact)
        scored += 1
        if explain {
          report += "\(contact.id): \(score.total)\n"
          report += score.reasons.map { "  \($0.points >= 0 ? "+" : "")\($0.points)  \($0.rule)\n" }.joined()
        }
        guard contact["score"] != .integer(score.total) else { continue }
        if try session.repo.update(contact, [.set("score", .integer(score.total))], clock: session.clock) != nil {
          paths.append(contact.path)
          let before = contact["score"].map { $0.text() } ?? "none"
          changed.append("\(contact.id): \(before) -> \(score.total)")
        }
      }
      return (paths, "lead score: \(paths.count) changed" + (paths.isEmpty ? "" : "\n\n" + changed.map { $0 + "\n" }.joined()))
    }
    Terminal.write(explain ? report : changed.map { $0 + "\n" }.joined())
    Terminal.message("scored \(scored) \(scored == 1 ? "contact" : "contacts"), \(changed.count) changed")
  }
}

struct LeadAssign: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "assign",
    abstract: "Give leads an owner: the one named, or the one 'leads: assign:' picks.",
    discussion: """
      Without --to the owner is the first of 'leads: rules:' whose filter the lead matches (with assign: rules), else the one of 'leads: owners:' with the fewest leads now, in the order listed (round-robin). The count is worked out from the contacts each time, so every clone picks the same owner and no counter file conflicts on merge.

      Examples:
        crm lead assign jane-doe --to maria
        crm lead assign $(crm lead list -has:owner --format ids)
      """)

  @Argument(help: ArgumentHelp("The leads: ids, id prefixes, emails or exact names.", valueName: "who"), completion: IDCompletion.ids(.contact))
  var who: [String]

  @Option(help: ArgumentHelp("The owner to give them.", valueName: "owner"))
  var to: String?

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    if let to, to.trimmingSpaces.isEmpty || Scalars.hasControlCharacters(to) {
      throw CRMError(.usage, "--to must name an owner, not '\(to.inOneLine)'")
    }
    let assignment = try LeadAssignment(session.repo.config.leads, clock: session.clock)
    guard to != nil || session.repo.config.leads.assign != .none else {
      throw CRMError(
        .usage, "no owner to give: name one with --to, or set 'leads: assign:' in .crm/config.yaml",
        hint: "e.g. leads: {assign: round-robin, owners: [maria, tom]}")
    }
    var lines: [String] = []
    try session.write(loading: [.contact]) { loaded throws(CRMError) in
      var contacts = loaded.index[.contact]
      var paths: [String] = []
      for who in self.who {
        let lead = try Session.resolve(who, as: .contact, in: loaded)
        guard let owner = to ?? assignment.owner(for: lead, among: contacts) else {
          throw CRMError(.failed, "no rule of 'leads: rules:' matches \(lead.id), and there are no 'leads: owners:'", hint: "name the owner with --to")
        }
        guard let updated = try session.repo.update(lead, [.set("owner", .string(owner))], clock: session.clock) else {
          lines.append("\(lead.id): \(owner) already")
          continue
        }
        // The next lead's turn counts this one.
        if let i = contacts.firstIndex(where: { $0.id == lead.id }) { contacts[i] = updated }
        paths.append(lead.path)
        lines.append("\(lead.id): \(owner)")
      }
      return (paths, "lead assign: " + lines.joined(separator: ", "))
    }
    Terminal.write(lines.map { $0 + "\n" }.joined())
  }
}

struct LeadConvert: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "Make a lead a prospect (or customer), optionally with a deal.",
    discussion: """
      Sets status (default: prospect) and converted_at, which 'crm report leads' counts; the contact keeps its id, activities and history. --deal adds a deal for the contact and its company, in --stage (default: the pipeline's first), and prints its id.

      Example:
        crm lead convert jane-doe --deal "Website relaunch" --value 12000
      """)

  @Argument(help: ArgumentHelp("The lead: id, id prefix, email or exact name.", valueName: "who"), completion: IDCompletion.ids(.contact))
  var who: String

  @Option(help: ArgumentHelp("prospect or customer.", valueName: "status"))
  var status = "prospect"

  @Option(parsing: .unconditional, help: ArgumentHelp("Also add a deal with this title.", valueName: "title"))
  var deal: String?

  @Option(parsing: .unconditional, help: ArgumentHelp("The deal's amount, e.g. 12000 (needs --deal).", valueName: "amount"))
  var value: String?

  @Option(help: ArgumentHelp("The deal's stage (needs --deal; default: the first).", valueName: "stage"), completion: IDCompletion.stages)
  var stage: String?

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    guard ["prospect", "customer"].contains(status) else {
      throw CRMError(.usage, "--status must be prospect or customer, not '\(status)'")
    }
    if deal == nil, value != nil || stage != nil { throw CRMError(.usage, "--value and --stage are the deal's: give --deal TITLE too") }
    if let deal, deal.trimmingSpaces.isEmpty { throw CRMError(.usage, "the deal's title is empty") }
    let valueField = try FieldArguments.value(value, "value", .deal, clock: session.clock)
    // The deal's stage is checked before anything is written.
    let newDeal = try deal.map { _ throws(CRMError) in try Pipeline(session.repo.config).newDeal(startingIn: stage, at: session.clock.now) }
    let lead = try session.record(who, as: .contact)
    var dealID: String?
    try session.write { () throws(CRMError) in
      var paths: [String] = []
      guard
        let updated = try session.repo.update(lead, clock: session.clock, { current throws(CRMError) in
          guard current["status"]?.string == "lead" else {
            throw CRMError(
              .failed, "\(current.id) is not a lead (status: \(current["status"]?.text() ?? "none"))",
              hint: "only leads are converted; 'crm contact edit \(current.id) --set status=…' changes any contact's status")
          }
          return [.set("status", .string(status)), .set("converted_at", .timestamp(session.clock.now))]
        })
      else { return ([], "") }
      paths.append(lead.path)
      if let deal, let (start, after) = newDeal {
        var fields = [Field("title", .string(deal.trimmingSpaces)), start, Field("contacts", .list([.string(lead.id)]))]
        if let company = updated["company"] { fields.append(Field("company", company)) }
        if let valueField { fields.append(valueField) }
        if let owner = updated["owner"] { fields.append(Field("owner", owner)) }
        let id = session.repo.newID(for: .deal, name: deal)
        paths.append(try session.repo.create(.deal, id: id, fields: fields + after, body: "", clock: session.clock).path)
        dealID = id
      }
      return (paths, "lead convert \(lead.id): \(status)" + (dealID.map { ", deal \($0)" } ?? ""))
    }
    Terminal.message("converted \(lead.id): lead -> \(status)")
    if let dealID { Terminal.output(dealID) }
  }
}
