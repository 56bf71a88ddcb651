import ArgumentParser
import CRMKit

struct TrustCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trust",
    abstract: "Let this repo's hooks (.crm/hooks/pre-change, post-change) run, as they are now.",
    discussion: """
      Hooks are programs that come with a clone, so crm runs them only once you have read them and said so here. The trust is kept outside the repo, in $XDG_CONFIG_HOME/crm/trust (else ~/.config/crm/trust), by the repo's path and the SHA-256 of each hook file: a hook that changes (a pull, an edit) is not run again until 'crm trust' is run again. Until then every write says once that the hooks are skipped, and why. Automation rules need no trust: they can only take crm's own actions.

      pre-change gets each changed record as JSON on stdin ({"type", "id", "event", "before", "after"}) before the commit; exiting non-zero refuses the change (its stderr is the message) and nothing stays written. post-change gets the same after the commit, with what rules said about the record ("notify"); its failure is a warning. Each runs with CRM_DIR (the repo) and CRM_HOOK (its name) set, for at most 'hooks: {timeout: 10}' seconds. A crm write from pre-change fails at once (exit 75): its change holds the lock; one from post-change runs no hooks itself, so a hook never sets itself off.

      Examples:
        crm trust
        crm trust --revoke
      """)

  @Flag(help: "Forget this repo's trust: its hooks stop running.")
  var revoke = false

  @OptionGroup var store: StoreOptions

  func run() throws {
    let repo = try store.open()
    let trust = HookTrust(environment: Environment.variables)
    if revoke {
      try trust.revoke(repo)
      Terminal.message("revoked: the hooks of \(repo.root) do not run")
      return
    }
    let prints = try trust.trust(repo)
    guard !prints.isEmpty else {
      Terminal.message("note: nothing to trust: \(Hooks.folder)/ has no pre-change or post-change hook")
      return
    }
    for print in prints { Terminal.output("trusted \(Hooks.folder)/\(print.name) (sha256 \(print.sha256.prefix(12)))") }
  }
}
