import ArgumentParser
import CRMKit

/// A record type as a command noun, so list/show/rm are written once for every type.
protocol RecordNoun {
  static var type: RecordType { get }
  /// An example WHO for help texts.
  static var example: String { get }
}

/// Completes record ids from the file names in the type's folder (no parsing, so it is
/// instant), and stage names from the config.
enum IDCompletion {
  static func ids(_ type: RecordType) -> CompletionKind {
    .custom { words, _, prefix in
      guard let repo = repo(words) else { return [] }
      return repo.list([type]).records.map { Record.stem(of: $0.path) }.filter { $0.hasPrefix(prefix) }
    }
  }

  static var stages: CompletionKind {
    .custom { words, _, prefix in
      (repo(words)?.config.stages ?? Config.defaultStages).map(\.name).filter { $0.hasPrefix(prefix) }
    }
  }

  /// The repo the command line being completed points at.
  private static func repo(_ words: [String]) -> Repository? {
    var explicit: String?
    if let i = words.firstIndex(where: { $0 == "-C" || $0 == "--repo" }), i + 1 < words.count { explicit = words[i + 1] }
    return try? Repository.discover(explicit: explicit, environment: Environment.variables, directory: FileSystem.currentDirectory())
  }
}
