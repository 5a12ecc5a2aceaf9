import Foundation
import LedgerCore
import LedgerUseCases

/// How a report says which log it was built from, in every format: the ledger id, the log's size
/// and root, the last audit and the latest checkpoint, and how many events were proven.
enum EvidenceText {
    /// One line for the top of a report.
    static func summary(_ evidence: LogEvidence) -> String {
        "Built from ledger \(evidence.ledgerID), log of \(evidence.treeSize) events, root "
            + "\(hexString(evidence.rootHash))"
    }

    /// The lines of the report's log section (plain text; each renderer escapes them).
    static func lines(_ evidence: LogEvidence) -> [String] {
        var lines = [
            "ledger id: \(evidence.ledgerID)",
            "log size: \(evidence.treeSize) events",
            "log root: \(hexString(evidence.rootHash)) (base64 \(Data(evidence.rootHash).base64EncodedString()), "
                + "as a checkpoint note writes it)",
            "events proven: \(evidence.events.count) events behind this report, each checked against the root "
                + "with an inclusion proof; the tables agree with them (the JSON form carries the proofs)",
        ]
        if let audit = evidence.lastAudit {
            let extent = audit.interrupted ? ", interrupted before it finished" : ""
            lines.append(
                "last audit: event \(audit.seq) at \(audit.recordedAt), \(audit.status); it verified the whole log "
                    + "at \(audit.treeSize) events and re-hashed \(audit.rehash) stored bytes\(extent)")
        } else {
            lines.append("last audit: none recorded (run 'weightledger audit' to verify the whole log)")
        }
        if let checkpoint = evidence.checkpoint {
            let extends =
                checkpoint.size == evidence.treeSize
                ? "this report's log is exactly it"
                : "this report's log extends it (consistency proof in the JSON form)"
            lines.append(
                "latest checkpoint: event \(checkpoint.seq), \(checkpoint.size) events, root "
                    + "\(hexString(checkpoint.rootHash)), \(checkpoint.signed ? "signed" : "unsigned"); \(extends)")
        } else {
            lines.append(
                "latest checkpoint: none recorded (run 'weightledger log checkpoint' and keep the note outside the "
                    + "ledger)")
        }
        return lines
    }
}

/// The JSON form of `LogEvidence`: everything a third party needs to check the report's events
/// against a published checkpoint without the ledger (schema/log.md).
struct EvidenceView: Encodable {
    let ledgerID: String
    let treeSize: Int64
    let rootHash: String
    let rootHashBase64: String
    let events: [EventView]
    let lastAudit: Nullable<AuditView>
    let checkpoint: Nullable<CheckpointView>

    struct EventView: Encodable {
        let seq: Int64
        let type: String
        let leafIndex: Int64
        /// The exact leaf bytes; SHA-256(0x00 ‖ entry) is `leafHash`.
        let entry: String
        let leafHash: String
        let proof: [String]
    }

    struct AuditView: Encodable, Sendable {
        let seq: Int64
        let recordedAt: String
        let status: String
        let rehash: String
        let treeSize: Int64
        let interrupted: Bool
    }

    struct CheckpointView: Encodable, Sendable {
        let seq: Int64
        let origin: String
        let size: Int64
        let rootHash: String
        let signed: Bool
        let consistencyProof: [String]
    }

    init(_ evidence: LogEvidence) {
        ledgerID = evidence.ledgerID
        treeSize = evidence.treeSize
        rootHash = hexString(evidence.rootHash)
        rootHashBase64 = Data(evidence.rootHash).base64EncodedString()
        events = evidence.events.map {
            EventView(
                seq: $0.seq, type: $0.type, leafIndex: $0.seq - 1, entry: $0.entry, leafHash: hexString($0.leafHash),
                proof: $0.proof.map(hexString))
        }
        lastAudit = Nullable(
            evidence.lastAudit.map {
                AuditView(
                    seq: $0.seq, recordedAt: $0.recordedAt, status: $0.status, rehash: $0.rehash, treeSize: $0.treeSize,
                    interrupted: $0.interrupted)
            })
        checkpoint = Nullable(
            evidence.checkpoint.map {
                CheckpointView(
                    seq: $0.seq, origin: $0.origin, size: $0.size, rootHash: hexString($0.rootHash), signed: $0.signed,
                    consistencyProof: $0.consistency.map(hexString))
            })
    }
}
