import ArgumentParser
import CRMKit

#if canImport(Glibc)
  import CMalloc
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct CRM: ParsableCommand {
  static let version = "0.1.0"

  // scripts/docs writes every man page's EXIT STATUS from the "Exit codes:" paragraph.
  static let configuration = CommandConfiguration(
    commandName: "crm",
    abstract: "A git-style CRM over a folder of readable Markdown files.",
    discussion: """
      Every record is a Markdown file with YAML front matter in a folder you keep in git.

      Global options: -C/--repo DIR picks the repo (else $CRM_DIR, else the nearest parent folder with .crm/); CRM_NOW fixes the clock for scripts and tests; NO_COLOR turns colour off.

      Lists, reports and the pipeline take filter terms such as tag:vip 'value>5000' -has:phone: 'crm help filters' describes them.

      Exit codes: 0 ok, 1 failed (e.g. an ambiguous name), 64 usage error, 65 bad data in the repo, 66 not found (or no repo), 73 cannot write, 75 write lock busy.

      Example:
        crm init ~/clients && cd ~/clients
        crm company add Acme
        crm contact add "Jane Doe" --email jane@acme.example --company acme
        crm contact list tag:vip --format tsv
      """,
    version: version,
    subcommands: [
      InitCommand.self, ContactCommand.self, CompanyCommand.self, DealCommand.self, TaskCommand.self,
      LogCommand.self, ActivityCommand.self, TimelineCommand.self, PipelineCommand.self, AgendaCommand.self, ReportCommand.self,
      FindCommand.self, CheckCommand.self,
    ]
  )
}

@main
enum Main {
  static func main() {
    #if canImport(Glibc)
      // Big arrays (a listing, its stamps, a cache file's entries) come from the heap, which
      // reuses what an earlier step freed, rather than each from fresh pages the kernel maps
      // one fault at a time (~1.3 µs a page in a VM): glibc maps any block over 128 KB apart.
      mallopt(M_MMAP_THRESHOLD, 32 << 20)
    #endif
    let arguments = Array(CommandLine.arguments.dropFirst())
    if let topic = HelpTopic.requested(by: arguments) {
      Terminal.output(topic.text)
      exit(0)
    }
    do {
      var command = try CRM.parseAsRoot(hoistingGlobalOptions(arguments))
      try command.run()
    } catch let error as CRMError {
      Terminal.report(error)
      exit(Terminal.exitCode(error.kind))
    } catch {
      CRM.exit(withError: error)
    }
  }

  /// Lets `crm -C DIR contact list` work like git: the repo option may come before the
  /// subcommand, where argument-parser would not look for it, so it is moved after it.
  static func hoistingGlobalOptions(_ arguments: [String]) -> [String] {
    var rest = arguments
    var global: [String] = []
    while let first = rest.first {
      if (first == "-C" || first == "--repo" || first == "--lock-timeout") && rest.count > 1 {
        global += rest.prefix(2)
        rest.removeFirst(2)
      } else if first.hasPrefix("--repo=") || first.hasPrefix("--lock-timeout=") || first == "--no-cache"
        || (first.hasPrefix("-C") && first.count > 2)
      {
        global.append(first)
        rest.removeFirst()
      } else {
        break
      }
    }
    guard !global.isEmpty else { return arguments }
    if let terminator = rest.firstIndex(of: "--") {
      rest.insert(contentsOf: global, at: terminator)
      return rest
    }
    return rest + global
  }
}
