import LedgerCore
import LedgerUseCases
import Foundation
import LedgerStore
import TransparencyLog

public func hexString(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

/// `log checkpoint --json`.
public struct CheckpointView: Encodable, Sendable {
    public let origin: String
    public let size: UInt64
    public let rootHash: String
    public let rootHashHex: String
    public let event: Int64
    public let signed: Bool
    public let verifierKey: Nullable<String>
    public let note: String

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
    public let seq: Int64
    public let type: String
    public let leafIndex: Int64
    public let treeSize: UInt64
    public let leafHash: String
    public let proof: [String]
    public let rootHash: String
    public let checkpointEvent: Int64
    public let origin: String
    public let verified = true

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
    public let oldSize: UInt64
    public let oldRoot: String
    public let newSize: UInt64
    public let newRoot: String
    public let proof: [String]
    public let consistent: Bool

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
    public let status: String
    public let events: Int64
    public let root: String
    public let checkpointsChecked: Int
    public let tablesCompared: [String]
    public let outsideCheckpoint: Nullable<OutsideCheckpoint>
    public let problems: [String]

    public struct OutsideCheckpoint: Encodable, Sendable {
        public let origin: String
        public let size: UInt64
    }

    public init(_ outcome: VerifyOutcome) {
        status = outcome.holds ? "ok" : "mismatch"
        events = outcome.report.events
        root = hexString(outcome.report.root)
        checkpointsChecked = outcome.report.checkpointsChecked
        tablesCompared = outcome.report.tablesCompared
        outsideCheckpoint = Nullable(outcome.checkpoint.map { OutsideCheckpoint(origin: $0.origin, size: $0.size) })
        problems = outcome.problems
    }
}
