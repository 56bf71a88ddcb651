/// A contact's score from the `scoring:` rules: the points of every rule whose filter it
/// matches, plus the decay for the time nobody was in touch. The same files and clock give
/// the same score.
public struct LeadScoring: Sendable {
  /// One part of a score: the rule (or decay) and the points it gave.
  public struct Reason: Sendable, Equatable {
    public let rule: String
    public let points: Int
  }

  public struct Score: Sendable, Equatable {
    public let total: Int
    public let reasons: [Reason]
  }

  private let rules: [(query: Query, points: Int, text: String)]
  private let decay: ScoringConfig.Decay?
  private let now: Timestamp

  /// The rules of `config` read against `clock`; nil when there are none. A filter that does
  /// not parse, or asks for the score itself, is bad data at its place in the config.
  public init?(_ config: ScoringConfig, clock: CRMClock) throws(CRMError) {
    guard !config.isEmpty else { return nil }
    var rules: [(Query, Int, String)] = []
    for rule in config.rules {
      let query = try rule.filter.query(clock: clock)
      if query.mentions("score") {
        throw CRMError(.data, "a scoring rule cannot ask for the score it makes: '\(rule.filter.text)'", at: rule.filter.location)
      }
      rules.append((query, rule.points, rule.filter.text))
    }
    self.rules = rules
    decay = config.decay
    now = clock.now
  }

  public func score(_ contact: Record) -> Score {
    var reasons = rules.filter { $0.query.matches(contact) }.map { Reason(rule: $0.text, points: $0.points) }
    if let decay, let idle = idleDays(contact), idle >= decay.afterDays {
      // Days are at most a few million, points a million: the product fits.
      let times = min(1 + (idle - decay.afterDays) / decay.perDays, 1_000_000)
      reasons.append(Reason(rule: "decay: \(idle) days without contact", points: times * decay.points))
    }
    // A contact's score is at most a million either way (its schema); many rules may add up past it.
    let total = reasons.reduce(0) { $0 + $1.points }
    return Score(total: min(max(total, -1_000_000), 1_000_000), reasons: reasons)
  }

  /// Whole days since the last activity with the contact, else since it was made.
  private func idleDays(_ contact: Record) -> Int? {
    guard case .timestamp(let since)? = contact["last_contacted"] ?? contact["created"] else { return nil }
    return max(0, Int((now.seconds - since.seconds) / 86400))
  }
}
