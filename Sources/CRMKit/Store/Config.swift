/// A pipeline stage from `.crm/config.yaml`.
public struct Stage: Sendable, Equatable {
  public enum Outcome: String, Sendable { case open, won, lost }

  public let name: String
  /// The default win probability, 0–100.
  public let probability: Int
  public let outcome: Outcome
}

/// The repo's shared settings, `.crm/config.yaml`.
public struct Config: Sendable {
  public static let path = ".crm/config.yaml"

  public var currency = "EUR"
  public var stages: [Stage] = Config.defaultStages
  /// Days without activity after which a deal or customer counts as stale.
  public var staleAfterDays = 30
  /// Commit each change's files when the repo is a git work tree.
  public var autocommit = true
  /// The user's own addresses (lowercased): an imported email from one of them is outgoing.
  public var myEmails: [String] = []
  /// The time zone local times are read in (a tz database name like Europe/Berlin); nil
  /// leaves it to `TZ` or the system.
  public var timeZone: String?
  /// Business hours, holidays and SLA targets for tickets.
  public var support = SupportConfig()
  /// How captured leads are made, and who gets them.
  public var leads = LeadsConfig()
  /// The rules `crm lead score` adds up.
  public var scoring = ScoringConfig()
  /// Web forms by name: how their keys become a contact's.
  public var forms: [String: FormConfig] = [:]
  /// Rules that act by themselves, on a change or on a schedule.
  public var automation: [AutomationRule] = []
  /// How long a hook of `.crm/hooks/` may run, in seconds.
  public var hookTimeout = Hooks.defaultTimeout

  /// The zone support's business hours are read in: their own, else `timeZone`; nil leaves
  /// it to `TZ` or the system.
  public var supportTimeZone: String? { support.hours.timeZone ?? timeZone }

  /// Where the tz database keeps a file per zone.
  public static let zoneDirectory = "/usr/share/zoneinfo"

  public static let defaultStages = [
    Stage(name: "lead", probability: 10, outcome: .open),
    Stage(name: "qualified", probability: 25, outcome: .open),
    Stage(name: "proposal", probability: 50, outcome: .open),
    Stage(name: "negotiation", probability: 75, outcome: .open),
    Stage(name: "won", probability: 100, outcome: .won),
    Stage(name: "lost", probability: 0, outcome: .lost),
  ]

  public init() {}

  /// Reads config text; unknown keys are kept for later versions and ignored here.
  public init(bytes: [UInt8]) throws(CRMError) {
    do {
      try FrontMatterFile.validateUTF8(bytes)
      try read(YAMLParser.parse(bytes[...]))
    } catch {
      throw error.located(in: Config.path)
    }
  }

  private mutating func read(_ root: YAMLNode) throws(CRMError) {
    func fail(_ message: String, _ node: YAMLNode) -> CRMError {
      CRMError(.data, message, at: SourceLocation(path: Config.path, mark: node.start))
    }
    guard let entries = root.entries else { throw fail("the config must be 'key: value' lines", root) }
    for entry in entries {
      let value = entry.value
      switch entry.key.value {
      case "currency":
        guard let s = value.scalar?.value, s.count == 3, s.allSatisfy({ $0.isUppercase && $0.isASCII }) else {
          throw fail("'currency' must be an ISO 4217 code like EUR", value)
        }
        currency = s
      case "stale_after":
        guard let s = value.scalar?.value, let n = Scalars.integer(s), n > 0 else {
          throw fail("'stale_after' must be a number of days", value)
        }
        staleAfterDays = n
      case "my_emails":
        let items: [YAMLNode]
        if case .sequence(let list, _, _, _) = value { items = list } else { items = [value] }
        myEmails = try items.map { item throws(CRMError) -> String in
          guard let s = item.scalar?.value, Scalars.isEmail(s) else { throw fail("'my_emails' must be a list of email addresses", item) }
          return s.lowercased()
        }
      case "timezone":
        guard let name = value.scalar?.value, Self.isZoneName(name) else {
          let given = value.scalar.map { ", not '\($0.value)'" } ?? ""
          throw fail("'timezone' must be a time zone name like Europe/Berlin" + given, value)
        }
        timeZone = name
      case "git":
        if let auto = value["autocommit"] {
          guard let b = auto.scalar.flatMap({ Scalars.bool($0.value) }) else {
            throw fail("'git.autocommit' must be true or false", auto)
          }
          autocommit = b
        }
      case "support":
        support = try SupportConfig.read(value)
      case "leads":
        leads = try LeadsConfig.read(value)
      case "scoring":
        scoring = try ScoringConfig.read(value)
      case "forms":
        forms = try FormConfig.readAll(value)
      case "automation":
        automation = try AutomationRule.readAll(value)
      case "hooks":
        if let node = value["timeout"] {
          let text = node.scalar?.value ?? ""
          let digits = text.hasSuffix("s") ? String(text.dropLast()) : text
          guard let seconds = Scalars.integer(digits), (1...3600).contains(seconds) else {
            throw fail("'hooks.timeout' must be a number of seconds from 1 to 3600, like 10 or 30s", node)
          }
          hookTimeout = Double(seconds)
        }
      case "pipeline":
        guard case .sequence(let items, _, _, _) = value, !items.isEmpty else {
          throw fail("'pipeline' must be a list of stages", value)
        }
        stages = try items.map { item throws(CRMError) -> Stage in
          guard let name = item["stage"]?.scalar?.value, RecordID.isValid(name) else {
            throw fail("each pipeline stage needs 'stage: name' (lowercase letters, digits, dashes)", item)
          }
          var probability = 0
          if let p = item["probability"] {
            guard let n = p.scalar.flatMap({ Scalars.integer($0.value) }), (0...100).contains(n) else {
              throw fail("stage '\(name)': 'probability' must be 0 to 100", p)
            }
            probability = n
          }
          var outcome = Stage.Outcome.open
          if let o = item["outcome"] {
            guard let parsed = o.scalar.flatMap({ Stage.Outcome(rawValue: $0.value) }) else {
              throw fail("stage '\(name)': 'outcome' must be open, won or lost", o)
            }
            outcome = parsed
          }
          return Stage(name: name, probability: probability, outcome: outcome)
        }
      default:
        continue
      }
    }
  }

  /// Whether the tz database has a zone called `name` (its path stays inside the database).
  static func isZoneName(_ name: String) -> Bool {
    let parts = name.split(separator: "/", omittingEmptySubsequences: false)
    guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") }) else { return false }
    // Some zones are links to others (UTC to Etc/UTC): followed, as long as they stay inside.
    guard let database = FileSystem.realPath(zoneDirectory), let path = FileSystem.realPath(zoneDirectory + "/" + name),
      path.hasPrefix(database + "/")
    else { return false }
    // A zone file starts with the TZif magic; zone.tab and the like beside them do not.
    guard !FileSystem.isDirectory(path), let bytes = try? FileSystem.contents(of: path) else { return false }
    return bytes.starts(with: Array("TZif".utf8))
  }

  /// The commented config `crm init` writes.
  public static let initialText = """
    # crm settings, shared through git. Edit freely: crm keeps your comments.

    # The currency of amounts given without one (ISO 4217).
    currency: EUR

    # Deal stages in order, with their default win probability (percent).
    # `outcome: won` / `outcome: lost` mark the stages that close a deal.
    pipeline:
      - stage: lead
        probability: 10
      - stage: qualified
        probability: 25
      - stage: proposal
        probability: 50
      - stage: negotiation
        probability: 75
      - stage: won
        probability: 100
        outcome: won
      - stage: lost
        probability: 0
        outcome: lost

    # Days without any activity before a deal or customer counts as stale.
    stale_after: 30

    # Your own addresses: an email imported from one of them is logged as outgoing.
    # my_emails: [me@example.com]

    # The time zone of times written without an offset (--at "2026-11-18 10:00"), from the
    # tz database; without it, TZ or the system's zone.
    # timezone: Europe/Berlin

    # Support tickets: business hours, holidays and SLA targets per priority. A day ("1d")
    # is a working day of these hours; "calendar: 24x7" counts every hour. Without this
    # section: urgent 1h/4h round the clock, high 4h/1d, normal 1d/3d, low 2d/5d, 09:00-17:00.
    # support:
    #   business_hours: {days: mon-fri, from: "09:00", to: "17:00", timezone: Europe/Berlin}
    #   holidays: [2026-12-25, 2027-01-01]
    #   sla:
    #     urgent: {first_response: 1h, resolution: 4h, calendar: 24x7}
    #     high: {first_response: 4h, resolution: 1d}
    #     normal: {first_response: 1d, resolution: 3d}
    #     low: {first_response: 2d, resolution: 5d}

    # Leads (crm lead): who a captured lead goes to, and what a web form's keys mean.
    # leads:
    #   assign: round-robin              # or rules (the first matching 'if'), or none
    #   owners: [maria, tom]
    #   rules: [{if: "source:partner", owner: pat}]
    #   honeypot: website_url            # a field only bots fill in: such a submission is dropped
    #   company_from_domain: true        # a lead's email domain makes its company (not free mail)
    # forms:
    #   website: {map: {name: full_name}, submission_id: entry_id}

    # Lead scores (crm lead score): the points of every rule whose filter a contact matches,
    # and points off for every 'per' days without contact after the first 'after' days.
    # scoring:
    #   rules:
    #     - {if: "title~director or title~head", points: 15}
    #     - {if: "source:referral", points: 25}
    #     - {if: "activities>=3", points: 10}
    #   decay: {after: 30d, per: 30d, points: -5}

    # Automation rules: on a change (on: contact.created, deal.stage_changed…) inside that
    # change's commit, or every day for a type's records when 'crm automate run' runs.
    # automation:
    #   - name: follow up new leads
    #     on: contact.created
    #     if: "status:lead"
    #     do: [{task: {title: "Call {{name}}", due: +1d}}]
    #   - name: stale deals
    #     every: day
    #     for: deal
    #     if: "updated<-21d -stage:won,lost"
    #     do: [{tag: stale}, {notify: "{{title}} has not moved in 3 weeks"}]

    # How long a hook in .crm/hooks/ (pre-change, post-change) may run, in seconds. Hooks
    # run only after 'crm trust' in this clone.
    # hooks:
    #   timeout: 10

    git:
      # Commit the files each crm command changes (only those files).
      autocommit: true

    """
}
