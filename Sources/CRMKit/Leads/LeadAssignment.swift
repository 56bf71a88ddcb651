/// Who a new lead goes to, from the `leads:` section: the first rule it matches, else the
/// owner with the fewest leads. The turn is worked out from the contacts' owners each time,
/// never kept in a file, so every clone agrees and nothing conflicts on merge.
public struct LeadAssignment: Sendable {
  private let config: LeadsConfig
  private let rules: [(query: Query, owner: String)]

  /// The assignment `config` asks for; a filter that does not parse is bad data at its place
  /// in the config.
  public init(_ config: LeadsConfig, clock: CRMClock) throws(CRMError) {
    self.config = config
    rules = config.assign == .rules ? try config.rules.map { rule throws(CRMError) in (try rule.filter.query(clock: clock), rule.owner) } : []
  }

  /// The owner for `lead`, counting the leads of `contacts` (the lead itself aside); nil when
  /// the config assigns nobody.
  public func owner(for lead: Record, among contacts: [Record]) -> String? {
    if let rule = rules.first(where: { $0.query.matches(lead) }) { return rule.owner }
    guard config.assign != .none, !config.owners.isEmpty else { return nil }
    var leads: [String: Int] = [:]
    for owner in config.owners { leads[owner] = 0 }
    for contact in contacts where contact.id != lead.id && contact["status"]?.string == "lead" {
      if let owner = contact["owner"]?.string, leads[owner] != nil { leads[owner, default: 0] += 1 }
    }
    // The first of the owners with the fewest leads: ties go in the order the config lists them.
    return config.owners.min { (leads[$0] ?? 0) < (leads[$1] ?? 0) }
  }
}
