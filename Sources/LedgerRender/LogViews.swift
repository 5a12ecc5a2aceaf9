import Foundation
import LedgerCore
import LedgerStore
import LedgerUseCases
import TransparencyLog

/// Lowercase hex of `bytes`, as proofs and roots are printed.
public func hexString(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

/// `log checkpoint --json`.
public struct CheckpointView: Encodable, Sendable {
    let origin: String
    let size: UInt64
    let rootHash: String
    let rootHashHex: String
    let event: Int64
    let signed: Bool
    let verifierKey: Nullable<String>
    let note: String

    /// The JSON view of `CheckpointOutcome`.
    public init(_ outcome: CheckpointOutcome) {
        origin = outcome.checkpoint.origin
        size = outcome.checkpoint.size
        rootHash = Data(outcome.checkpoint.rootHash).base64EncodedString()
        rootHashHex = hexString(outcome.checkpoint.rootHash)
        event = outcome.event
        signed = outcome.verifierKey != nil
        verifierKey = Nullable(outcome.verifierKey)
        note = outcome.note
    }
}

/// `log prove --json`: everything a client needs to check the proof itself (RFC 9162 §2.1.3.2).
public struct InclusionView: Encodable, Sendable {
    let seq: Int64
    let type: String
    let leafIndex: Int64
    let treeSize: UInt64
    let leafHash: String
    let proof: [String]
    let rootHash: String
    let checkpointEvent: Int64
    let origin: String
    let verified = true

    /// The JSON view of `InclusionOutcome`.
    public init(_ outcome: InclusionOutcome) {
        seq = outcome.event.seq
        type = outcome.event.type
        leafIndex = outcome.event.seq - 1
        treeSize = outcome.checkpoint.size
        leafHash = hexString(outcome.leafHash)
        proof = outcome.proof.map(hexString)
        rootHash = hexString(outcome.checkpoint.rootHash)
        checkpointEvent = outcome.checkpointEvent
        origin = outcome.checkpoint.origin
    }
}

/// `log consistency --json`.
public struct ConsistencyView: Encodable, Sendable {
    let oldSize: UInt64
    let oldRoot: String
    let newSize: UInt64
    let newRoot: String
    let proof: [String]
    let consistent: Bool

    /// The JSON view of `ConsistencyOutcome`.
    public init(_ outcome: ConsistencyOutcome) {
        oldSize = outcome.old.size
        oldRoot = hexString(outcome.old.rootHash)
        newSize = outcome.newSize
        newRoot = hexString(outcome.newRoot)
        proof = outcome.proof.map(hexString)
        consistent = outcome.consistent
    }
}

/// `verify --json`.
public struct VerifyView: Encodable, Sendable {
    let status: String
    let events: Int64
    let root: String
    let checkpointsChecked: Int
    let tablesCompared: [String]
    let outsideCheckpoint: Nullable<OutsideCheckpoint>
    let sinceCheckpoint: Nullable<Since>
    let problems: [String]

    /// Where a `--since-checkpoint` run started: the verified tree's size and the audit event
    /// that recorded it (null: from the first event).
    public struct Since: Encodable, Sendable {
        let size: Int64
        let auditEvent: Int64
    }

    /// The outside checkpoint `verify --checkpoint` checked: `{origin, size}`.
    public struct OutsideCheckpoint: Encodable, Sendable {
        let origin: String
        let size: UInt64
    }

    /// The JSON view of `VerifyOutcome`.
    public init(_ outcome: VerifyOutcome) {
        status = outcome.holds ? "ok" : "mismatch"
        events = outcome.report.events
        root = hexString(outcome.report.root)
        checkpointsChecked = outcome.report.checkpointsChecked
        tablesCompared = outcome.report.tablesCompared
        outsideCheckpoint = Nullable(outcome.checkpoint.map { OutsideCheckpoint(origin: $0.origin, size: $0.size) })
        sinceCheckpoint = Nullable(outcome.report.since.map { Since(size: $0.size, auditEvent: $0.seq) })
        problems = outcome.problems
    }
}
