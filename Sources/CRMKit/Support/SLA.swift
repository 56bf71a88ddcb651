/// One entry of a ticket's `history`: it took `status` at `at`.
public struct TicketStatusChange: Sendable, Equatable {
  public let status: String
  public let at: Timestamp

  public init(status: String, at: Timestamp) {
    self.status = status
    self.at = at
  }
}

/// What the SLA clocks of a ticket are worked out from.
public struct SLAInput: Sendable, Equatable {
  public var priority: String
  public var openedAt: Timestamp
  public var firstResponseAt: Timestamp?
  public var resolvedAt: Timestamp?
  /// Status changes in any order; only the stretches spent `open` count.
  public var history: [TicketStatusChange]

  public init(
    priority: String, openedAt: Timestamp, firstResponseAt: Timestamp? = nil, resolvedAt: Timestamp? = nil,
    history: [TicketStatusChange] = []
  ) {
    self.priority = priority
    self.openedAt = openedAt
    self.firstResponseAt = firstResponseAt
    self.resolvedAt = resolvedAt
    self.history = history
  }

  /// A ticket's fields: `priority` (`normal` when it has none), `opened_at` (else `created`),
  /// `first_response_at`, `resolved_at`, and `history` entries `{status, at}`. A resolved or
  /// closed ticket without `resolved_at` counts as resolved when its history last says so.
  /// Nil when the ticket has no time it was opened, or is not a ticket.
  public init?(ticket: Record) {
    guard ticket.type == .ticket else { return nil }
    func time(_ key: String) -> Timestamp? {
      if case .timestamp(let t)? = ticket[key] { return t }
      return nil
    }
    guard let opened = time("opened_at") ?? time("created") else { return nil }
    let history = (ticket["history"]?.items ?? []).compactMap(Self.change)
    var resolved = time("resolved_at")
    let finished = TicketLifecycle.finished
    if resolved == nil, let status = ticket["status"]?.string, finished.contains(status),
      let last = SLA.ordered(history).last, finished.contains(last.status)
    {
      resolved = last.at
    }
    self.init(
      priority: ticket["priority"]?.string ?? "normal", openedAt: opened, firstResponseAt: time("first_response_at"),
      resolvedAt: resolved, history: history)
  }

  /// The fields of a ticket the clocks are read from.
  public static let keys: Set<String> = ["status", "priority", "opened_at", "created", "first_response_at", "resolved_at", "history"]

  /// One history entry read, if it can be; `crm check` is where a bad one is reported.
  private static func change(_ item: Value) -> TicketStatusChange? {
    guard case .map(let fields) = item else { return nil }
    func value(_ key: String) -> Value? { fields.first { $0.key == key }?.value }
    guard let status = value("status")?.string else { return nil }
    switch value("at") {
    case .timestamp(let at)?: return TicketStatusChange(status: status, at: at)
    case .string(let text)?: return Timestamp(text).map { TicketStatusChange(status: status, at: $0) }
    default: return nil
    }
  }
}

/// One SLA clock of a ticket at a given moment.
public struct SLAClock: Sendable, Equatable {
  public enum Kind: String, Sendable {
    case firstResponse = "first_response"
    case resolution
  }

  public enum State: String, Sendable {
    /// Counting, within the target.
    case running
    /// Stopped while the ticket waits on the customer, within the target.
    case paused
    /// Stopped within the target.
    case met
    /// Past the target, whether still counting or stopped late.
    case breached
  }

  public let kind: Kind
  public let target: SLADuration
  public let calendar: SLATarget.Calendar
  /// The target in counted seconds (business seconds unless the calendar is 24x7).
  public let targetSeconds: Int64
  /// The counted seconds in a day of the clock: a working day, or 24 hours.
  public let dayLength: Int64
  /// When the target is reached, given the pauses so far; while the ticket waits on the
  /// customer, as if it stopped waiting now.
  public let deadline: Timestamp
  /// When the clock stopped (the first response, or the resolution); nil while it counts.
  public let stoppedAt: Timestamp?
  /// The counted seconds from opening until it stopped, or until now.
  public let elapsed: Int64
  public let state: State

  /// The counted seconds left before the deadline; negative by the time over it.
  public var remaining: Int64 { targetSeconds - elapsed }
}

/// The SLA clocks of one ticket.
public struct SLAStatus: Sendable, Equatable {
  public let priority: String
  /// Nil when the priority has no first response target.
  public let firstResponse: SLAClock?
  /// Nil when the priority has no resolution target.
  public let resolution: SLAClock?
}

/// Works out a ticket's SLA clocks; they are never stored, only computed from the ticket,
/// the config and the moment asked about.
public enum SLA {
  /// The status during which SLA time counts. Pending (waiting on the customer) and
  /// resolved or closed (until a reopen) stop the clocks.
  public static let countingStatus = "open"

  /// The clocks of `ticket` at `now`, or nil when its priority has no SLA. `offsetAtWallClock`
  /// is the UTC offset of the business hours' zone at a wall-clock time, as `CRMClock` takes
  /// it. The first response clock stops at the first response, or at the resolution of a ticket
  /// resolved without one; the resolution clock at the resolution. Both pause while the ticket
  /// is pending, and between a resolution and a reopen.
  public static func status(
    of ticket: SLAInput, config: SupportConfig, now: Timestamp, offsetAtWallClock: @escaping @Sendable (Int64) -> Int
  ) -> SLAStatus? {
    guard let target = config.targets[ticket.priority] else { return nil }
    let clock = BusinessClock(
      calendar: target.calendar, hours: config.hours, holidays: config.holidays, offsetAtWallClock: offsetAtWallClock)
    func make(_ kind: SLAClock.Kind, _ duration: SLADuration?, stop: Timestamp?) -> SLAClock? {
      duration.map { duration in
        // A stopped clock is read from the history up to its stop: the resolution that
        // stopped it is no pause of its own.
        var counted = ticket
        if let stop { counted.history = ticket.history.filter { $0.at < stop } }
        let (stretches, pausedNow) = runningStretches(of: counted, now: stop ?? now)
        return clockState(
          kind, duration, calendar: target.calendar, clock: clock, stretches: stretches, paused: pausedNow, stop: stop, now: now)
      }
    }
    return SLAStatus(
      priority: ticket.priority,
      firstResponse: make(.firstResponse, target.firstResponse, stop: ticket.firstResponseAt ?? ticket.resolvedAt),
      resolution: make(.resolution, target.resolution, stop: ticket.resolvedAt))
  }

  /// A stretch of time the clocks count in; the last one has no end.
  struct Stretch: Equatable {
    let start: Timestamp
    let end: Timestamp?
  }

  /// The stretches from opening on in which the ticket was open, never empty, and whether it
  /// is not open now. A pause not yet over is taken to end now, so a deadline
  /// shows when the target falls if the customer answers now.
  static func runningStretches(of ticket: SLAInput, now: Timestamp) -> (stretches: [Stretch], pausedNow: Bool) {
    var pauses: [(start: Timestamp, end: Timestamp)] = []
    var pausedSince: Timestamp?
    for change in ordered(ticket.history) {
      let pausing = change.status != countingStatus
      if pausing, pausedSince == nil {
        pausedSince = change.at
      } else if !pausing, let since = pausedSince {
        pauses.append((since, change.at))
        pausedSince = nil
      }
    }
    if let since = pausedSince { pauses.append((since, max(since, now))) }
    let pausedNow = pausedSince.map { $0 <= now } ?? false
    var stretches: [Stretch] = []
    var cursor = ticket.openedAt
    for pause in pauses where pause.end > cursor {
      if pause.start > cursor { stretches.append(Stretch(start: cursor, end: pause.start)) }
      cursor = pause.end
    }
    stretches.append(Stretch(start: cursor, end: nil))
    return (stretches, pausedNow)
  }

  /// Status changes oldest first; of equal times, in the order written.
  static func ordered(_ history: [TicketStatusChange]) -> [TicketStatusChange] {
    history.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
  }

  private static func clockState(
    _ kind: SLAClock.Kind, _ target: SLADuration, calendar: SLATarget.Calendar, clock: BusinessClock, stretches: [Stretch],
    paused: Bool, stop: Timestamp?, now: Timestamp
  ) -> SLAClock {
    let targetSeconds = target.seconds(dayLength: clock.dayLength)
    let until = stop ?? now
    var elapsed: Int64 = 0
    for stretch in stretches where stretch.start < until {
      elapsed += clock.seconds(from: stretch.start, to: min(stretch.end ?? until, until))
    }
    // The last stretch has no end, so the loop always finds the deadline in one.
    var deadline = until
    var left = targetSeconds
    for stretch in stretches {
      let available = stretch.end.map { clock.seconds(from: stretch.start, to: $0) }
      if let available, available < left {
        left -= available
        continue
      }
      deadline = clock.deadline(after: stretch.start, seconds: left)
      break
    }
    let state: SLAClock.State
    // Past the target once the clock (or now) is past the deadline, even when no business
    // time counted since: a ticket due Friday at 17:00 is breached on Saturday.
    if elapsed > targetSeconds || until > deadline {
      state = .breached
    } else if stop != nil {
      state = .met
    } else if paused {
      state = .paused
    } else {
      state = .running
    }
    return SLAClock(
      kind: kind, target: target, calendar: calendar, targetSeconds: targetSeconds, dayLength: clock.dayLength, deadline: deadline,
      stoppedAt: stop,
      elapsed: elapsed, state: state)
  }
}

/// What SLA clocks are read against: the support config, the moment a command runs, and the
/// UTC offset of the business hours' zone at a wall-clock time.
public struct SLAContext: Sendable {
  public let config: SupportConfig
  public let now: Timestamp
  public let offsetAtWallClock: @Sendable (Int64) -> Int

  public init(config: SupportConfig, now: Timestamp, offsetAtWallClock: @escaping @Sendable (Int64) -> Int) {
    self.config = config
    self.now = now
    self.offsetAtWallClock = offsetAtWallClock
  }

  /// The clocks of `ticket` now, or nil when it has no SLA (no time it was opened, or a
  /// priority without targets).
  public func status(of ticket: Record) -> SLAStatus? {
    SLAInput(ticket: ticket).flatMap { SLA.status(of: $0, config: config, now: now, offsetAtWallClock: offsetAtWallClock) }
  }
}

extension SLAStatus {
  /// The clocks the priority has: first response, then resolution.
  public var clocks: [SLAClock] { [firstResponse, resolution].compactMap { $0 } }

  /// The ticket's SLA in one word: `breached` when a clock is past its target, else
  /// `running` while one counts, `paused` while the ticket waits on the customer, `met` once
  /// both stopped in time.
  public var state: SLAClock.State {
    let states = clocks.map(\.state)
    for state in [SLAClock.State.breached, .running, .paused] where states.contains(state) { return state }
    return .met
  }

  /// The nearest deadline of a clock still counting (or paused): what the ticket is due by.
  public var due: Timestamp? { clocks.filter { $0.stoppedAt == nil }.map(\.deadline).min() }

  /// The derived fields a ticket shows: `sla`, `sla_due`, and for each clock its deadline
  /// and how it stands (`response_sla: 2h 10m left`).
  public var fields: [Field] {
    var fields = [Field("sla", .string(state.rawValue))]
    if let due { fields.append(Field("sla_due", .timestamp(due))) }
    for clock in clocks {
      let name = clock.kind == .firstResponse ? "response" : "resolution"
      fields.append(Field(name + "_due", .timestamp(clock.deadline)))
      fields.append(Field(name + "_sla", .string(clock.standing)))
    }
    return fields
  }

  /// The keys `fields` may hold, in that order.
  public static let keys = ["sla", "sla_due", "response_due", "response_sla", "resolution_due", "resolution_sla"]
}

extension SLAClock {
  /// How the clock stands, in words: `2h 10m left`, `paused, 1d 2h left`, `met`, `3h over`
  /// (still counting) or `missed by 3h` (stopped late). Counted time, as targets are: in
  /// business hours and working days unless the target runs on a 24x7 calendar.
  public var standing: String {
    let left = Self.spoken(abs(remaining), dayLength: dayLength)
    switch state {
    case .met: return "met"
    case .running: return left + " left"
    case .paused: return "paused, " + left + " left"
    case .breached: return stoppedAt == nil ? left + " over" : "missed by " + left
    }
  }

  /// A span of counted seconds as people say it, rounded up to the minute: `45m`, `5h 20m`,
  /// and from three days on `3d 4h`, in days of `dayLength` seconds.
  static func spoken(_ seconds: Int64, dayLength: Int64) -> String {
    let minutes = (seconds + 59) / 60
    if minutes < 60 { return "\(minutes)m" }
    let hours = minutes / 60
    let dayMinutes = max(dayLength / 60, 1)
    guard minutes >= 3 * dayMinutes else { return minutes % 60 == 0 ? "\(hours)h" : "\(hours)h \(minutes % 60)m" }
    let rest = (minutes % dayMinutes) / 60
    return rest == 0 ? "\(minutes / dayMinutes)d" : "\(minutes / dayMinutes)d \(rest)h"
  }
}

extension SLAContext {
  /// The seconds from the ticket's opening to `end` that its SLA clocks count: business
  /// hours outside holidays (every second when its priority's target is 24x7), none while
  /// it was pending.
  public func countedSeconds(of ticket: SLAInput, until end: Timestamp) -> Int64 {
    let calendar = config.targets[ticket.priority]?.calendar ?? .businessHours
    let clock = BusinessClock(calendar: calendar, hours: config.hours, holidays: config.holidays, offsetAtWallClock: offsetAtWallClock)
    var counted: Int64 = 0
    for stretch in SLA.runningStretches(of: ticket, now: end).stretches where stretch.start < end {
      counted += clock.seconds(from: stretch.start, to: min(stretch.end ?? end, end))
    }
    return counted
  }
}
