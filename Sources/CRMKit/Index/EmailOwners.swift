extension RecordIndex {
  /// Refuses an address that is not one, or that a contact other than `id` already has:
  /// each address lives on one contact, or `crm check` would flag it.
  public func checkEmailsFree(_ emails: [String], except id: String?) throws(CRMError) {
    for email in emails {
      guard Scalars.isEmail(email) else { throw CRMError(.usage, "'\(email)' is not an email address") }
      if let owner = contacts(withEmail: email).first(where: { $0.id != id }) {
        throw CRMError(
          .failed, "email '\(email)' already belongs to \(owner.id) (\(owner.title))",
          hint: "each address lives on one contact; see 'crm contact show \(owner.id)'")
      }
    }
  }
}
