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

    /// The JSON view of `AuditOutcome`, every new finding held (the server's response; the CLI
    /// streams them with `write`).
    public init(_ outcome: AuditOutcome) throws {
        self.init(outcome, newFindings: try outcome.newFindings.all())
    }

    private init(_ outcome: AuditOutcome, newFindings: [AuditFinding]) {
        status = outcome.status.rawValue
        date = outcome.date
        checkedArtifacts = outcome.checkedArtifacts
        checkedBytes = outcome.checkedBytes
        mismatches = outcome.mismatches.map {
            Location(artifact: $0.artifact.value, path: $0.path, problem: $0.problem ?? "")
        }
        missing = outcome.missing.map { Location(artifact: $0.artifact.value, path: $0.path, problem: "missing") }
        remoteSkipped = outcome.remoteSkipped
        self.newFindings = newFindings
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

extension AuditView {
    /// The view as pretty JSON with sorted keys (what `JSONEncoder` writes for it), handed to
    /// `sink` in pieces: the new findings one at a time as they are read back, never all held.
    public static func write(_ outcome: AuditOutcome, to sink: (String) throws -> Void) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let rest = String(decoding: try encoder.encode(AuditView(outcome, newFindings: [])), as: UTF8.self)
        let empty = "\"newFindings\" : [\n\n  ]"
        guard let place = rest.range(of: empty) else {
            return try sink(String(decoding: try encoder.encode(try AuditView(outcome)), as: UTF8.self))
        }
        try sink(String(rest[..<place.lowerBound]) + "\"newFindings\" : [")
        var first = true
        try outcome.newFindings.forEach { finding in
            let text = String(decoding: try encoder.encode(finding), as: UTF8.self)
            try sink(
                (first ? "\n" : ",\n")
                    + text.split(separator: "\n", omittingEmptySubsequences: false).map {
                        "    " + $0
                    }.joined(separator: "\n"))
            first = false
        }
        try sink((first ? "\n\n  ]" : "\n  ]") + String(rest[place.upperBound...]))
    }
}

extension AuditView {
    /// The view's canonical JSON (what `CanonicalJSON.bytes(encoding:)` gives for it, as the
    /// server answers), spooled with the new findings written one at a time as they are read back;
    /// past `threshold` bytes (default 4 MiB) the rest goes to a file.
    public static func canonicalDocument(_ outcome: AuditOutcome, threshold: Int? = nil) throws -> SpooledDocument {
        try SpooledDocument(threshold: threshold) { sink in
            let rest = try CanonicalJSON.bytes(encoding: AuditView(outcome, newFindings: []))
            let empty = Array("\"newFindings\":[]".utf8)
            guard let place = rest.firstRange(of: empty) else {
                return try sink(try CanonicalJSON.bytes(encoding: try AuditView(outcome)))
            }
            try sink(Array(rest[..<place.lowerBound]) + Array("\"newFindings\":[".utf8))
            var first = true
            try outcome.newFindings.forEach { finding in
                try sink((first ? [] : [UInt8(ascii: ",")]) + (try CanonicalJSON.bytes(encoding: finding)))
                first = false
            }
            try sink([UInt8(ascii: "]")] + Array(rest[place.upperBound...]))
        }
    }
}

/// `audit` as text: the verdict first, then what changed since the last audit.
public enum AuditText {
    /// The human summary: one headline, then only what needs a person.
    public static func render(_ outcome: AuditOutcome) throws -> String {
        var lines: [String] = []
        try write(outcome) { lines.append($0) }
        return lines.joined(separator: "\n")
    }

    /// The same, a line at a time (the new findings read back as they are written).
    public static func write(_ outcome: AuditOutcome, line sink: (String) throws -> Void) throws {
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
        for line in lines { try sink(line) }
        try outcome.newFindings.forEach { finding in
            try sink("NEW      \(finding.severity.uppercased()) \(finding.code) [\(finding.pack)] \(finding.artifact)")
            try sink("         \(finding.explanation)")
        }
        for key in outcome.resolvedFindings { try sink("RESOLVED \(key)") }
    }
}
