import Foundation
import Hashing
import LedgerCore
import TransparencyLog

/// What `verify` checked and found.
public struct VerifyReport: Sendable {
    /// Events read.
    public let events: Int64
    /// The rebuilt tree's root.
    public let root: [UInt8]
    /// Recorded checkpoints checked against it.
    public let checkpointsChecked: Int
    /// Projection tables that matched the replay (none when something failed first).
    public let tablesCompared: [String]
    /// What did not hold.
    public let problems: [IntegrityProblem]
    /// True when nothing is wrong.
    public var holds: Bool { problems.isEmpty }
    /// The tree rebuilt from the events, for checks against outside checkpoints.
    public let tree: MemoryTree
}

/// Recomputes the log from the stored events and compares it with everything derived from
/// them, through the store's protocols (any backend):
///
/// 1. Events are numbered 1…n without gaps and each payload matches its recorded hash.
/// 2. The leaves and every stored subtree of the Merkle tree match the events.
///    Then the backend's own checks of what it stores hold (SQLite: `integrity_check`, and
///    `foreign_key_check`, so no row names an event past the end of the log).
/// 3. Replaying the events into an empty ledger of the same backend gives exactly the stored
///    projections (rows of events appended while verify runs are not compared).
/// 4. Every recorded checkpoint's root matches the rebuilt tree at its size.
///
/// Events are read one at a time and replayed in chunks: memory holds a few chunks of events
/// and the tree's hashes, never the log's payloads.
public enum LogVerifier {
    /// Checks everything above in one read snapshot, then compares the replay.
    public static func run(_ store: any LedgerStore) throws -> VerifyReport {
        let timer = PhaseTimer()
        var problems: [IntegrityProblem] = []
        var tree = MemoryTree()
        var count: Int64 = 0
        var checkpointsChecked = 0
        let replay = try store.makeReplay()
        let pipeline = ReplayPipeline(replay)
        try store.read { reader in
            // 1: events, payload hashes, leaves; replayed as they go while nothing is wrong.
            try reader.forEachEvent { event in
                count += 1
                guard event.seq == count else {
                    problems.append(
                        IntegrityProblem(
                            event.seq > count
                                ? "event \(count) is missing (the next stored event is \(event.seq)): events were "
                                    + "deleted"
                                : "event \(event.seq) appears out of order"))
                    return false
                }
                if try SHA256.hash(Array(event.payload.utf8)).hex != event.payloadSHA256 {
                    problems.append(
                        IntegrityProblem(
                            "event \(event.seq): its payload does not match its recorded SHA-256 (payload changed)"))
                    pipeline.abandon()
                }
                tree.append(leafHash: event.leafHash)
                try pipeline.add(event)
                return true
            }
            timer.phase("read+hash")
            guard problems.isEmpty else { return pipeline.abandon() }
            // 2: the stored tree, node by node, against the rebuilt one.
            problems += try treeProblems(reader, tree)
            timer.phase("tree")
            guard problems.isEmpty else { return pipeline.abandon() }
            // 2b: the backend's own checks of the file (SQLite: integrity_check, foreign_key_check),
            // after the log's (a deleted event is named as such, not as the rows that name it).
            problems += try reader.storageProblems()
            timer.phase("storage")
            guard problems.isEmpty else { return pipeline.abandon() }
            // 3: the replay of every event.
            if let failure = try pipeline.finish() {
                problems.append(failure)
                return
            }
            timer.phase("decode+replay")
            // 4: recorded checkpoints against the rebuilt tree.
            for recorded in try reader.checkpoints() {
                checkpointsChecked += 1
                problems += try checkpointProblems(recorded, tree: tree, events: count)
            }
        }
        timer.phase("checkpoints")
        var tables: [String] = []
        if problems.isEmpty {
            problems += try replay.differences(upTo: count)
            if problems.isEmpty { tables = replay.tables }
        }
        timer.phase("compare")
        return VerifyReport(
            events: count, root: try tree.root(size: tree.size), checkpointsChecked: checkpointsChecked,
            tablesCompared: tables, problems: problems, tree: tree)
    }

    static func treeProblems(_ reader: any LedgerReading, _ tree: MemoryTree) throws -> [IntegrityProblem] {
        var problems: [IntegrityProblem] = []
        var expectedNodes = tree.levels.reduce(0) { $0 + $1.count }
        try reader.forEachMerkleNode { level, index, hash in
            guard level >= 0, level < tree.levels.count, index >= 0, index < Int64(tree.levels[level].count) else {
                problems.append(
                    IntegrityProblem(
                        "table merkle_nodes: stored subtree (level \(level), index \(index)) covers "
                            + "events the log no longer has (events deleted)"))
                return false
            }
            guard tree.levels[level][Int(index)] == hash else {
                problems.append(
                    IntegrityProblem(
                        level == 0
                            ? "event \(index + 1) does not match its leaf in the stored tree (events changed or "
                                + "reordered)"
                            : "table merkle_nodes: stored subtree (level \(level), index \(index)) does not match "
                                + "the events (tree rewritten)"
                    ))
                return false
            }
            expectedNodes -= 1
            return true
        }
        if problems.isEmpty && expectedNodes != 0 {
            problems.append(
                IntegrityProblem("table merkle_nodes: \(expectedNodes) subtree(s) of the events' tree are missing"))
        }
        return problems
    }

    static func checkpointProblems(
        _ recorded: RecordedCheckpoint, tree: MemoryTree, events: Int64
    ) throws -> [IntegrityProblem] {
        let (seq, size) = (recorded.seq, recorded.size)
        guard size >= 0, size <= events, let stored = Data(base64Encoded: recorded.storedRoot) else {
            return [IntegrityProblem("checkpoint at event \(seq) commits to \(size) events, but the log has \(events)")]
        }
        var problems: [IntegrityProblem] = []
        if try tree.root(size: UInt64(size)) != Array(stored) {
            problems.append(
                IntegrityProblem(
                    "checkpoint at event \(seq) (size \(size)) does not match the log: events before it were rewritten")
            )
        }
        if let note = recorded.signedNote {
            let text = (try? SignedNote.parse(note))?.text
            let expected = Checkpoint(origin: recorded.origin, size: UInt64(size), rootHash: Array(stored)).text
            if text != expected {
                problems.append(
                    IntegrityProblem("checkpoint at event \(seq): its signed note does not state its size and root"))
            }
        }
        return problems
    }
}

/// Decodes chunks of events on another thread while the caller applies the chunk before, in
/// order: at most two chunks are held at once.
private final class ReplayPipeline {
    private final class Decoded: @unchecked Sendable { var results: [Result<LedgerEvent, Error>] = [] }
    private let replay: any LedgerReplay
    private let chunkSize = 2_000
    private var pending: [StoredEvent] = []
    private var inFlight: (events: [StoredEvent], done: DispatchGroup, decoded: Decoded)?
    private var failure: IntegrityProblem?
    private var abandoned = false

    init(_ replay: any LedgerReplay) { self.replay = replay }

    func add(_ event: StoredEvent) throws {
        guard !abandoned, failure == nil else { return }
        pending.append(event)
        if pending.count == chunkSize { try flush() }
    }

    /// Stops replaying (the log is already known to be wrong); waits for work under way.
    func abandon() {
        abandoned = true
        pending = []
        inFlight?.done.wait()
        inFlight = nil
    }

    /// Replays what is left; returns the first event that could not be replayed, if any.
    func finish() throws -> IntegrityProblem? {
        guard !abandoned else { return nil }
        if failure == nil { try flush() }
        if failure == nil { try applyInFlight() }
        return failure
    }

    private func flush() throws {
        let chunk = pending
        pending = []
        let decoded = Decoded()
        let done = DispatchGroup()
        DispatchQueue.global().async(group: done) {
            decoded.results = chunk.map { event in
                Result { try LedgerEvent.decode(type: event.type, payload: Array(event.payload.utf8)) }
            }
        }
        try applyInFlight()
        inFlight = (chunk, done, decoded)
    }

    private func applyInFlight() throws {
        guard let (events, done, decoded) = inFlight else { return }
        inFlight = nil
        done.wait()
        var batch: [ReplayedEvent] = []
        batch.reserveCapacity(events.count)
        for (stored, result) in zip(events, decoded.results) {
            switch result {
            case .success(let event):
                batch.append(ReplayedEvent(event: event, seq: stored.seq, time: stored.recordedAt))
            case .failure(let error):
                try replay.apply(batch)
                failure = IntegrityProblem("event \(stored.seq) (\(stored.type)) cannot be replayed: \(error)")
                return
            }
        }
        try replay.apply(batch)
    }
}

/// `WEIGHTLEDGER_TIMING=1`: how long each step of `verify` took, on stderr.
private final class PhaseTimer {
    private let enabled = ProcessInfo.processInfo.environment["WEIGHTLEDGER_TIMING"] != nil
    private var mark = DispatchTime.now().uptimeNanoseconds

    func phase(_ name: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        FileHandle.standardError.write(Data("verify: \(name) \(Double(now - mark) / 1e9) s\n".utf8))
        mark = now
    }
}
