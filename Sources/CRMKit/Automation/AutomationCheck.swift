/// `crm automate check`: what reading the config cannot tell about the rules, found by
/// trying each part on the repo's records.
public enum AutomationCheck {
  /// The problems of `rules`, each at its place in the config: a filter that does not parse
  /// for the type, a stage that is not in the pipeline, a due date that is none, a template
  /// that names a field no record of the type has, a value `set` could not store.
  public static func problems(of rules: [AutomationRule], index: RecordIndex, config: Config, clock: CRMClock) -> [CRMError] {
    var problems: [CRMError] = []
    for rule in rules {
      let type = rule.type
      let records = index[type]
      func problem(_ message: String, at location: SourceLocation? = nil) {
        problems.append(CRMError(.data, "automation rule '\(rule.name)': " + message, at: location ?? rule.location))
      }
      if let filter = rule.filter {
        do { _ = try filter.strictQuery(type, clock: clock, records: records) } catch { problems.append(error) }
      }
      let fields = Query.fields(of: type, in: records).union(["title"])
      // A record to render the templates on: one of the type, else an empty one.
      let sample = records.first ?? Record(type: type, id: "sample", path: "", fields: [], body: "")
      var templates: [Template] = []
      for action in rule.actions {
        switch action {
        case .set(let pairs):
          for (key, template) in pairs {
            templates.append(template)
            let text = template.render(sample)
            if !text.isEmpty, template.names.isEmpty {
              do { _ = try Value.parse(text, as: type.kind(of: key), field: key, clock: clock) } catch {
                problem("set: \(error.message)", at: template.location)
              }
            }
          }
        case .task(let title, let due, _):
          templates.append(title)
          if let due, clock.date(due) == nil { problem("task: 'due' must be a date like +1d or friday, not '\(due)'") }
        case .move(let stage):
          if (try? Pipeline(config).stage(named: stage)) == nil {
            problem("move: '\(stage)' is not a stage of the pipeline: " + config.stages.map(\.name).joined(separator: ", "))
          }
        case .log(_, let text), .notify(let text):
          templates.append(text)
        case .tag, .untag:
          continue
        }
      }
      for template in templates {
        for name in template.names where !fields.contains(name) {
          problem("'\(name)' in '\(template.text)' is not a field of any \(type.rawValue)", at: template.location)
        }
      }
    }
    return problems
  }
}
