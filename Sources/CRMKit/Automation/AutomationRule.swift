/// One rule of the `automation:` section: when it runs (on a change, or every day for a type's
/// records), which records it acts on (a filter), and what it does. Only the fixed actions
/// below exist, so a rule can never run a program: rules work in any clone, trusted or not.
public struct AutomationRule: Sendable {
  /// What makes a rule run.
  public enum Trigger: Sendable, Equatable {
    /// A change to a record of the type: `contact.created`, `deal.stage_changed`…
    case event(RecordType, EventKind)
    /// `crm automate run`, at most once per period for each record of the type.
    case every(Period, RecordType)
  }

  public enum EventKind: String, Sendable, CaseIterable {
    case created, changed, deleted
    /// A deal's stage changed (a deal's `changed` fires too).
    case stageChanged = "stage_changed"
  }

  /// What a rule does to the record it acts on. Texts are Mustache templates of the record's
  /// fields (`{{name}}`), rendered when the rule fires.
  public enum Action: Sendable {
    case set([(key: String, value: Template)])
    case tag([String])
    case untag([String])
    /// A task linked to the record: its title, due date (a date expression) and priority.
    case task(title: Template, due: String?, priority: String?)
    /// Moves a deal to a stage.
    case move(String)
    /// An activity about the record.
    case log(kind: String, text: Template)
    /// A line for whoever ran the command, kept in `crm automate log`.
    case notify(Template)

    /// The action's name, as the config writes it.
    public var name: String {
      switch self {
      case .set: return "set"
      case .tag: return "tag"
      case .untag: return "untag"
      case .task: return "task"
      case .move: return "move"
      case .log: return "log"
      case .notify: return "notify"
      }
    }
  }

  public let name: String
  public let trigger: Trigger
  public let filter: ConfigFilter?
  public let actions: [Action]
  /// Where the rule is written in the config, for `crm automate check`.
  public let location: SourceLocation

  /// The type of the records the rule acts on.
  public var type: RecordType {
    switch trigger {
    case .event(let type, _), .every(_, let type): return type
    }
  }

  /// The types a rule may act on.
  static let types: [RecordType] = [.contact, .company, .deal, .task, .ticket, .activity]

  /// Reads the `automation:` list.
  static func readAll(_ node: YAMLNode) throws(CRMError) -> [AutomationRule] {
    if ConfigNode.isAbsent(node) { return [] }
    guard case .sequence(let items, _, _, _) = node else {
      throw ConfigNode.fail("'automation' must be a list of rules like - {name: …, on: contact.created, do: [...]}", node)
    }
    var rules: [AutomationRule] = []
    for item in items {
      let rule = try read(item)
      if rules.contains(where: { $0.name == rule.name }) {
        throw ConfigNode.fail("two automation rules are named '\(rule.name)': each needs a name of its own", item["name"] ?? item)
      }
      rules.append(rule)
    }
    return rules
  }

  private static func read(_ item: YAMLNode) throws(CRMError) -> AutomationRule {
    guard item.entries != nil else { throw ConfigNode.fail("each automation rule must be a mapping with name, on (or every and for), if and do", item) }
    let name = try ConfigNode.text(item["name"] ?? item, "automation rule name")
    let what = "automation rule '\(name)'"
    let trigger: Trigger
    switch (item["on"], item["every"]) {
    case (let on?, nil):
      let text = on.scalar?.value ?? ""
      let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
      guard parts.count == 2, let type = types.first(where: { $0.rawValue == parts[0] }), let kind = EventKind(rawValue: parts[1]),
        kind != .stageChanged || type == .deal
      else {
        throw ConfigNode.fail(
          "\(what): 'on' must be TYPE.EVENT like contact.created (contact, company, deal, task, ticket or activity; created, changed or deleted; deal.stage_changed)"
            + ConfigNode.given(on), on)
      }
      if item["for"] != nil { throw ConfigNode.fail("\(what): 'for' goes with 'every'; 'on' names its type already", item["for"] ?? item) }
      trigger = .event(type, kind)
    case (nil, let every?):
      guard let text = every.scalar?.value, let period = Period(rawValue: text), [.day, .week, .month].contains(period) else {
        throw ConfigNode.fail("\(what): 'every' must be day, week or month" + ConfigNode.given(every), every)
      }
      guard let node = item["for"], let type = types.first(where: { $0.rawValue == node.scalar?.value }) else {
        throw ConfigNode.fail("\(what): 'every' needs 'for:' the type it goes through: contact, company, deal, task, ticket or activity", item["for"] ?? item)
      }
      trigger = .every(period, type)
    case (.some(let on), .some):
      throw ConfigNode.fail("\(what): give 'on' (a change) or 'every' (a schedule), not both", on)
    case (nil, nil):
      throw ConfigNode.fail("\(what) needs 'on: TYPE.EVENT' (like contact.created) or 'every: day' with 'for: TYPE'", item)
    }
    var filter: ConfigFilter?
    if let node = item["if"], !ConfigNode.isAbsent(node) {
      guard let text = node.scalar?.value else { throw ConfigNode.fail("\(what): 'if' must be a filter like \"status:lead\"", node) }
      filter = ConfigFilter(text: text, location: SourceLocation(path: Config.path, mark: node.start))
    }
    guard let doNode = item["do"], !ConfigNode.isAbsent(doNode) else {
      throw ConfigNode.fail("\(what) needs 'do:' a list of actions like [{tag: stale}]", item)
    }
    let actionNodes: [YAMLNode]
    if case .sequence(let list, _, _, _) = doNode { actionNodes = list } else { actionNodes = [doNode] }
    var type: RecordType
    switch trigger {
    case .event(let t, _), .every(_, let t): type = t
    }
    let actions = try actionNodes.map { node throws(CRMError) in try readAction(node, rule: what, type: type) }
    guard !actions.isEmpty else { throw ConfigNode.fail("\(what) needs at least one action under 'do'", doNode) }
    return AutomationRule(
      name: name, trigger: trigger, filter: filter, actions: actions, location: SourceLocation(path: Config.path, mark: item.start))
  }

  private static func readAction(_ node: YAMLNode, rule: String, type: RecordType) throws(CRMError) -> Action {
    guard let entries = node.entries, entries.count == 1, let entry = entries.first else {
      throw ConfigNode.fail("\(rule): each action is one key: set, tag, untag, task, move, log or notify, like {tag: stale}", node)
    }
    let value = entry.value
    let action = "\(rule): '\(entry.key.value)'"
    func template(_ node: YAMLNode, _ what: String) throws(CRMError) -> Template {
      guard let text = node.scalar?.value, !text.isEmpty else { throw ConfigNode.fail("\(action) needs \(what)", node) }
      return try Template(text, at: SourceLocation(path: Config.path, mark: node.start))
    }
    switch entry.key.value {
    case "set":
      guard let pairs = value.entries, !pairs.isEmpty else { throw ConfigNode.fail("\(action) must map fields to values, like {status: prospect}", value) }
      var fields: [(String, Template)] = []
      for pair in pairs {
        let key = pair.key.value
        guard LeadsConfig.isKey(key), !["id", "type", "created", "updated", "history"].contains(key), !Derived.keys(of: type).contains(key) else {
          throw ConfigNode.fail("\(action) cannot set '\(key)'", .scalar(pair.key))
        }
        if type == .deal && key == "stage" { throw ConfigNode.fail("\(action): a deal's stage changes with 'move', which keeps its history", .scalar(pair.key)) }
        fields.append((key, try template(pair.value, "a value for '\(key)'")))
      }
      return .set(fields)
    case "tag", "untag":
      let tags = try ConfigNode.list(value, "\(rule) \(entry.key.value)", "tags like [stale]")
      return entry.key.value == "tag" ? .tag(tags) : .untag(tags)
    case "task":
      let title: YAMLNode
      var due: String?
      var priority: String?
      if value.entries == nil {
        title = value
      } else {
        title = value["title"] ?? value
        if let node = value["due"] { due = try ConfigNode.text(node, "\(rule) task due") }
        if let node = value["priority"] {
          guard let p = node.scalar?.value, ["high", "normal", "low"].contains(p) else {
            throw ConfigNode.fail("\(action): 'priority' must be high, normal or low" + ConfigNode.given(node), node)
          }
          priority = p
        }
      }
      return .task(title: try template(title, "a title, like {title: \"Call {{name}}\", due: +1d}"), due: due, priority: priority)
    case "move":
      guard type == .deal else { throw ConfigNode.fail("\(action) moves deals: the rule is for \(type.folder)", node) }
      guard let stage = value.scalar?.value, RecordID.isValid(stage) else { throw ConfigNode.fail("\(action) needs a stage, like {move: qualified}", value) }
      return .move(stage)
    case "log":
      if value.entries != nil {
        let kind = value["kind"]?.scalar?.value ?? "note"
        guard ["call", "email", "meeting", "note", "chat", "sms", "social"].contains(kind) else {
          throw ConfigNode.fail("\(action): 'kind' must be call, email, meeting, note, chat, sms or social", value["kind"] ?? value)
        }
        return .log(kind: kind, text: try template(value["text"] ?? value, "a text, like {log: \"Sent the brochure\"}"))
      }
      return .log(kind: "note", text: try template(value, "a text, like {log: \"Sent the brochure\"}"))
    case "notify":
      return .notify(try template(value, "a text, like {notify: \"{{title}} is stale\"}"))
    case "email":
      throw ConfigNode.fail(
        "\(action): emails are sent by campaigns, which this version of crm does not have: the rule would do half its work", .scalar(entry.key))
    default:
      throw ConfigNode.fail("\(rule): '\(entry.key.value)' is not an action: set, tag, untag, task, move, log or notify", .scalar(entry.key))
    }
  }
}
