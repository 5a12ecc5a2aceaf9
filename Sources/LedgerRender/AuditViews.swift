import LedgerUseCases
import Foundation
import LedgerCore

/// `audit --json`. Keys are a contract for cron jobs.
public struct AuditView: Encodable, Sendable {
    public struct Location: Encodable, Sendable {
        public let artifact: String
        public let path: String
        public let problem: String
    }

    public struct Log: Encodable, Sendable {
        public let treeSize: Int64
        public let root: String
        public let consistent: Bool
        public let problems: [String]
    }

    public let status: String
    public let date: LedgerDate
    public let checkedArtifacts: Int
    public let checkedBytes: Int64
    public let mismatches: [Location]
    public let missing: [Location]
    public let newFindings: [AuditFinding]
    public let resolvedFindings: [String]
    public let unchangedFindings: Int
    public let log: Log
    public let interrupted: Bool
    public let event: Int64

    public init(_ outcome: AuditOutcome) {
        status = outcome.status.rawValue
        date = outcome.date
        checkedArtifacts = outcome.checkedArtifacts
        checkedBytes = outcome.checkedBytes
        mismatches = outcome.mismatches.map { Location(artifact: $0.artifact.value, path: $0.path, problem: $0.problem ?? "") }
        missing = outcome.missing.map { Location(artifact: $0.artifact.value, path: $0.path, problem: "missing") }
        newFindings = outcome.newFindings
        resolvedFindings = outcome.resolvedFindings
        unchangedFindings = outcome.unchangedFindings
        log = Log(treeSize: outcome.treeSize, root: hexString(outcome.root), consistent: outcome.consistent, problems: outcome.logProblems)
        interrupted = outcome.interrupted
        event = outcome.event
    }
}

public enum AuditText {
    /// The human summary: one headline, then only what needs a person.
    public static func render(_ outcome: AuditOutcome) -> String {
        var lines = ["audit \(outcome.date): \(outcome.status.rawValue)\(outcome.interrupted ? " (interrupted; what was done is recorded)" : "")"
                     + " — log of \(outcome.treeSize) events \(outcome.logProblems.isEmpty ? "verified" : "FAILED"), "
                     + "\(outcome.checkedArtifacts) artifact(s) re-hashed (\(Format.bytes(outcome.checkedBytes))), "
                     + "\(outcome.newFindings.count) new finding(s), \(outcome.resolvedFindings.count) resolved, \(outcome.unchangedFindings) unchanged (event \(outcome.event))"]
        lines += outcome.logProblems.map { "LOG      \($0)" }
        lines += outcome.missing.map { "MISSING  \($0.path) (\($0.artifact.short)…)" }
        lines += outcome.mismatches.map { "CHANGED  \($0.path) (\($0.artifact.short)…): \($0.problem ?? "")" }
        for finding in outcome.newFindings {
            lines.append("NEW      \(finding.severity.uppercased()) \(finding.code) [\(finding.pack)] \(finding.artifact)")
            lines.append("         \(finding.explanation)")
        }
        lines += outcome.resolvedFindings.map { "RESOLVED \($0)" }
        return lines.joined(separator: "\n")
    }
}
