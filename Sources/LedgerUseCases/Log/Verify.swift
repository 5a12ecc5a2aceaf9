import Foundation
import LedgerCore
import LedgerStore
import TransparencyLog

/// What `verify` reports.
public struct VerifyOutcome: Sendable {
    /// What the log's own check found.
    public let report: VerifyReport
    /// The outside checkpoint checked, if any.
    public let checkpoint: Checkpoint?
    /// Every problem, the log's and the outside checkpoint's.
    public let problems: [String]
    /// True when nothing is wrong.
    public var holds: Bool { problems.isEmpty }
}

/// `verify`: everything LogVerifier checks, plus an outside checkpoint (signed, held elsewhere):
/// its signature, and that today's log extends it (so a log rolled back or rewritten is caught
/// even by someone with write access to the database file).
public struct Verify {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The use case in `context`.
    public init(context: AppContext) { self.context = context }

    /// Verifies the ledger (waiting for a running audit) and, given a note, that the log extends it.
    public func run(checkpointNote: String?, key: NoteKey?) throws -> VerifyOutcome {
        // Audits write location checks; waiting for a running one keeps this snapshot's rows still.
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        let lock = try ledger.lock(.audit, wait: true)
        defer { withExtendedLifetime(lock) {} }
        let report = try LogVerifier.run(ledger)
        var problems = report.problems.map(\.description)
        var checkpoint: Checkpoint?
        if let checkpointNote {
            do {
                let outside = try LogTool.checkpoint(from: checkpointNote, key: key)
                checkpoint = outside
                let size = UInt64(report.events)
                let relation = try LogExtension.of(
                    size: outside.size, root: outside.rootHash, logSize: size,
                    rootAt: report.tree.root(size:))
                if let problem = relation.problem(seen: "the checkpoint", size: outside.size, logSize: size) {
                    problems.append(problem)
                }
            } catch let failure as IntegrityFailure {
                problems += failure.problems
            }
        }
        return VerifyOutcome(report: report, checkpoint: checkpoint, problems: problems)
    }
}
