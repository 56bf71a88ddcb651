import ArgumentParser
import CRMKit

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// What crm does with the command line before argument-parser sees it, so it reads like git's:
/// options every command takes may come anywhere before the subcommand, and a mistyped
/// command or verb is named with a suggestion rather than reported as "unexpected arguments".
enum CommandLineWords {
  /// The options of `StoreOptions` that argument-parser only reads after the last subcommand.
  static let globalWithValue: Set<String> = ["-C", "--repo", "--lock-timeout", "--color"]
  static let globalFlags: Set<String> = ["--no-cache", "--no-color"]

  /// `arguments` with the global options found among the subcommand names moved to just
  /// after them (`crm -C DIR contact list` is parsed as `crm contact list -C DIR`).
  static func prepare(_ arguments: [String], root: any ParsableCommand.Type) throws(CRMError) -> [String] {
    var path: [String] = []
    var global: [String] = []
    var command = root
    var index = 0
    while index < arguments.count {
      let word = arguments[index]
      if globalWithValue.contains(word), index + 1 < arguments.count,
        word != "--color" || ColorChoice(rawValue: arguments[index + 1]) != nil
      {
        global += arguments[index...(index + 1)]
        index += 2
      } else if word.hasPrefix("-C") && word.count > 2 {
        global += ["-C", String(word.dropFirst(2))]  // argument-parser reads no value glued to a short option
        index += 1
      } else if globalFlags.contains(word) || isGlobalWithInlineValue(word) {
        global.append(word)
        index += 1
      } else if word.hasPrefix("-") || command.configuration.subcommands.isEmpty {
        break  // the command's own options and arguments, `--`, --help, --version
      } else if let sub = command.configuration.subcommands.first(where: { names(of: $0).contains(word) }) {
        path.append(word)
        command = sub
        index += 1
      } else if command == root && word == "help" {
        break
      } else {
        throw unknownSubcommand(word, of: command, path: path)
      }
    }
    let rest = joiningDashedValues(arguments[index...], of: command)
    try refuseUnknownOptions(in: rest, of: command, commandLine: (["crm"] + path).joined(separator: " "))
    return path + global + rest
  }

  /// Words that start with a dash but are values, made unmistakable for argument-parser:
  /// - after an option that takes free text (`-m`, `--title`, `--set`…), or any `---` word
  ///   after an option, the value is joined to it (`-m '- Call back'` is handed over as
  ///   `--message=- Call back`): argument-parser would read `-Call` as the short options
  ///   `-C -a -l -l`, and refuses a `---` word before it looks at the option;
  /// - a negated filter term (`-tag:Cold`) becomes `not tag:Cold`, which means the same and
  ///   cannot be read as short options.
  private static func joiningDashedValues(_ words: ArraySlice<String>, of command: any ParsableCommand.Type) -> ArraySlice<String> {
    let end = words.firstIndex(of: "--") ?? words.endIndex
    let dashed = words[..<end].contains { $0.hasPrefix("-") && $0.dropFirst().contains { !$0.isLetter && $0 != "-" } }
      || words[..<end].contains { $0.hasPrefix("---") } || zip(words[..<end], words[..<end].dropFirst()).contains { $0.hasPrefix("-") && $1.hasPrefix("-") }
    guard dashed else { return words }
    let description = Description(command)
    var joined: [String] = []
    for (index, word) in zip(words.indices, words) {
      let previous = joined.last ?? ""
      let afterFreeText = description.freeText.contains(previous)
      if index < end, word.hasPrefix("-"), word != "--", afterFreeText || (word.hasPrefix("---") && previous.hasPrefix("-")),
        !previous.contains("="), let long = previous.hasPrefix("--") ? previous : description.longNames[previous]
      {
        joined[joined.count - 1] = long + "=" + word
      } else if index < end, description.takesFilter, !afterFreeText, isNegatedTerm(word), !description.isOption(word) {
        joined += ["not", String(word.dropFirst())]
      } else {
        joined.append(word)
      }
    }
    return joined[...]
  }

  /// `-tag:x`, `-has:phone`, `-value>5`: a dash, a field name, an operator.
  private static func isNegatedTerm(_ word: String) -> Bool {
    let rest = word.dropFirst()
    guard word.hasPrefix("-"), rest.first?.isLetter == true else { return false }
    let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
    guard let op = rest.dropFirst(name.count).first else { return false }
    return ":=<>!~".contains(op)
  }

  /// `--` ends options (POSIX): filter words collect what the command line did not
  /// recognise, and argument-parser passes the first `--` along with them.
  static func filterWords(_ words: [String]) -> [String] {
    guard let terminator = words.firstIndex(of: "--") else { return words }
    var words = words
    words.remove(at: terminator)
    return words
  }

  /// Refuses words before `--` that look like long options but are none of the command's.
  /// argument-parser hands those to a command's filter terms, so `--formt` would land there.
  private static func refuseUnknownOptions(
    in words: ArraySlice<String>, of command: any ParsableCommand.Type, commandLine: String
  ) throws(CRMError) {
    let options = words.prefix(while: { $0 != "--" }).filter { $0.hasPrefix("--") }
    guard !options.isEmpty else { return }
    let description = Description(command)
    guard description.takesFilter else { return }
    for word in options {
      let name = String(word.prefix { $0 != "=" })
      guard !description.options.contains(name), name != "--help", name != "--version" else { continue }
      let hint = Suggestion.closest(to: name, among: description.options).map { "did you mean '\($0)'?" }
      throw CRMError(.usage, "unknown option '\(name)'", hint: hint ?? "see '\(commandLine) --help'")
    }
  }

  private static func isGlobalWithInlineValue(_ word: String) -> Bool {
    word.hasPrefix("--repo=") || word.hasPrefix("--lock-timeout=") || word.hasPrefix("--color=")
  }

  private static func names(of command: any ParsableCommand.Type) -> [String] {
    [command._commandName] + command.configuration.aliases
  }

  private static func unknownSubcommand(_ word: String, of command: any ParsableCommand.Type, path: [String]) -> CRMError {
    let where_ = (["crm"] + path).joined(separator: " ")
    let candidates = command.configuration.subcommands.flatMap(names(of:))
    let hint = Suggestion.closest(to: word, among: candidates).map { "did you mean '\($0)'?" }
    return CRMError(.usage, "'\(word)' is not a \(where_) command", hint: hint ?? "see '\(where_) --help'")
  }

  /// A command's long options and whether it collects filter terms, from argument-parser's
  /// own description of it.
  private struct Description {
    var options: [String] = []
    /// `-m` → `--message`, for the options that have both.
    var longNames: [String: String] = [:]
    var takesFilter = false
    /// The names (`-m`, `--message`) of options whose value is free text, read whatever it
    /// starts with (argument-parser's `.unconditional` parsing).
    var freeText: Set<String> = []
    var shortOptions: Set<String> = []

    func isOption(_ word: String) -> Bool { options.contains(word) || shortOptions.contains(word) }

    init(_ command: any ParsableCommand.Type) {
      struct Name: Decodable { let kind: String; let name: String }
      struct Argument: Decodable { let names: [Name]?; let parsingStrategy: String? }
      struct Command: Decodable { let arguments: [Argument]? }
      struct Tool: Decodable { let command: Command }
      guard let tool = try? JSONDecoder().decode(Tool.self, from: Data(command._dumpHelp().utf8)) else { return }
      let arguments = tool.command.arguments ?? []
      takesFilter = arguments.contains { $0.parsingStrategy == "allUnrecognized" }
      options = arguments.flatMap { $0.names ?? [] }.filter { $0.kind == "long" }.map { "--" + $0.name }
      for argument in arguments {
        guard let names = argument.names else { continue }
        let spelled = names.map { ($0.kind == "long" ? "--" : "-") + $0.name }
        shortOptions.formUnion(names.filter { $0.kind != "long" }.map { "-" + $0.name })
        if argument.parsingStrategy?.hasPrefix("unconditional") == true { freeText.formUnion(spelled) }
        guard let long = names.first(where: { $0.kind == "long" }) else { continue }
        for short in names where short.kind == "short" { longNames["-" + short.name] = "--" + long.name }
      }
    }
  }
}
