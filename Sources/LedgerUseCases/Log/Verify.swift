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

    /// Verifies the ledger (waiting for a running audit) and, given a note, that the log extends
    /// it. `sinceCheckpoint`: from the tree the last clean audit verified (a full run when there
    /// is none), re-reading only the events after it.
    public func run(checkpointNote: String?, key: NoteKey?, sinceCheckpoint: Bool = false) throws -> VerifyOutcome {
        // Audits write location checks; waiting for a running one keeps this snapshot's rows still.
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        let lock = try ledger.lock(.audit, wait: true)
        defer { withExtendedLifetime(lock) {} }
        var checkpoint: Checkpoint?
        var noteProblems: [String] = []
        if let checkpointNote {
            do { checkpoint = try LogTool.checkpoint(from: checkpointNote, key: key) } catch let failure
                as IntegrityFailure
            { noteProblems = failure.problems }
        }
        let since = sinceCheckpoint ? try Self.lastVerifiedTree(ledger) : nil
        let report = try LogVerifier.run(ledger, rootsAt: Set(checkpoint.map { [$0.size] } ?? []), since: since)
        var problems = report.problems.map(\.description) + noteProblems
        if let checkpoint {
            let size = UInt64(report.events)
            let relation = try LogExtension.of(
                size: checkpoint.size, root: checkpoint.rootHash, logSize: size, rootAt: report.root(size:))
            if let problem = relation.problem(seen: "the checkpoint", size: checkpoint.size, logSize: size) {
                problems.append(problem)
            }
        }
        return VerifyOutcome(report: report, checkpoint: checkpoint, problems: problems)
    }

    /// The tree the most recent audit that found the log whole recorded: every event up to its
    /// size was verified then. Nil when no audit has.
    static func lastVerifiedTree(_ ledger: any LedgerStore) throws -> VerifiedTree? {
        try ledger.read { reader in
            var seq = try reader.lastAuditEvent()
            while let current = seq, let event = try reader.events(current...current).first {
                // Its standing only: the first audit of a large ledger lists every open finding.
                guard
                    let audit = try? AuditRecorded.Standing.decode(type: event.type, payload: event.payload)
                else { return nil }
                if audit.status != AuditOutcome.Status.integrityFailure.rawValue,
                    let root = Data(base64Encoded: audit.rootHash), root.count == 32, audit.treeSize >= 0
                {
                    return VerifiedTree(size: audit.treeSize, root: Array(root), seq: current)
                }
                seq = try reader.auditEvent(before: current)
            }
            return nil
        }
    }
}
