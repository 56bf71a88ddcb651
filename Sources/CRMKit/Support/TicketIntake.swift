/// What a ticket opened from a customer's email takes from it: the sender is who asked, the
/// subject the title, the new text (without the quoted message it answers) the description,
/// the Date when it was opened, and the Message-ID, so the same email never opens two.
public struct TicketIntake: Sendable, Equatable {
  public let sender: MailAddress
  public let title: String
  public let description: String
  public let openedAt: Timestamp?
  public let messageID: String?

  public init(_ message: MailMessage) throws(CRMError) {
    guard let sender = message.from.first else { throw CRMError(.usage, "the email has no From address: crm cannot tell who asked") }
    self.sender = sender
    let subject = Self.withoutReplyPrefixes(Self.oneLine(message.subject ?? ""))
    title = subject.isEmpty ? "(no subject)" : subject
    description = Self.withoutQuotedMessage(message.text)
    openedAt = message.date
    messageID = message.messageID
  }

  /// The name for a contact made from the sender: their display name, else the address
  /// before the `@`.
  public var senderName: String {
    let name = Self.oneLine(sender.name ?? "")
    return name.isEmpty ? String(sender.email.split(separator: "@").first ?? "") : name
  }

  /// Header text as one line: control characters and line or paragraph separators (a tab, an
  /// encoded line break) become spaces, runs of spaces one.
  static func oneLine(_ text: String) -> String {
    let scalars = text.unicodeScalars.map { scalar -> Unicode.Scalar in
      let v = scalar.value
      return v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 ? " " : scalar
    }
    return String(String.UnicodeScalarView(scalars)).split(separator: " ").joined(separator: " ")
  }

  /// The ticket opened from the email with `messageID` already, if any.
  public static func ticket(openedFrom messageID: String?, in index: RecordIndex) -> Record? {
    guard let messageID else { return nil }
    return index[.ticket].first { $0["message_id"]?.string == messageID }
  }

  /// `Re: Fwd: Login fails` → `Login fails`.
  static func withoutReplyPrefixes(_ subject: String) -> String {
    var text = subject.trimmingSpaces
    while let colon = text.firstIndex(of: ":"), ["re", "fw", "fwd", "aw", "sv", "tr"].contains(text[..<colon].lowercased()) {
      text = String(text[text.index(after: colon)...]).trimmingSpaces
    }
    return text
  }

  /// The text above a quoted message at its end: the `>` lines that end it, the `On … wrote:`
  /// line before them, or everything from an `-----Original Message-----` line on. Quotes
  /// answered between the lines are part of what the customer wrote, and stay.
  static func withoutQuotedMessage(_ text: String) -> String {
    // "\r\n" is one Character, a newline like "\n".
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
    if let original = lines.firstIndex(where: { $0.trimmingSpaces.hasPrefix("-----Original Message-----") }) {
      lines.removeSubrange(original...)
    }
    var end = lines.count
    while end > 0, lines[end - 1].trimmingSpaces.isEmpty || lines[end - 1].hasPrefix(">") { end -= 1 }
    if end < lines.count, lines[end...].contains(where: { $0.hasPrefix(">") }) {
      lines.removeSubrange(end...)
      if let last = lines.last, last.trimmingSpaces.hasSuffix("wrote:") { lines.removeLast() }
    }
    return lines.joined(separator: "\n").trimmingTrailingSpaces + "\n"
  }
}
