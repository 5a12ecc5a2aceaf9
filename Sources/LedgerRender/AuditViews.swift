import Foundation
import LedgerCore
import LedgerUseCases

/// `audit --json`. Keys are a contract for cron jobs.
public struct AuditView: Encodable, Sendable {
    /// A location whose bytes no longer match, or are gone.
    public struct Location: Encodable, Sendable {
        let artifact: String
        let path: String
        let problem: String
    }

    /// What the audit found of the log: its size, root and whether it extends the last audit's.
    public struct Log: Encodable, Sendable {
        let treeSize: Int64
        let root: String
        let consistent: Bool
        /// Where the log check started: the verified tree's size and the audit that recorded it
        /// (`sinceCheckpoint`); null: from the first event.
        let sinceCheckpoint: Nullable<VerifyView.Since>
        let problems: [String]
    }

    let status: String
    let date: LedgerDate
    let checkedArtifacts: Int
    let checkedBytes: Int64
    let mismatches: [Location]
    let missing: [Location]
    /// Locations clients recorded that no `--audit-roots` entry covers: not opened.
    let remoteSkipped: Int
    let newFindings: [AuditFinding]
    let resolvedFindings: [String]
    let unchangedFindings: Int
    let log: Log
    let interrupted: Bool
    let event: Int64

    /// The JSON view of `AuditOutcome`.
    public init(_ outcome: AuditOutcome) {
        status = outcome.status.rawValue
        date = outcome.date
        checkedArtifacts = outcome.checkedArtifacts
        checkedBytes = outcome.checkedBytes
        mismatches = outcome.mismatches.map {
            Location(artifact: $0.artifact.value, path: $0.path, problem: $0.problem ?? "")
        }
        missing = outcome.missing.map { Location(artifact: $0.artifact.value, path: $0.path, problem: "missing") }
        remoteSkipped = outcome.remoteSkipped
        newFindings = outcome.newFindings
        resolvedFindings = outcome.resolvedFindings
        unchangedFindings = outcome.unchangedFindings
        log = Log(
            treeSize: outcome.treeSize, root: hexString(outcome.root), consistent: outcome.consistent,
            sinceCheckpoint: Nullable(outcome.verifiedFrom.map { VerifyView.Since(size: $0.size, auditEvent: $0.seq) }),
            problems: outcome.logProblems)
        interrupted = outcome.interrupted
        event = outcome.event
    }
}

/// `audit` as text: the verdict first, then what changed since the last audit.
public enum AuditText {
    /// The human summary: one headline, then only what needs a person.
    public static func render(_ outcome: AuditOutcome) -> String {
        var lines = [
            "audit \(outcome.date): "
                + "\(outcome.status.rawValue)\(outcome.interrupted ? " (interrupted; what was done is recorded)" : "")"
                + " — log of \(outcome.treeSize) events \(outcome.logProblems.isEmpty ? "verified" : "FAILED")"
                + (outcome.verifiedFrom.map { " (after the \($0.size) the audit at event \($0.seq) verified)" } ?? "")
                + ", "
                + "\(outcome.checkedArtifacts) artifact(s) re-hashed (\(Format.bytes(outcome.checkedBytes))), "
                + "\(outcome.newFindings.count) new finding(s), \(outcome.resolvedFindings.count) resolved, "
                + "\(outcome.unchangedFindings) unchanged (event \(outcome.event))"
        ]
        if outcome.remoteSkipped > 0 {
            lines.append(
                "REMOTE   \(outcome.remoteSkipped) location(s) recorded by clients of the server not opened "
                    + "(no --audit-roots entry covers them)")
        }
        lines += outcome.logProblems.map { "LOG      \($0)" }
        lines += outcome.missing.map { "MISSING  \($0.path) (\($0.artifact.short)…)" }
        lines += outcome.mismatches.map { "CHANGED  \($0.path) (\($0.artifact.short)…): \($0.problem ?? "")" }
        for finding in outcome.newFindings {
            lines.append(
                "NEW      \(finding.severity.uppercased()) \(finding.code) [\(finding.pack)] \(finding.artifact)")
            lines.append("         \(finding.explanation)")
        }
        lines += outcome.resolvedFindings.map { "RESOLVED \($0)" }
        return lines.joined(separator: "\n")
    }
}
