/// Where a problem is: a path relative to the repo (or as the user typed it) and an optional mark.
public struct SourceLocation: Sendable, Equatable {
  public var path: String
  public var mark: SourceMark?

  public init(path: String, mark: SourceMark? = nil) {
    self.path = path
    self.mark = mark
  }

  /// `path:line:column`, or just `path` when there is no mark.
  public var description: String {
    guard let mark else { return path }
    let position = "\(mark.line):\(mark.column)"
    return path.isEmpty ? position : path + ":" + position
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
