/// One form submission read as a lead: its values under contact keys, the message, and what
/// tells a repeat or a bot. Making one checks the values, so nothing is written for a bad one.
public struct CapturedLead: Sendable {
  /// The form's name (`--form`), if given.
  public let form: String?
  public let submission: FormSubmission
  /// The contact's fields from the form: name, emails, phones, company (as the form named
  /// it), title, source (if it sent one), then the form's other keys, slugged.
  public let fields: [Field]
  /// The text the person wrote, for the activity.
  public let message: String
  /// The keys the message came from.
  let messageKeys: Set<String>
  /// The id the form service gave the submission.
  public let submissionID: String?
  /// The honeypot key, when a bot filled it in.
  public let honeypot: String?
  /// The source of a new lead whose form sent none: the form's name.
  public var defaultSource: String { form ?? "form" }

  /// Form keys that mean a contact field whatever the form, slugged (`E-Mail` is `e_mail`).
  static let usualKeys: [String: String] = [
    "name": "name", "full_name": "name", "fullname": "name", "your_name": "name",
    "first_name": "first_name", "firstname": "first_name", "given_name": "first_name",
    "last_name": "last_name", "lastname": "last_name", "family_name": "last_name", "surname": "last_name",
    "email": "emails", "e_mail": "emails", "email_address": "emails", "mail": "emails", "your_email": "emails",
    "phone": "phones", "tel": "phones", "telephone": "phones", "phone_number": "phones", "mobile": "phones",
    "company": "company", "company_name": "company", "organization": "company", "organisation": "company",
    "title": "title", "job_title": "title", "jobtitle": "title", "position": "title", "role": "title",
    "message": "message", "comments": "message", "comment": "message", "enquiry": "message", "inquiry": "message",
    "your_message": "message",
    "utm_source": "source", "source": "source",
  ]

  /// Contact keys crm or its schema manage: a form key that slugs to one of them is kept
  /// under `form_` and the slug, so a form can never set a lead's status, owner or score.
  static let managedKeys: Set<String> = Set(RecordType.contact.fields.map(\.key)).union([
    "type", "notes", "created", "updated", "first_name", "last_name", "message", "activities",
  ])

  /// The keys a form may map to with `--map` or `forms.NAME.map`: the contact's own and any
  /// custom one, but none crm manages.
  static let mappable: Set<String> = ["name", "first_name", "last_name", "emails", "phones", "company", "title", "message", "source"]

  /// Reads `submission` as a lead: `map` (contact key → form key, from the form's config and
  /// then `--map`) over the usual keys; the honeypot and submission id keys are the form's,
  /// else the `leads:` section's.
  public init(
    _ submission: FormSubmission, form: String?, config: FormConfig, leads: LeadsConfig, map: [String: String]
  ) throws(CRMError) {
    self.form = form
    self.submission = submission
    var targetOf: [String: String] = [:]
    for (field, key) in config.map.merging(map, uniquingKeysWith: { $1 }) { targetOf[key] = Self.contactKey(field) }
    // A bot fills in any field it finds: the form's honeypot and the section's are both traps.
    let honeypots = Set([config.honeypot, leads.honeypot].compactMap { $0.map(Self.slug) })
    let idKey = config.submissionID ?? "submission_id"
    var values: [String: [String]] = [:]
    var custom: [Field] = []
    var honeypot: String?
    var submissionID: String?
    var messageKeys: Set<String> = []
    for pair in submission.pairs {
      let slug = Self.slug(pair.key)
      if honeypots.contains(slug) {
        honeypot = honeypot ?? pair.key
        continue
      }
      if pair.key == idKey {
        submissionID = pair.value
        continue
      }
      let target = targetOf[pair.key] ?? Self.usualKeys[slug]
      guard let target, Self.mappable.contains(target) else {
        // A key mapped to a custom field keeps that name; any other its own, slugged.
        let key = target ?? (slug.isEmpty || Self.managedKeys.contains(slug) || !LeadsConfig.isKey(slug) ? "form_" + slug : slug)
        if !custom.contains(where: { $0.key == key }) { custom.append(Field(key, .string(pair.value))) }
        continue
      }
      if target == "message" {
        messageKeys.insert(pair.key)
        values[target, default: []].append(pair.value)
        continue
      }
      // Without the spaces and line breaks around it, which a pasted value often brings.
      let value = String(pair.value.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
      if value.contains(where: \.isNewline) || value.contains("\t") {
        throw CRMError(.data, "the submission's '\(pair.key.inOneLine)' must be one line, not '\(value.inOneLine)'")
      }
      values[target, default: []].append(value)
    }
    self.honeypot = honeypot
    self.submissionID = submissionID
    self.messageKeys = messageKeys
    message = (values["message"] ?? []).joined(separator: "\n\n")
    guard honeypot == nil else {
      fields = []
      return
    }

    var emails: [String] = []
    for email in (values["emails"] ?? []).flatMap({ $0.split(separator: ",").map { String($0).trimmingSpaces } }) where !email.isEmpty {
      guard Scalars.isEmail(email) else { throw CRMError(.data, "the submission's email is not an address: '\(email)'") }
      if !emails.contains(where: { $0.lowercased() == email.lowercased() }) { emails.append(email) }
    }
    // A phone crm cannot read is kept as written when there is an email to know the person by.
    var phones: [String] = []
    for phone in values["phones"] ?? [] where !phone.isEmpty {
      let digits = Self.normalisedPhone(phone)
      if digits == nil && emails.isEmpty {
        throw CRMError(.data, "the submission's phone is not a phone number: '\(phone)', and it has no email: crm cannot tell who sent it")
      }
      if digits == nil || !phones.contains(where: { Self.normalisedPhone($0) == digits }) { phones.append(phone) }
    }
    if emails.isEmpty && phones.isEmpty {
      throw CRMError(
        .data, "the submission has no email and no phone: crm cannot tell who sent it",
        hint: "say which of its keys holds them: --map email=KEY or --map phone=KEY")
    }
    var name = values["name"]?.first ?? ""
    if name.isEmpty { name = [values["first_name"]?.first, values["last_name"]?.first].compactMap { $0 }.joined(separator: " ") }
    if name.isEmpty { name = emails.first.map { String($0.split(separator: "@").first ?? "") } ?? phones.first ?? "" }
    var fields = [Field("name", .string(name))]
    if !emails.isEmpty { fields.append(Field("emails", .list(emails.map { .string($0) }))) }
    if !phones.isEmpty { fields.append(Field("phones", .list(phones.map { .string($0) }))) }
    for key in ["company", "title", "source"] {
      if let value = values[key]?.first, !value.isEmpty { fields.append(Field(key, .string(value))) }
    }
    self.fields = fields + custom
  }

  /// The contact key `--map FIELD=KEY` names, as written: one crm manages cannot be filled.
  static func contactKey(_ field: String) -> String {
    ["email": "emails", "phone": "phones"][field] ?? field
  }

  /// Checks a `--map FIELD=KEY`'s field: a key a form may fill.
  public static func checkMapTarget(_ field: String) throws(CRMError) {
    let key = contactKey(field)
    guard mappable.contains(key) || (LeadsConfig.isKey(key) && !managedKeys.contains(key)) else {
      throw CRMError(
        .usage, "--map cannot fill '\(field)'",
        hint: "map to name, first_name, last_name, email, phone, company, title, message, source or a custom key")
    }
  }

  /// A form key as a contact key: lower_snake_case, accents folded.
  static func slug(_ key: String) -> String {
    String(RecordID.slug(key, maximumLength: 60).map { $0 == "-" ? "_" : $0 })
  }

  /// A phone number's digits without a leading international prefix (`+49 30 1234` and
  /// `0049301234` are the same); nil when it has other characters or too few digits.
  public static func normalisedPhone(_ phone: String) -> String? {
    guard phone.allSatisfy({ $0.isASCII && ($0.isNumber || " +-()./".contains($0)) }) else { return nil }
    var digits = Substring(phone.filter(\.isNumber))
    if phone.trimmingSpaces.hasPrefix("00") || phone.trimmingSpaces.hasPrefix("+") {
      digits = digits.drop { $0 == "0" }
    }
    return digits.count >= 3 ? String(digits) : nil
  }

  /// The value the form sent for `key` of the contact.
  public subscript(key: String) -> Value? { fields.first { $0.key == key }?.value }
}

/// What capturing a lead writes, worked out from the records under the lock.
public struct LeadCapturePlan: Sendable {
  /// The contact the submission is about: an existing one, or the one to create.
  public var contactID: String
  /// The new contact's fields, when nobody with its email or phone was there.
  public var newContact: [Field]?
  /// What to fill in on the existing contact: only fields it has empty.
  public var changes: [Change] = []
  /// The form's values that differ from the existing contact's, which stay as they are.
  public var conflicts: [String] = []
  /// The company to create, when the form named one nobody has (or an email domain).
  public var newCompany: (id: String, fields: [Field])?
  /// The activity's fields and text.
  public var activity: [Field] = []
  public var activityBody = ""

  /// Works out the writes for `capture` now: the contact by email or phone, else a new
  /// lead with the owner and score the config gives; the company; the form activity. `newID` gives
  /// a free id for a name.
  public static func plan(
    _ capture: CapturedLead, in index: RecordIndex, config: Config, clock: CRMClock, newID: (RecordType, String) -> String
  ) throws(CRMError) -> LeadCapturePlan {
    let at = clock.now
    let scoring = try LeadScoring(config.scoring, clock: clock)
    let assignment = try LeadAssignment(config.leads, clock: clock)
    let existing = Self.contact(for: capture, in: index)
    var plan = LeadCapturePlan(contactID: existing?.id ?? newID(.contact, capture["name"]?.string ?? ""))
    var fields = capture.fields
    if let i = fields.firstIndex(where: { $0.key == "company" }), let name = fields[i].value.string {
      fields[i].value = .string(plan.companyID(named: name, domain: nil, in: index, newID: newID))
    } else if config.leads.companyFromDomain, let domain = capture["emails"]?.items.first?.string?.split(separator: "@").last,
      !config.leads.freeMail.contains(domain.lowercased())
    {
      fields.append(Field("company", .string(plan.companyID(named: nil, domain: domain.lowercased(), in: index, newID: newID))))
    }
    if let existing {
      plan.fill(existing, from: fields)
      // A company the contact does not take is not made.
      if !plan.changes.contains(where: { $0.key == "company" }) { plan.newCompany = nil }
    } else {
      if !fields.contains(where: { $0.key == "source" }) { fields.append(Field("source", .string(capture.defaultSource))) }
      fields.append(Field("status", .string("lead")))
      var lead = Record(
        type: .contact, id: plan.contactID, path: "", fields: fields, body: "",
        derived: [Field("last_contacted", .timestamp(at)), Field("activity_count", .integer(1))])
      if let owner = assignment.owner(for: lead, among: index[.contact]) {
        fields.append(Field("owner", .string(owner)))
        lead = Record(type: .contact, id: plan.contactID, path: "", fields: fields, body: "", derived: lead.derived)
      }
      if let scoring { fields.append(Field("score", .integer(scoring.score(lead).total))) }
      plan.newContact = fields
    }
    if let existing, let scoring {
      let count = existing["activity_count"].flatMap { if case .integer(let n) = $0 { n } else { nil } } ?? 0
      let after = Record(
        type: .contact, id: existing.id, path: existing.path, fields: plan.applied(to: existing.fields), body: existing.body,
        derived: [Field("last_contacted", .timestamp(at)), Field("activity_count", .integer(count + 1))])
      let score = scoring.score(after).total
      if existing["score"] != .integer(score) { plan.changes.append(.set("score", .integer(score))) }
    }
    // The contact's company once the capture is written.
    let taken = existing == nil || plan.changes.contains { $0.key == "company" }
    let company = existing?["company"].flatMap { $0.isPresent ? $0 : nil } ?? (taken ? fields.first { $0.key == "company" }?.value : nil)
    plan.activity = capture.activityFields(contact: plan.contactID, company: company, at: at)
    plan.activityBody = capture.activityBody(conflicts: plan.conflicts)
    return plan
  }

  /// The contact with one of the submission's emails (any of theirs, any case), else with one
  /// of its phone numbers (digits compared, without the international prefix).
  static func contact(for capture: CapturedLead, in index: RecordIndex) -> Record? {
    for email in capture["emails"]?.items.compactMap(\.string) ?? [] {
      if let found = index.contacts(withEmail: email).first { return found }
    }
    let phones = Set((capture["phones"]?.items.compactMap(\.string) ?? []).compactMap(CapturedLead.normalisedPhone))
    guard !phones.isEmpty else { return nil }
    return index[.contact].first { contact in
      contact["phones"]?.items.contains { $0.string.flatMap(CapturedLead.normalisedPhone).map(phones.contains) ?? false } ?? false
    }
  }

  /// The id of the company named `name` (any case), or with `domain`; else a new one's.
  private mutating func companyID(named name: String?, domain: String?, in index: RecordIndex, newID: (RecordType, String) -> String) -> String {
    if let name, let found = index.records(.company, named: name).first { return found.id }
    if let domain, let found = index[.company].first(where: { $0["domain"]?.string?.lowercased() == domain }) { return found.id }
    let title = name ?? domain ?? ""
    let id = newID(.company, title)
    newCompany = (id, [Field("name", .string(title))] + (domain.map { [Field("domain", .string($0))] } ?? []))
    return id
  }

  /// Fills the fields `contact` has empty with the form's; a different value it has already
  /// is kept, and the form's goes into the activity.
  private mutating func fill(_ contact: Record, from fields: [Field]) {
    for field in fields {
      let has = contact[field.key]
      switch field.key {
      case "emails", "phones":
        let known = Set((has?.items ?? []).compactMap { item in item.string.map { field.key == "emails" ? $0.lowercased() : CapturedLead.normalisedPhone($0) ?? $0 } })
        for item in field.value.items.compactMap(\.string) {
          let key = field.key == "emails" ? item.lowercased() : CapturedLead.normalisedPhone(item) ?? item
          if has?.isPresent ?? false {
            if !known.contains(key) { conflicts.append("\(field.key == "emails" ? "email" : "phone") '\(item)' (the contact has \(has?.text() ?? ""))") }
          } else {
            changes.append(.add(field.key, .string(item)))
          }
        }
      default:
        guard let has, has.isPresent else {
          changes.append(.set(field.key, field.value))
          continue
        }
        if has.text().lowercased() != field.value.text().lowercased() {
          conflicts.append("\(field.key) '\(field.value.text())' (the contact has '\(has.text())')")
        }
      }
    }
  }

  /// `fields` with this plan's changes made, for scoring the contact as it will be.
  func applied(to fields: [Field]) -> [Field] {
    var result = fields
    for change in changes {
      switch change {
      case .set(let key, let value):
        if let i = result.firstIndex(where: { $0.key == key }) { result[i].value = value } else { result.append(Field(key, value)) }
      case .add(let key, let item):
        if let i = result.firstIndex(where: { $0.key == key }) { result[i].value = .list(result[i].value.items + [item]) } else { result.append(Field(key, .list([item]))) }
      default: continue
      }
    }
    return result
  }
}

extension CapturedLead {
  /// The form activity already logged for this submission: one of the same form with its
  /// submission id, or with the same payload within a minute of `at`.
  public func repeated(in activities: [Record], at: Timestamp) -> Record? {
    activities.first { activity in
      // Ids are the form service's: two forms may both have a submission 123.
      guard activity["kind"]?.string == "form", activity["form"]?.string == form else { return false }
      if let submissionID, activity["submission_id"]?.string == submissionID { return true }
      guard activity["submission_hash"]?.string == submission.digest, case .timestamp(let then)? = activity["at"] else { return false }
      return abs(then.seconds - at.seconds) <= 60
    }
  }

  func activityFields(contact: String, company: Value?, at: Timestamp) -> [Field] {
    var fields = [
      Field("kind", .string("form")), Field("at", .timestamp(at)), Field("contacts", .list([.string(contact)])),
      Field("direction", .string("in")),
    ]
    if let company { fields.append(Field("company", company)) }
    if let form { fields.append(Field("form", .string(form))) }
    if let submissionID { fields.append(Field("submission_id", .string(submissionID))) }
    fields.append(Field("submission_hash", .string(submission.digest)))
    return fields
  }

  /// The message, then every key the form sent (the honeypot too), then what the contact
  /// already had otherwise.
  func activityBody(conflicts: [String]) -> String {
    var text = message.trimmingTrailingSpaces
    if !text.isEmpty { text += "\n\n" }
    text += "Submitted " + (form.map { "the \($0) form" } ?? "a form") + ":\n\n"
    for pair in submission.pairs {
      guard !messageKeys.contains(pair.key) else {
        text += "- \(pair.key): (the text above)\n"
        continue
      }
      let value = pair.value.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: "\n  ")
      text += "- \(pair.key): \(value)\n"
    }
    if !conflicts.isEmpty {
      text += "\nKept on the contact, not the form's:\n\n" + conflicts.map { "- " + $0 + "\n" }.joined()
    }
    return text
  }
}
