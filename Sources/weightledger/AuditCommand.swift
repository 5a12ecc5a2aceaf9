import ArgumentParser
import Foundation
import LedgerCore
import LedgerRender
import LedgerUseCases

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Nightly audit: verify the log, re-hash stored weights, re-check every pack, report what changed.",
        discussion: """
            Exit 0 clean; 1 new findings that need a person; 3 integrity failure (log, missing or changed bytes); 2 \
            could not run
            (or interrupted). A second audit of the same ledger exits 2 at once unless --wait. SIGTERM/SIGINT stop it \
            after the
            current location and record what was done. The audit is recorded as one event; the next audit compares \
            against it.
            See docs/audit.md for cron and systemd.
            """)

    @Option(name: .long, help: ArgumentHelp("all, stale (least recently checked first) or none.", valueName: "mode"))
    var rehash: RehashMode = RehashMode.defaultMode(for: .commandLine)
    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --rehash stale: stop after about this many bytes (at least one location).", valueName: "n"))
    var maxBytes: Int64?
    @Option(
        name: .long,
        help: ArgumentHelp("Evaluate packs as of this date (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var on: String?
    @Flag(
        name: .long,
        help: "Exit 1 only for new findings of rules enforced on the date (all new findings are still listed).")
    var enforcedOnly = false
    @Flag(name: .long, help: "Print nothing when the audit is clean (for cron).")
    var quiet = false
    @Flag(name: .long, help: "Wait for a running audit to finish instead of exiting 2.")
    var wait = false
    @Option(name: .long, help: ArgumentHelp("Files hashed at once (default: the number of cores).", valueName: "n"))
    var jobs: Int?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Locations recorded by clients of the server (their HOST:/path) that this machine may open as its "
                + "own: HOST, HOST:/prefix or /prefix, comma-separated or repeated (default: none; docs/audit.md).",
            valueName: "roots"))
    var auditRoots: [String] = []
    @Flag(
        name: .long,
        help: "Verify the log from the tree the last clean audit verified, re-reading only the events after it.")
    var sinceCheckpoint = false
    @OptionGroup var policy: PolicyOptions
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let request = try AuditRequest(
            origin: .commandLine, rehash: rehash, maxBytes: maxBytes, on: on, wait: wait,
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, enforcedOnly: enforcedOnly,
            roots: try AuditRoots(parsing: auditRoots, field: .auditRoots), sinceCheckpoint: sinceCheckpoint)
        let outcome = try Audit(context: ledger.context, library: policy.library()).run(request)
        // Written as the new findings are read back: the first audit of a large ledger finds
        // every open finding new.
        let out = OutputStream.standardOutput
        if output.json {
            try AuditView.write(outcome) { out.write(Array($0.utf8)) }
            out.write(Array("\n".utf8))
        } else if !(quiet && outcome.exitStatus == .ok) {
            try AuditText.write(outcome) { out.write(Array(($0 + "\n").utf8)) }
        }
        out.flush()
        if outcome.exitStatus != .ok { throw ExitCode(outcome.exitStatus.rawValue) }
    }
}
