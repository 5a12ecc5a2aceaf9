import Foundation
import TestSupport
import Testing

/// The actor of what the CLI records: `--actor`, `$WEIGHTLEDGER_ACTOR`, else `user@host`, with the
/// user the process runs as when `$USER` and `$LOGNAME` are unset (cron, systemd).
@Suite struct ActorTests {
    @Test func withoutUserOrLognameTheAccountIsTheActor() throws {
        let cli = try CLI()
        var environment = cli.environment
        environment["USER"] = nil
        environment["LOGNAME"] = nil
        environment["WEIGHTLEDGER_ACTOR"] = nil
        let model = try cli.model("m.safetensors", seed: 1)
        let result = try Subprocess.run(
            CLI.binary, ["register", model, "--name", "acme/m:v1", "--json"], environment: environment,
            directory: cli.directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        let account = try Subprocess.run("/usr/bin/id", ["-un"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let host = ProcessInfo.processInfo.hostName
        let actor = try Subprocess.run(
            "/usr/bin/sqlite3", [cli.ledger, "SELECT actor FROM events ORDER BY seq DESC LIMIT 1"]
        ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(actor == "\(account)@\(host)", "\(actor)")
        #expect(!actor.hasPrefix("unknown@"))
    }
}
