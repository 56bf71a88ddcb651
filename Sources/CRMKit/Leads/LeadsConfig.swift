/// A filter written in `.crm/config.yaml`: its text and where it stands, parsed when used so
/// that a mistake in it is named with its place in the config.
public struct ConfigFilter: Sendable, Equatable {
  public let text: String
  public let location: SourceLocation

  /// The filter as a query on records of `type` (contacts unless said). It may name a key no
  /// record has yet (a form's own, to come): that term matches nothing until one does. A
  /// mistake is bad data at the filter's place.
  public func query(_ type: RecordType = .contact, clock: CRMClock) throws(CRMError) -> Query {
    do {
      return try Query.parse([text], type: type, fields: Query.fields(of: type, in: []), anyKey: true, clock: clock)
    } catch {
      throw located(error)
    }
  }

  /// The filter as a query that names only fields of `type` or keys `records` have: what
  /// `crm automate check` holds a filter to.
  public func strictQuery(_ type: RecordType, clock: CRMClock, records: [Record]) throws(CRMError) -> Query {
    do {
      return try Query.parse([text], type: type, fields: Query.fields(of: type, in: records), clock: clock)
    } catch {
      throw located(error)
    }
  }

  private func located(_ error: CRMError) -> CRMError {
    CRMError(.data, "filter '\(text)': \(error.message)", at: location, hint: error.hint)
  }
}

/// The `scoring:` section: rules that add points to a contact that matches their filter, and
/// points taken off for every stretch of time nobody was in touch.
public struct ScoringConfig: Sendable, Equatable {
  public struct Rule: Sendable, Equatable {
    public let filter: ConfigFilter
    public let points: Int
  }

  /// Points (usually negative) for a contact idle `after` days or more, and again for every
  /// `per` days after that; idle since the last activity, else since the contact was created.
  public struct Decay: Sendable, Equatable {
    public let afterDays: Int
    public let perDays: Int
    public let points: Int
  }

  public var rules: [Rule] = []
  public var decay: Decay?

  /// What one rule may give or take: far inside what a score (and a sum of them) can hold.
  static let points = -1_000_000...1_000_000

  /// Whether there is anything to score by.
  public var isEmpty: Bool { rules.isEmpty && decay == nil }

  static func read(_ node: YAMLNode) throws(CRMError) -> ScoringConfig {
    var config = ScoringConfig()
    if ConfigNode.isAbsent(node) { return config }
    guard let entries = node.entries else { throw ConfigNode.fail("'scoring' must be a mapping of rules and decay", node) }
    for entry in entries where !ConfigNode.isAbsent(entry.value) {
      switch entry.key.value {
      case "rules":
        guard case .sequence(let items, _, _, _) = entry.value else {
          throw ConfigNode.fail("'scoring.rules' must be a list like - {if: \"source:referral\", points: 25}", entry.value)
        }
        config.rules = try items.map { item throws(CRMError) -> Rule in
          let filter = try ConfigNode.filter(item, "scoring.rules")
          guard let points = item["points"], let n = points.scalar.flatMap({ Scalars.integer($0.value) }), Self.points.contains(n) else {
            throw ConfigNode.fail("each scoring rule needs 'points:' a whole number of at most a million, like points: 10", item["points"] ?? item)
          }
          return Rule(filter: filter, points: n)
        }
      case "decay":
        let value = entry.value
        let example = "like {after: 30d, per: 30d, points: -5}"
        guard value.entries != nil else { throw ConfigNode.fail("'scoring.decay' must be a mapping \(example)", value) }
        var days: [String: Int] = [:]
        for key in ["after", "per"] {
          guard let node = value[key], let n = node.scalar.flatMap({ ConfigNode.days($0.value) }) else {
            throw ConfigNode.fail("'scoring.decay.\(key)' must be a number of days like 30d or 4w", value[key] ?? value)
          }
          days[key] = n
        }
        guard let points = value["points"], let n = points.scalar.flatMap({ Scalars.integer($0.value) }), Self.points.contains(n) else {
          throw ConfigNode.fail("'scoring.decay.points' must be a whole number of at most a million \(example)", value["points"] ?? value)
        }
        config.decay = Decay(afterDays: days["after"] ?? 0, perDays: days["per"] ?? 1, points: n)
      default:
        continue
      }
    }
    return config
  }
}

/// How one web form's keys become a contact's: `forms: {website: {map: {...}, honeypot: …}}`.
public struct FormConfig: Sendable, Equatable {
  /// Contact field → the form key that fills it, on top of the usual names (email, phone…).
  public var map: [String: String] = [:]
  /// A field real people leave empty; a submission with it filled in is a bot's.
  public var honeypot: String?
  /// The key the form service puts its submission id under.
  public var submissionID: String?

  public init(map: [String: String] = [:], honeypot: String? = nil, submissionID: String? = nil) {
    self.map = map
    self.honeypot = honeypot
    self.submissionID = submissionID
  }

  static func readAll(_ node: YAMLNode) throws(CRMError) -> [String: FormConfig] {
    if ConfigNode.isAbsent(node) { return [:] }
    guard let entries = node.entries else { throw ConfigNode.fail("'forms' must be a mapping of form names to settings", node) }
    var forms: [String: FormConfig] = [:]
    for entry in entries {
      let name = entry.key.value
      guard RecordID.isValid(name) else {
        throw ConfigNode.fail("'forms' keys must be form names like website, not '\(name)'", .scalar(entry.key))
      }
      var form = FormConfig()
      if !ConfigNode.isAbsent(entry.value) {
        guard let fields = entry.value.entries else {
          throw ConfigNode.fail("'forms.\(name)' must be a mapping of map, honeypot and submission_id", entry.value)
        }
        for field in fields where !ConfigNode.isAbsent(field.value) {
          switch field.key.value {
          case "map":
            guard let pairs = field.value.entries else {
              throw ConfigNode.fail("'forms.\(name).map' must map contact fields to the form's keys, like {name: full_name}", field.value)
            }
            for pair in pairs {
              do {
                try CapturedLead.checkMapTarget(pair.key.value)
              } catch {
                throw ConfigNode.fail("'forms.\(name).map' cannot fill '\(pair.key.value)': " + (error.hint ?? ""), .scalar(pair.key))
              }
              form.map[pair.key.value] = try ConfigNode.text(pair.value, "forms.\(name).map.\(pair.key.value)")
            }
          case "honeypot": form.honeypot = try ConfigNode.text(field.value, "forms.\(name).honeypot")
          case "submission_id": form.submissionID = try ConfigNode.text(field.value, "forms.\(name).submission_id")
          default: continue
          }
        }
      }
      forms[name] = form
    }
    return forms
  }
}

/// The `leads:` section: what a captured lead gets and who it goes to.
public struct LeadsConfig: Sendable, Equatable {
  public enum Assignment: String, Sendable {
    /// The owner with the fewest open leads, in the order of `owners`.
    case roundRobin = "round-robin"
    /// The first rule whose filter the lead matches; else round-robin when there are owners.
    case rules
    case none
  }

  public struct Rule: Sendable, Equatable {
    public let filter: ConfigFilter
    public let owner: String
  }

  /// The honeypot of forms that do not name their own.
  public var honeypot: String?
  /// Make (or find) the company of a lead's email domain, unless it is a free-mail one.
  public var companyFromDomain = false
  /// Domains people get personal addresses at: never a company.
  public var freeMail: Set<String> = LeadsConfig.defaultFreeMail
  public var assign = Assignment.none
  public var owners: [String] = []
  public var rules: [Rule] = []

  public static let defaultFreeMail: Set<String> = [
    "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com", "icloud.com", "me.com",
    "aol.com", "gmx.de", "gmx.net", "web.de", "proton.me", "protonmail.com", "mail.com", "yandex.ru", "zoho.com",
  ]

  /// Whether `text` is a field name crm takes: lower_snake_case, starting with a letter.
  public static func isKey(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
    return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
  }

  static func read(_ node: YAMLNode) throws(CRMError) -> LeadsConfig {
    var config = LeadsConfig()
    if ConfigNode.isAbsent(node) { return config }
    guard let entries = node.entries else { throw ConfigNode.fail("'leads' must be a mapping like {assign: round-robin, owners: [maria, tom]}", node) }
    for entry in entries where !ConfigNode.isAbsent(entry.value) {
      let value = entry.value
      switch entry.key.value {
      case "honeypot": config.honeypot = try ConfigNode.text(value, "leads.honeypot")
      case "company_from_domain":
        guard let b = value.scalar.flatMap({ Scalars.bool($0.value) }) else {
          throw ConfigNode.fail("'leads.company_from_domain' must be true or false", value)
        }
        config.companyFromDomain = b
      case "free_mail":
        config.freeMail = Set(try ConfigNode.list(value, "leads.free_mail", "domains like gmail.com").map { $0.lowercased() })
      case "assign":
        guard let assign = value.scalar.flatMap({ Assignment(rawValue: $0.value) }) else {
          throw ConfigNode.fail("'leads.assign' must be round-robin, rules or none" + ConfigNode.given(value), value)
        }
        config.assign = assign
      case "owners": config.owners = try ConfigNode.list(value, "leads.owners", "owners like [maria, tom]")
      case "rules":
        guard case .sequence(let items, _, _, _) = value else {
          throw ConfigNode.fail("'leads.rules' must be a list like - {if: \"source:referral\", owner: maria}", value)
        }
        config.rules = try items.map { item throws(CRMError) -> Rule in
          let filter = try ConfigNode.filter(item, "leads.rules")
          let owner = try ConfigNode.text(item["owner"] ?? item, "leads.rules owner")
          return Rule(filter: filter, owner: owner)
        }
      default:
        continue
      }
    }
    if config.assign == .roundRobin && config.owners.isEmpty {
      throw ConfigNode.fail("'leads.assign: round-robin' needs 'leads.owners', like owners: [maria, tom]", node)
    }
    if config.assign == .rules && config.rules.isEmpty {
      throw ConfigNode.fail("'leads.assign: rules' needs 'leads.rules', like - {if: \"source:referral\", owner: maria}", node)
    }
    return config
  }
}
