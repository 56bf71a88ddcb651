/// The hours a support team works: the weekdays, the opening and closing time, and the zone
/// they are read in.
public struct BusinessHours: Sendable, Equatable {
  /// The working weekdays, 1 = Monday … 7 = Sunday (ISO 8601); never empty.
  public private(set) var days: Set<Int>
  /// When a working day starts, in seconds after local midnight.
  public private(set) var opens: Int
  /// When a working day ends, in seconds after local midnight; later than `opens`, at most 24:00.
  public private(set) var closes: Int
  /// The tz database zone the hours are read in; nil leaves it to the repo's `timezone` or the
  /// user's zone.
  public var timeZone: String?

  /// Hours with at least one working day that closes after it opens, within the day; nil
  /// otherwise, since no deadline could ever be reached on them.
  public init?(days: Set<Int>, opens: Int, closes: Int, timeZone: String? = nil) {
    guard !days.isEmpty, days.allSatisfy({ (1...7).contains($0) }), 0 <= opens, opens < closes, closes <= 86400 else {
      return nil
    }
    self.init(checkedDays: days, opens: opens, closes: closes, timeZone: timeZone)
  }

  private init(checkedDays days: Set<Int>, opens: Int, closes: Int, timeZone: String?) {
    self.days = days
    self.opens = opens
    self.closes = closes
    self.timeZone = timeZone
  }

  /// Monday to Friday, 09:00 to 17:00, in the repo's zone.
  public static let standard = BusinessHours(checkedDays: [1, 2, 3, 4, 5], opens: 9 * 3600, closes: 17 * 3600, timeZone: nil)

  /// The length of one working day in seconds: what a `1d` business-hours target means.
  public var dayLength: Int64 { Int64(closes - opens) }
}

/// A target written as `30m`, `4h` or `2d`.
public struct SLADuration: Sendable, Equatable, CustomStringConvertible {
  public enum Unit: String, Sendable {
    case minutes = "m", hours = "h", days = "d"
  }

  public let amount: Int
  public let unit: Unit

  public init(amount: Int, unit: Unit) {
    self.amount = amount
    self.unit = unit
  }

  /// Reads a positive whole number of at most five digits and one unit letter: `30m`, `4h`, `2d`.
  public init?(_ text: String) {
    guard let letter = text.last, let unit = Unit(rawValue: String(letter)) else { return nil }
    let digits = text.dropLast()
    // Five digits keep every target's seconds far inside Int64 and every deadline search short.
    guard (1...5).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits), n > 0
    else { return nil }
    self.init(amount: n, unit: unit)
  }

  /// The target in seconds of the clock it runs on, where a day is `dayLength` seconds: a
  /// working day on business hours, 24 hours on a 24x7 calendar.
  public func seconds(dayLength: Int64) -> Int64 {
    switch unit {
    case .minutes: return Int64(amount) * 60
    case .hours: return Int64(amount) * 3600
    case .days: return Int64(amount) * dayLength
    }
  }

  public var description: String { "\(amount)\(unit.rawValue)" }
}

/// The targets of one ticket priority.
public struct SLATarget: Sendable, Equatable {
  /// Which hours count towards a target.
  public enum Calendar: String, Sendable {
    /// Only the business hours, outside holidays.
    case businessHours = "business"
    /// Every hour of every day.
    case allDay = "24x7"
  }

  /// How long the first reply may take; nil when there is no such target.
  public var firstResponse: SLADuration?
  /// How long until the ticket is resolved; nil when there is no such target.
  public var resolution: SLADuration?
  public var calendar: Calendar

  public init(firstResponse: SLADuration?, resolution: SLADuration?, calendar: Calendar = .businessHours) {
    self.firstResponse = firstResponse
    self.resolution = resolution
    self.calendar = calendar
  }
}

/// The `support:` section of `.crm/config.yaml`: business hours, holidays and the SLA targets
/// of each ticket priority.
public struct SupportConfig: Sendable, Equatable {
  public var hours: BusinessHours = .standard
  /// Dates on which no business hours count, in the hours' zone.
  public var holidays: Set<CalendarDate> = []
  /// The targets by ticket priority; a priority without one has no SLA.
  public var targets: [String: SLATarget] = SupportConfig.defaultTargets

  /// The targets used when the config has no `support.sla`.
  public static let defaultTargets: [String: SLATarget] = [
    "urgent": SLATarget(
      firstResponse: SLADuration(amount: 1, unit: .hours), resolution: SLADuration(amount: 4, unit: .hours), calendar: .allDay),
    "high": SLATarget(firstResponse: SLADuration(amount: 4, unit: .hours), resolution: SLADuration(amount: 1, unit: .days)),
    "normal": SLATarget(firstResponse: SLADuration(amount: 1, unit: .days), resolution: SLADuration(amount: 3, unit: .days)),
    "low": SLATarget(firstResponse: SLADuration(amount: 2, unit: .days), resolution: SLADuration(amount: 5, unit: .days)),
  ]

  public init() {}

  /// Reads the `support:` node. A key given replaces its default: an `sla:` mapping is the whole
  /// table, so a priority it leaves out has no targets. Unknown keys are ignored, as at the top
  /// level of the config, so that a later version's settings do not break this one.
  static func read(_ node: YAMLNode) throws(CRMError) -> SupportConfig {
    var config = SupportConfig()
    if ConfigNode.isAbsent(node) { return config }
    guard let entries = node.entries else {
      throw ConfigNode.fail("'support' must be a mapping of business_hours, holidays and sla", node)
    }
    for entry in entries where !ConfigNode.isAbsent(entry.value) {
      switch entry.key.value {
      case "business_hours": config.hours = try readHours(entry.value)
      case "holidays": config.holidays = try readHolidays(entry.value)
      case "sla": config.targets = try readTargets(entry.value)
      default: continue
      }
    }
    return config
  }

  private static func readHours(_ node: YAMLNode) throws(CRMError) -> BusinessHours {
    guard let entries = node.entries else {
      throw ConfigNode.fail("'support.business_hours' must be a mapping like {days: mon-fri, from: \"09:00\", to: \"17:00\"}", node)
    }
    let standard = BusinessHours.standard
    var (days, opens, closes, timeZone) = (standard.days, standard.opens, standard.closes, standard.timeZone)
    var closesNode: YAMLNode?
    for entry in entries where !ConfigNode.isAbsent(entry.value) {
      let value = entry.value
      switch entry.key.value {
      case "days":
        guard let parsed = weekdays(value) else {
          throw ConfigNode.fail("'support.business_hours.days' must be weekdays like mon-fri or mon,wed,fri" + ConfigNode.given(value), value)
        }
        days = parsed
      case "from":
        guard let seconds = value.scalar.flatMap({ timeOfDay($0.value) }), seconds < 86400 else {
          throw ConfigNode.fail("'support.business_hours.from' must be a time like 09:00" + ConfigNode.given(value), value)
        }
        opens = seconds
      case "to":
        guard let seconds = value.scalar.flatMap({ timeOfDay($0.value) }) else {
          throw ConfigNode.fail("'support.business_hours.to' must be a time like 17:30" + ConfigNode.given(value), value)
        }
        closes = seconds
        closesNode = value
      case "timezone":
        guard let name = value.scalar?.value, Config.isZoneName(name) else {
          throw ConfigNode.fail("'support.business_hours.timezone' must be a time zone name like Europe/Lisbon" + ConfigNode.given(value), value)
        }
        timeZone = name
      default:
        continue
      }
    }
    guard let hours = BusinessHours(days: days, opens: opens, closes: closes, timeZone: timeZone) else {
      // Days are never empty here, so the hours close too early: blamed on `to`, or on the
      // mapping when only `from` moved past the default closing time.
      throw ConfigNode.fail("'support.business_hours.to' must be later than from", closesNode ?? node)
    }
    return hours
  }

  private static func readHolidays(_ node: YAMLNode) throws(CRMError) -> Set<CalendarDate> {
    let items: [YAMLNode]
    if case .sequence(let list, _, _, _) = node { items = list } else { items = [node] }
    var dates: Set<CalendarDate> = []
    for item in items where !ConfigNode.isAbsent(item) {
      guard let date = item.scalar.flatMap({ CalendarDate($0.value) }) else {
        throw ConfigNode.fail("'support.holidays' must be a list of dates YYYY-MM-DD" + ConfigNode.given(item), item)
      }
      dates.insert(date)
    }
    return dates
  }

  private static func readTargets(_ node: YAMLNode) throws(CRMError) -> [String: SLATarget] {
    guard let entries = node.entries else {
      throw ConfigNode.fail("'support.sla' must be a mapping of priorities like high: {first_response: 4h, resolution: 2d}", node)
    }
    var targets: [String: SLATarget] = [:]
    for entry in entries {
      let priority = entry.key.value
      guard RecordID.isValid(priority) else {
        throw ConfigNode.fail("'support.sla' keys must be ticket priorities like high, not '\(priority)'", .scalar(entry.key))
      }
      let path = "support.sla.\(priority)"
      if ConfigNode.isAbsent(entry.value) {
        targets[priority] = SLATarget(firstResponse: nil, resolution: nil)
        continue
      }
      guard let fields = entry.value.entries else {
        throw ConfigNode.fail("'\(path)' must be a mapping like {first_response: 4h, resolution: 2d}", entry.value)
      }
      var target = SLATarget(firstResponse: nil, resolution: nil)
      for field in fields where !ConfigNode.isAbsent(field.value) {
        let value = field.value
        switch field.key.value {
        case "first_response", "resolution":
          guard let duration = value.scalar.flatMap({ SLADuration($0.value) }) else {
            throw ConfigNode.fail("'\(path).\(field.key.value)' must be a duration like 4h or 2d" + ConfigNode.given(value), value)
          }
          if field.key.value == "first_response" { target.firstResponse = duration } else { target.resolution = duration }
        case "calendar":
          guard let calendar = value.scalar.flatMap({ SLATarget.Calendar(rawValue: $0.value) }) else {
            throw ConfigNode.fail("'\(path).calendar' must be business or 24x7" + ConfigNode.given(value), value)
          }
          target.calendar = calendar
        default:
          continue
        }
      }
      targets[priority] = target
    }
    return targets
  }

  /// `mon-fri`, `mon,wed,fri`, `mon-wed,fri`, or a YAML list of those; names of three letters or
  /// in full, any case. A range may wrap past Sunday (`fri-mon`).
  static func weekdays(_ node: YAMLNode) -> Set<Int>? {
    let parts: [String]
    switch node {
    case .scalar(let s): parts = s.value.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
    case .sequence(let items, _, _, _):
      var texts: [String] = []
      for item in items {
        guard let s = item.scalar else { return nil }
        texts += s.value.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
      }
      parts = texts
    case .mapping: return nil
    }
    var days: Set<Int> = []
    for part in parts {
      let ends = part.split(separator: "-", omittingEmptySubsequences: false)
      guard (1...2).contains(ends.count), let first = weekday(ends[0]), let last = weekday(ends[ends.count - 1]) else {
        return nil
      }
      var day = first
      while true {
        days.insert(day)
        if day == last { break }
        day = day % 7 + 1
      }
    }
    return days.isEmpty ? nil : days
  }

  private static func weekday(_ text: some StringProtocol) -> Int? {
    let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    let word = text.trimmingSpaces.lowercased()
    guard word.count >= 3 else { return nil }
    return names.firstIndex { $0 == word || $0.prefix(3) == word }.map { $0 + 1 }
  }

  /// `HH:MM` or `H:MM` as seconds after midnight, up to `24:00` (the end of the day).
  static func timeOfDay(_ text: String) -> Int? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
      parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let hour = Int(parts[0]), let minute = Int(parts[1]), minute < 60, hour < 24 || (hour == 24 && minute == 0)
    else { return nil }
    return hour * 3600 + minute * 60
  }
}
