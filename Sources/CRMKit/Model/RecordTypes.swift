/// The record types crm knows: to add one, write its spec in `Types/` and add it here, a
/// name below and its spec in `registered` at the same position.
extension RecordType {
  public static let contact = RecordType(ordinal: 0)
  public static let company = RecordType(ordinal: 1)
  public static let deal = RecordType(ordinal: 2)
  public static let activity = RecordType(ordinal: 3)
  public static let task = RecordType(ordinal: 4)
  public static let ticket = RecordType(ordinal: 5)
  public static let campaign = RecordType(ordinal: 6)

  /// Every type's spec, at its type's ordinal: the order crm lists types in.
  static let registered: [RecordSpec] = [.contact, .company, .deal, .activity, .task, .ticket, .campaign]
}
