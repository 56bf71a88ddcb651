import ArgumentParser
import CRMKit

/// `crm automate`: the `automation:` rules of .crm/config.yaml.
struct AutomateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "automate",
    abstract: "Run, check and review the automation rules in .crm/config.yaml.",
    discussion: """
      A rule with 'on: TYPE.EVENT' (contact.created, deal.stage_changed, task.changed…) acts inside the write that made the change, in the same commit, whose message lists the rules that fired. A rule with 'every: day' and 'for: TYPE' acts when 'crm automate run' runs, e.g. from cron, at most once a day (week, month) on each record. Rules act only through set, tag, untag, task, move, log and notify, and what they write never sets off another rule.

      Example rule:
        automation:
          - name: follow up new leads
            on: contact.created
            if: "status:lead"
            do: [{task: {title: "Call {{name}}", due: +1d}}]
      """,
    subcommands: [AutomateRun.self, AutomateCheck.self, AutomateLog.self])

  /// Read by the subcommand (see CommandLineWords.prepare); here for help and completion.
  @OptionGroup var store: StoreOptions
}

struct AutomateRun: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run the scheduled rules ('every:') once, and print what they did.",
    discussion: """
      Each rule acts on every record of its 'for' type its 'if' filter matches, unless it acted on that record earlier in the same day (week, month) in this clone: running it twice changes nothing the second time. An action with nothing to do (a tag that is there, a stage the deal is in, an open task the rule added before) does nothing. Everything it writes is one commit. Exit 1 when a rule could not act.

      Example (crontab):
        0 7 * * *  crm -C ~/crm automate run
      """)

  @Flag(help: "Print what the rules would do, and write nothing.")
  var dryRun = false

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    let automation = Automation(config: session.repo.config, clock: session.clock)
    let rules = automation.scheduled
    guard !rules.isEmpty else {
      Terminal.message("note: there are no scheduled rules ('every:') under 'automation:' in .crm/config.yaml")
      return
    }
    var types: Set<RecordType> = [.task]
    for rule in rules { types.formUnion([rule.type] + Derived.sources(of: rule.type)) }
    var reaction = Automation.Reaction()
    if dryRun {
      reaction = automation.runScheduled(session.load(types).index, in: session.repo, log: AutomationLog.read(session.repo), dryRun: true)
    } else {
      try session.write(reacting: false) { () throws(CRMError) in
        reaction = automation.runScheduled(session.load(types).index, in: session.repo, log: AutomationLog.read(session.repo), dryRun: false)
        let count = reaction.firings.count
        return (reaction.paths, "automate run: \(count) \(count == 1 ? "firing" : "firings")" + reaction.commitText)
      }
    }
    if !dryRun {
      // Once the write stands: a refused one (a pre-change hook) must not count as done.
      do throws(CRMError) { try AutomationLog.append(reaction.firings, at: session.clock.now, in: session.repo) } catch { reaction.problems.append(error) }
    }
    Terminal.write(reaction.firings.map { (dryRun ? "would: " : "") + $0.line + "\n" }.joined())
    for problem in reaction.problems { Terminal.report(problem) }
    // A failed commit's 75 (try again) says more than 1.
    if !reaction.problems.isEmpty && Session.exitStatus == 0 { throw ExitCode(1) }
  }
}

struct AutomateCheck: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check the automation rules: filters, actions and templates, with their place in the config.",
    discussion: """
      Reading the config checks each rule's shape (every command does). This also parses each filter against the type's fields, checks each stage a move names and each due date, and renders each template on a record of the type, naming a field in it that no such record has. Problems are printed as .crm/config.yaml:LINE:COLUMN: reason, and the exit status is 65.

      Example:
        crm automate check
      """)

  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store)
    let rules = session.repo.config.automation
    let loaded = session.load(Set(rules.map(\.type)))
    let problems = AutomationCheck.problems(of: rules, index: loaded.index, config: session.repo.config, clock: session.clock)
    for problem in problems { Terminal.report(problem) }
    guard problems.isEmpty else { throw ExitCode(65) }
    // A file that does not load was not tried: the rules are not known to work on it.
    try Session.finish(loaded.problems)
    let onChanges = rules.filter { if case .event = $0.trigger { true } else { false } }.count
    Terminal.output("ok: \(rules.count) \(rules.count == 1 ? "rule" : "rules") (\(onChanges) on changes, \(rules.count - onChanges) scheduled)")
  }
}

struct AutomateLog: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "log",
    abstract: "Show what automation rules did in this clone, newest first.",
    discussion: """
      Kept in .crm/local/automation.log, which is never committed (each clone has its own, so it never conflicts on merge); the commits the rules' writes are in name the rules for everyone, in 'git log'.

      Example:
        crm automate log --rule "stale deals" --limit 20
      """)

  @Option(help: ArgumentHelp("Only this rule's firings.", valueName: "name"))
  var rule: String?

  @Option(help: ArgumentHelp("Show at most N firings.", valueName: "N"))
  var limit: Int?

  @Option(help: "Output format: table (for people), json, ndjson, csv, tsv or yaml.")
  var format: OutputFormat = .table

  @OptionGroup var store: StoreOptions

  func validate() throws {
    if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more, not '\(limit)'") }
    if format == .ids { throw ValidationError("automate log supports --format table, json, ndjson, csv, tsv or yaml") }
  }

  func run() throws {
    let session = try Session(store)
    var entries = AutomationLog.read(session.repo).reversed().filter { rule == nil || $0.rule == rule }
    if let limit { entries = Array(entries.prefix(limit)) }
    let rows = entries.map { [Value.timestamp($0.at), .string($0.rule), .string($0.type), .string($0.id), .string($0.done)] }
    Terminal.write(RowRenderer.render(columns: ["at", "rule", "type", "id", "done"], rows: rows, format: format))
  }
}
