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

      Global options, before or after the subcommand: -C/--repo DIR picks the repo (else $CRM_DIR, else the nearest parent folder with .crm/), --color auto|always|never, --no-cache, --lock-timeout SECONDS. CRM_NOW fixes the clock for scripts and tests; NO_COLOR turns colour off.

      A time without an offset is local time: in the repo's 'timezone:' (.crm/config.yaml) when it has one, else in $TZ, else in the system's zone.

      Lists, reports and the pipeline take filter terms such as tag:vip 'value>5000' -has:phone: 'crm help filters' describes them.

      Exit codes: 0 ok, 1 failed (e.g. an ambiguous name), 64 usage error, 65 bad data in the repo, 66 not found (or no repo), 73 cannot write, 75 try again (the write lock was busy, or git could not commit a change: it is written, and the next commit or 'crm check' takes it along).

      Example:
        crm init ~/clients && cd ~/clients
        crm company add Acme
        crm contact add "Jane Doe" --email jane@acme.example --company acme
        crm contact list tag:vip --format tsv
      """,
    version: version,
    subcommands: [
      InitCommand.self, ContactCommand.self, RecordCommand<CompanyNoun>.self, DealCommand.self, TaskCommand.self, TicketCommand.self,
      LeadCommand.self, AutomateCommand.self, TrustCommand.self,
      LogCommand.self, ActivityCommand.self, TimelineCommand.self, PipelineCommand.self, AgendaCommand.self, ReportCommand.self,
      FindCommand.self, CheckCommand.self,
    ]
  )

  // Never read here (see CommandLineWords.prepare): declared so help and the completion
  // scripts know -C DIR and the others come before a subcommand too.
  @OptionGroup var store: StoreOptions
}

@main
enum Main {
  static func main() {
    #if canImport(Glibc)
      // Big arrays (a listing, its stamps, a cache file's entries) come from the heap, which
      // reuses what an earlier step freed, rather than each from fresh pages the kernel maps
      // one fault at a time (slow in a virtual machine): glibc maps any block over 128 KB apart.
      mallopt(M_MMAP_THRESHOLD, 32 << 20)
    #endif
    Terminal.guardStandardDescriptors()
    let given = Array(CommandLine.arguments.dropFirst())
    // What argument-parser would print, without it building the whole command tree first.
    if given == ["--version"] {
      Terminal.output(CRM.version)
      exit(0)
    }
    if let topic = HelpTopic.requested(by: given) {
      Terminal.output(topic.text)
      exit(0)
    }
    do {
      let arguments = try CommandLineWords.prepare(given, root: CRM.self)
      var command = try CRM.parseAsRoot(arguments)
      try command.run()
      exit(Session.exitStatus)
    } catch let error as CRMError {
      Terminal.report(error)
      exit(Terminal.exitCode(error.kind))
    } catch {
      let code = CRM.exitCode(for: error)
      // --help, --version and `crm help` arrive as errors too: their text is output like any
      // other, so one that cannot be written fails the run.
      guard code != .success else {
        let text = CRM.fullMessage(for: error)
        if !text.isEmpty { Terminal.write(text + "\n") }  // with the line break argument-parser adds
        exit(0)
      }
      // An ExitCode (65 after naming bad files) has nothing more to say.
      let text = CRM.fullMessage(for: error, columns: Int(Int32.max))
      if !text.isEmpty { Terminal.reportParserError(text) }
      exit(code.rawValue)
    }
  }
}
