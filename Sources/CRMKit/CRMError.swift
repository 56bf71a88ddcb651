/// Where a problem is: a path relative to the repo (or as the user typed it) and an optional mark.
public struct SourceLocation: Sendable, Equatable {
  public var path: String
  public var mark: SourceMark?

  public init(path: String, mark: SourceMark? = nil) {
    self.path = path
    self.mark = mark
  }

  /// `path:line:column`, or just `path` when there is no mark; a file name's line breaks
  /// and other control characters written as `\x0A`, so a problem stays on one line.
  public var description: String {
    guard let mark else { return path.inOneLine }
    let position = "\(mark.line):\(mark.column)"
    return path.isEmpty ? position : path.inOneLine + ":" + position
  }
}

extension String {
  /// The text with its control characters, line breaks and tabs too, written as `\xNN`:
  /// a file name quoted in a message cannot split it into lines or move the cursor.
  public var inOneLine: String { escapingControlCharacters(keepingLineBreaks: false) }

  /// The text with the C0 and C1 control characters and DEL written as `\xNN` (`\x1B` for
  /// ESC); line breaks and tabs are kept if `keepingLineBreaks`.
  public func escapingControlCharacters(keepingLineBreaks: Bool) -> String {
    func isControl(_ v: UInt32) -> Bool {
      (v < 0x20 && !(keepingLineBreaks && (v == 0x0A || v == 0x09))) || (0x7F...0x9F).contains(v)
    }
    guard unicodeScalars.contains(where: { isControl($0.value) }) else { return self }
    var out = ""
    for scalar in unicodeScalars {
      if isControl(scalar.value) {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}

/// Every failure CRMKit reports. The CLI maps `kind` to an exit code and prints
/// `location: message` and an optional `hint:` line.
public struct CRMError: Error, Sendable, Equatable {
  /// The failure classes of SPEC §8, one per exit code.
  public enum Kind: Sendable, Equatable {
    /// Bad flag, filter, date or value given on the command line (64).
    case usage
    /// A file in the repo is malformed or invalid (65).
    case data
    /// No such record, or no repo (66).
    case notFound
    /// Anything else, such as an ambiguous reference (1).
    case failed
    /// A file could not be written (73).
    case cannotWrite
    /// The write lock stayed busy (75).
    case lockBusy
  }

  public var kind: Kind
  public var message: String
  public var location: SourceLocation?
  public var hint: String?

  public init(_ kind: Kind, _ message: String, at location: SourceLocation? = nil, hint: String? = nil) {
    self.kind = kind
    self.message = message
    self.location = location
    self.hint = hint
  }

  /// The one-line form: `path:line:col: message`, or just the message.
  public var description: String {
    guard let location, !location.description.isEmpty else { return message }
    return "\(location.description): \(message)"
  }

  /// Orders problems by the path of their file (problems without one first).
  public static func byPath(_ a: CRMError, _ b: CRMError) -> Bool { a.location?.path ?? "" < b.location?.path ?? "" }

  /// The problem as the fault of a value the user gave for a write (a bad `--name`): a usage
  /// error, without the line of a file that was never written.
  public var asBadInput: CRMError { CRMError(.usage, message, hint: hint) }

  /// The same problem placed in a file: marks from a parse of part of a file are made
  /// relative to the whole file by the caller, so only the path is set here.
  public func located(in path: String) -> CRMError {
    var copy = self
    copy.location = SourceLocation(path: path, mark: location?.mark)
    return copy
  }
}
