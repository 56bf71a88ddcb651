/// An email address with its display name, as in `"Jane Doe" <jane@acme.example>`.
public struct MailAddress: Sendable, Equatable {
  public let name: String?
  /// Lowercased, for matching contacts.
  public let email: String
}

/// The parts of an RFC 5322 message a CRM logs: who, when, what about, and the text.
public struct MailMessage: Sendable {
  public var from: [MailAddress] = []
  public var to: [MailAddress] = []
  public var cc: [MailAddress] = []
  public var date: Timestamp?
  public var subject: String?
  /// Without the angle brackets.
  public var messageID: String?
  /// The text/plain part (or the text of an HTML part when there is none), decoded.
  public var text = ""

  /// Parses a message; MIME encoded words in headers are decoded, multipart bodies give their
  /// text/plain part, base64 and quoted-printable bodies are decoded by their charset.
  public static func parse(_ bytes: [UInt8]) throws(CRMError) -> MailMessage {
    let (headers, body) = MIMEPart.split(bytes)
    guard headers.contains(where: { $0.name == "from" || $0.name == "to" || $0.name == "message-id" }) else {
      throw CRMError(.usage, "not an email message: no From, To or Message-ID header")
    }
    var message = MailMessage()
    func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }
    message.from = header("from").map(MailAddress.list) ?? []
    message.to = headers.filter { $0.name == "to" }.flatMap { MailAddress.list($0.value) }
    message.cc = headers.filter { $0.name == "cc" }.flatMap { MailAddress.list($0.value) }
    message.subject = header("subject").map { EncodedWords.decode($0).trimmingSpaces }
    message.date = header("date").flatMap(MailDate.parse)
    if let id = header("message-id")?.trimmingSpaces {
      let bare = id.hasPrefix("<") && id.hasSuffix(">") ? String(id.dropFirst().dropLast()).trimmingSpaces : id
      message.messageID = bare.isEmpty ? nil : bare  // `<>` names no message: two of them are not one
    }
    message.text = MIMEPart(headers: headers, body: body).text() ?? ""
    return message
  }
}

/// Splits an mbox into its messages (mboxrd: a `From ` line after a blank line starts a
/// message, and `>From ` lines lose one `>`), fed chunk by chunk: a mailbox of any size is
/// read holding one message at a time. A message over `limit` bytes is not kept, only noted.
public struct Mbox {
  /// One message of the mailbox: its position, and its bytes or that it was too big.
  public struct Message: Sendable, Equatable {
    /// 1 for the first message.
    public let number: Int
    /// The line of its `From ` separator, 1-based.
    public let line: Int
    /// Nil when the message is over the limit.
    public let bytes: [UInt8]?

    public init(number: Int, line: Int, bytes: [UInt8]?) {
      self.number = number
      self.line = line
      self.bytes = bytes
    }
  }

  public let limit: Int
  private var line: [UInt8] = []  // the line being read, up to `limit` bytes and one more
  private var lineNumber = 0
  private var inMessage = false  // false before the first `From ` line
  private var number = 0
  private var start = 0
  private var body: [UInt8] = []
  private var tooBig = false
  private var previousBlank = true

  public init(limit: Int = FrontMatterFile.maximumSize) { self.limit = limit }

  /// The messages of a whole mailbox in memory.
  public static func messages(_ bytes: [UInt8], limit: Int = FrontMatterFile.maximumSize) -> [Message] {
    var mbox = Mbox(limit: limit)
    return mbox.feed(bytes) + mbox.finish()
  }

  /// The messages that `chunk`, the next bytes of the mailbox, completes.
  public mutating func feed(_ chunk: some Collection<UInt8>) -> [Message] {
    var done: [Message] = []
    var rest = chunk[...]
    while let newline = rest.firstIndex(of: 0x0A) {
      append(rest[..<newline])
      if let message = endLine() { done.append(message) }
      rest = rest[rest.index(after: newline)...]
    }
    append(rest)
    return done
  }

  /// The messages left at the end of the mailbox.
  public mutating func finish() -> [Message] {
    let last = endLine()
    defer { inMessage = false }
    return [last, ended()].compactMap { $0 }
  }

  /// Adds to the line being read; past the limit only the fact that it is long matters.
  private mutating func append(_ bytes: some Collection<UInt8>) {
    guard line.count <= limit else { return }
    line += bytes.prefix(limit + 1 - line.count)
  }

  /// Takes in the line just read; returns the message it ends, if it starts another.
  private mutating func endLine() -> Message? {
    defer { line.removeAll(keepingCapacity: true) }
    lineNumber += 1
    if previousBlank && line.starts(with: Self.separator) {
      let message = ended()
      (inMessage, number, start, body, tooBig) = (true, number + 1, lineNumber, [], false)
      previousBlank = false
      return message
    }
    var text = line[...]
    if text.first == UInt8(ascii: ">"), let from = text.firstIndex(where: { $0 != UInt8(ascii: ">") }),
      text[from...].starts(with: Self.separator)
    {
      text = text.dropFirst()
    }
    if inMessage && !tooBig {
      if body.count + text.count + 1 > limit {
        (body, tooBig) = ([], true)
      } else {
        body += text
        body.append(0x0A)
      }
    }
    previousBlank = text.isEmpty || text.elementsEqual([0x0D])
    return nil
  }

  /// The message being read, as it stands.
  private func ended() -> Message? {
    inMessage ? Message(number: number, line: start, bytes: tooBig ? nil : body) : nil
  }

  private static let separator = Array("From ".utf8)
}

extension MailAddress {
  /// Parses an address list: `a@x, "Doe, Jane" <jane@y>, Bob <bob@z> (work)`.
  static func list(_ text: String) -> [MailAddress] {
    var items: [String] = []
    var current = ""
    var inQuotes = false
    var angle = 0
    for c in text {
      switch c {
      case "\"": inQuotes.toggle()
      case "<" where !inQuotes: angle += 1
      case ">" where !inQuotes: angle -= 1
      case "," where !inQuotes && angle == 0, ";" where !inQuotes && angle == 0:
        items.append(current)
        current = ""
        continue
      default: break
      }
      current.append(c)
    }
    items.append(current)
    return items.compactMap { item in
      var item = item.trimmingSpaces
      // A group label (`friends: a@x, b@y;`) comes before the first address.
      if let colon = item.firstIndex(of: ":"), !item[..<colon].contains("<"), !item[..<colon].contains("@"),
        !item[..<colon].contains("\"")
      {
        item = String(item[item.index(after: colon)...]).trimmingSpaces
      }
      guard !item.isEmpty else { return nil }
      if let open = item.lastIndex(of: "<"), let close = item.lastIndex(of: ">"), open < close {
        let email = item[item.index(after: open)..<close].trimmingSpaces.lowercased()
        var name = EncodedWords.decode(String(item[..<open])).trimmingSpaces
        if name.hasPrefix("\"") && name.hasSuffix("\"") && name.count >= 2 { name = String(name.dropFirst().dropLast()) }
        return email.contains("@") ? MailAddress(name: name.isEmpty ? nil : name, email: email) : nil
      }
      var bare = item
      var comment: String?
      if let open = bare.firstIndex(of: "("), let close = bare.lastIndex(of: ")"), open < close {
        comment = String(bare[bare.index(after: open)..<close]).trimmingSpaces
        bare = String(bare[..<open]).trimmingSpaces
      }
      return bare.contains("@") ? MailAddress(name: comment, email: bare.lowercased()) : nil
    }
  }
}

/// One MIME entity: headers (names lowercased, values unfolded) and raw body bytes.
struct MIMEPart {
  struct Header {
    let name: String
    let value: String
  }

  let headers: [Header]
  let body: [UInt8]

  /// Headers and body of a message or part; line ends become `\n`.
  static func split(_ raw: [UInt8]) -> (headers: [Header], body: [UInt8]) {
    let bytes = raw.filter { $0 != 0x0D }
    var headers: [Header] = []
    var offset = 0
    var lines: [String] = []
    while offset < bytes.count {
      let end = bytes[offset...].firstIndex(of: 0x0A) ?? bytes.count
      let line = bytes[offset..<end]
      offset = end + 1
      if line.isEmpty { break }
      if line.first == 0x20 || line.first == 0x09, !lines.isEmpty {
        lines[lines.count - 1] += " " + String(decoding: line, as: UTF8.self).trimmingSpaces
      } else {
        lines.append(String(decoding: line, as: UTF8.self))
      }
    }
    for line in lines {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers.append(Header(name: line[..<colon].trimmingSpaces.lowercased(), value: String(line[line.index(after: colon)...]).trimmingSpaces))
    }
    return (headers, offset < bytes.count ? Array(bytes[offset...]) : [])
  }

  func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }

  /// `text/plain; charset="utf-8"` → ("text/plain", ["charset": "utf-8"]).
  var contentType: (type: String, parameters: [String: String]) {
    guard let value = header("content-type") else { return ("text/plain", [:]) }
    var parts = Self.parameters(value)
    let type = parts.removeFirst().lowercased()
    var parameters: [String: String] = [:]
    for part in parts {
      guard let eq = part.firstIndex(of: "=") else { continue }
      var v = String(part[part.index(after: eq)...]).trimmingSpaces
      if v.hasPrefix("\"") && v.hasSuffix("\"") && v.count >= 2 { v = String(v.dropFirst().dropLast()) }
      parameters[part[..<eq].trimmingSpaces.lowercased()] = v
    }
    return (type, parameters)
  }

  /// Splits on `;` outside quotes.
  private static func parameters(_ value: String) -> [String] {
    var out = [""]
    var inQuotes = false
    for c in value {
      if c == "\"" { inQuotes.toggle() }
      if c == ";" && !inQuotes { out.append("") } else { out[out.count - 1].append(c) }
    }
    return out.map { $0.trimmingSpaces }
  }

  /// The body after its transfer encoding is undone.
  var decodedBody: [UInt8] {
    switch header("content-transfer-encoding")?.lowercased() {
    case "base64"?: return Base64.decode(body)
    case "quoted-printable"?: return QuotedPrintable.decode(body)
    default: return body
    }
  }

  /// The best text of this part: text/plain, else text/html without its tags; for a
  /// multipart, the first of its parts that has text, text/plain first.
  func text() -> String? {
    let (type, parameters) = contentType
    if type.hasPrefix("multipart/"), let boundary = parameters["boundary"] {
      let parts = Self.parts(of: body, boundary: boundary)
      for wanted in ["text/plain", "text/html", "multipart/"] {
        for part in parts where part.contentType.type.hasPrefix(wanted) {
          if let text = part.text() { return text }
        }
      }
      return nil
    }
    guard type == "text/plain" || type == "text/html" else { return nil }
    let text = Charset.decode(decodedBody, parameters["charset"])
    return type == "text/html" ? Self.strippingTags(text) : text
  }

  static func parts(of body: [UInt8], boundary: String) -> [MIMEPart] {
    let delimiter = Array(("--" + boundary).utf8)
    var parts: [MIMEPart] = []
    var current: [UInt8]?
    for line in body.split(separator: 0x0A, omittingEmptySubsequences: false) {
      if line.starts(with: delimiter) {
        if let current {
          let (headers, body) = split(current)
          parts.append(MIMEPart(headers: headers, body: body))
        }
        let rest = line.dropFirst(delimiter.count)
        if rest.starts(with: Array("--".utf8)) { return parts }
        current = []
        continue
      }
      current?.append(contentsOf: Array(line) + [0x0A])
    }
    return parts
  }

  static func strippingTags(_ html: String) -> String {
    var out = ""
    var inTag = false
    for c in html {
      if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { out.append(c) }
    }
    return out.replacingOccurrences("&nbsp;", " ").replacingOccurrences("&lt;", "<").replacingOccurrences("&gt;", ">")
      .replacingOccurrences("&amp;", "&")
  }
}

/// RFC 2047 encoded words: `=?UTF-8?B?SsO8cmdlbg==?=`, `=?ISO-8859-1?Q?M=FCller?=`.
enum EncodedWords {
  static func decode(_ text: String) -> String {
    var out = ""
    var rest = Substring(text)
    var pendingSpace = ""
    var lastWasEncoded = false
    while !rest.isEmpty {
      if rest.hasPrefix("=?"), let word = encodedWord(rest) {
        if !lastWasEncoded { out += pendingSpace }  // space between two encoded words is dropped
        pendingSpace = ""
        out += word.text
        rest = rest[word.end...]
        lastWasEncoded = true
        continue
      }
      let c = rest.removeFirst()
      if c == " " || c == "\t" {
        pendingSpace.append(c)
        continue
      }
      out += pendingSpace
      pendingSpace = ""
      out.append(c)
      lastWasEncoded = false
    }
    return out + pendingSpace
  }

  private static func encodedWord(_ text: Substring) -> (text: String, end: Substring.Index)? {
    let body = text.dropFirst(2)
    guard let q1 = body.firstIndex(of: "?") else { return nil }
    let charset = String(body[..<q1]).split(separator: "*").first.map(String.init) ?? ""
    let afterCharset = body[body.index(after: q1)...]
    guard let q2 = afterCharset.firstIndex(of: "?") else { return nil }
    let encoding = afterCharset[..<q2].uppercased()
    let payloadStart = afterCharset.index(after: q2)
    guard let close = afterCharset[payloadStart...].firstRange(of: "?=") else { return nil }
    let payload = Array(afterCharset[payloadStart..<close.lowerBound].utf8)
    let bytes: [UInt8]
    switch encoding {
    case "B": bytes = Base64.decode(payload)
    case "Q": bytes = QuotedPrintable.decode(payload.map { $0 == UInt8(ascii: "_") ? 0x20 : $0 })
    default: return nil
    }
    return (Charset.decode(bytes, charset), close.upperBound)
  }
}

enum Charset {
  /// UTF-8 and ASCII as UTF-8 (invalid bytes become U+FFFD); Latin-1 and Windows-1252 byte
  /// by byte; anything else as UTF-8.
  static func decode(_ bytes: [UInt8], _ charset: String?) -> String {
    switch charset?.lowercased() {
    case "iso-8859-1"?, "latin1"?, "iso-8859-15"?, "windows-1252"?, "cp1252"?:
      var out = String.UnicodeScalarView()
      for b in bytes { out.append(Unicode.Scalar(b)) }
      return String(out)
    default:
      return String(decoding: bytes, as: UTF8.self)
    }
  }
}

enum Base64 {
  static func decode(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    var buffer: UInt32 = 0
    var bits = 0
    for b in bytes {
      let v: UInt32
      switch b {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt32(b - UInt8(ascii: "A"))
      case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt32(b - UInt8(ascii: "a") + 26)
      case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(b - UInt8(ascii: "0") + 52)
      case UInt8(ascii: "+"), UInt8(ascii: "-"): v = 62
      case UInt8(ascii: "/"), UInt8(ascii: "_"): v = 63
      default: continue  // padding, line breaks
      }
      buffer = buffer << 6 | v
      bits += 6
      if bits >= 8 {
        bits -= 8
        out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
      }
    }
    return out
  }
}

enum QuotedPrintable {
  static func decode(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    var i = 0
    func hex(_ b: UInt8) -> UInt8? {
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
      case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
      case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
      default: return nil
      }
    }
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "=") {
        if i + 1 < bytes.count && bytes[i + 1] == 0x0A {  // soft line break
          i += 2
          continue
        }
        if i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) {
          out.append(h << 4 | l)
          i += 3
          continue
        }
      }
      out.append(b)
      i += 1
    }
    return out
  }
}

/// RFC 5322 dates: `Sun, 22 Nov 2026 14:30:00 +0100` (day name and seconds optional;
/// obsolete zone names UT, GMT, EST… accepted).
enum MailDate {
  static func parse(_ text: String) -> Timestamp? {
    var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
    if let first = words.first, first.last?.isLetter == true, Int(first) == nil, first.count == 3,
      !monthNames.contains(first.lowercased())
    {
      words.removeFirst()
    }
    guard words.count >= 4, let day = Int(words[0]), let month = monthNames.firstIndex(of: words[1].lowercased()),
      var year = Int(words[2])
    else { return nil }
    if year < 100 { year += year < 50 ? 2000 : 1900 }
    let time = words[3].split(separator: ":").compactMap { Int($0) }
    guard time.count >= 2, let date = CalendarDate(year: year, month: month + 1, day: day) else { return nil }
    var offset = 0
    if words.count >= 5 {
      let zone = words[4]
      if let sign = zone.first, sign == "+" || sign == "-", zone.count == 5, let hhmm = Int(zone.dropFirst()) {
        offset = (hhmm / 100 * 3600 + hhmm % 100 * 60) * (sign == "-" ? -1 : 1)
      } else {
        offset = ["EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7][zone.uppercased()].map { $0 * 3600 } ?? 0
      }
    }
    let local = Int64(date.daysSinceEpoch) * 86400 + Int64(time[0] * 3600 + time[1] * 60 + (time.count > 2 ? time[2] : 0))
    return Timestamp(seconds: local - Int64(offset), offset: offset)
  }

  private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
}

extension String {
  func replacingOccurrences(_ target: String, _ replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var out = ""
    var rest = Substring(self)
    while let range = rest.firstRange(of: target) {
      out += rest[..<range.lowerBound] + replacement
      rest = rest[range.upperBound...]
    }
    return out + rest
  }
}
