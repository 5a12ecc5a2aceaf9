import Foundation
import Hashing
import LedgerCore
import TransparencyLog

/// A tree an earlier run verified against every event (the last clean audit's): where
/// `verify --since-checkpoint` starts.
public struct VerifiedTree: Sendable, Equatable {
    /// Events it covers.
    public let size: Int64
    /// Its root.
    public let root: [UInt8]
    /// The event that recorded it (an `audit.completed`).
    public let seq: Int64
    /// A verified tree with every field given.
    public init(size: Int64, root: [UInt8], seq: Int64) {
        self.size = size
        self.root = root
        self.seq = seq
    }
}

/// What `verify` checked and found.
public struct VerifyReport: Sendable {
    /// Events in the log.
    public let events: Int64
    /// The tree it started from (nil: the first event): events up to its size were not re-read.
    public let since: VerifiedTree?
    /// The rebuilt tree's root.
    public let root: [UInt8]
    /// Recorded checkpoints checked against it.
    public let checkpointsChecked: Int
    /// Projection tables that matched the replay (none when something failed first, and none in
    /// a run from a verified tree, which does not replay).
    public let tablesCompared: [String]
    /// What did not hold.
    public let problems: [IntegrityProblem]
    /// True when nothing is wrong.
    public var holds: Bool { problems.isEmpty }
    /// The rebuilt tree's roots at the sizes asked for (`LogVerifier.run`'s `rootsAt`).
    let roots: [UInt64: [UInt8]]

    /// The rebuilt tree's root at `size`, one of the sizes the run was asked for; a size the run
    /// did not keep is `MerkleError.missingSubtree`.
    public func root(size: UInt64) throws -> [UInt8] {
        if size == UInt64(events) { return root }
        guard let root = roots[size] else { throw MerkleError.missingSubtree(level: 0, index: size) }
        return root
    }
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
/// It streams: events are read one at a time and replayed in chunks, the tree is rebuilt as a
/// compact range (O(log n) hashes) and compared with the stored subtrees level by level, a page
/// of each at a time, so memory does not grow with the log.
///
/// From a verified tree (`since`), it checks that the stored subtrees still hash to that tree's
/// root, then everything above for the events after it, except the replay (3), which needs every
/// event, and the backend's checks that read every page (only the schema is checked): a full run
/// is still the one that compares projections and scans the file.
public enum LogVerifier {
    /// Checks everything above in one read snapshot, then compares the replay. `rootsAt`: sizes
    /// whose roots the report keeps (an outside checkpoint's, the last audit's).
    public static func run(
        _ store: any LedgerStore, rootsAt sizes: Set<UInt64> = [], since start: VerifiedTree? = nil
    ) throws -> VerifyReport {
        let timer = PhaseTimer()
        let replay = start == nil ? try store.makeReplay() : nil
        var run = Run(sizes: sizes, replay: replay.map(ReplayPipeline.init))
        var checkpointsChecked = 0
        // A full run's storage checks read every page: on their own connection, while the log streams.
        let storageChecks = start == nil ? store.storageChecksApart().map(BackgroundWork.init) : nil
        defer { _ = try? storageChecks?.result() }
        try store.read { reader in
            let recorded = try reader.checkpoints()
            try run.start(reader, from: start, checkpoints: recorded)
            timer.phase("start")
            try run.stream(reader)
            timer.phase("read+hash+tree")
            guard run.problems.isEmpty else { return }
            // 2b: the backend's own checks of the file (SQLite: integrity_check, foreign_key_check),
            // after the log's (a deleted event is named as such, not as the rows that name it).
            run.problems += try storageChecks?.result() ?? reader.storageProblems(thorough: start == nil)
            timer.phase("storage")
            guard run.problems.isEmpty else { return run.pipeline?.abandon() ?? () }
            // 3: the replay of every event.
            if let failure = try run.pipeline?.finish() {
                run.problems.append(failure)
                return
            }
            timer.phase("decode+replay")
            checkpointsChecked = recorded.count
        }
        var tables: [String] = []
        if run.problems.isEmpty, let replay {
            run.problems += try replay.differences(upTo: run.count)
            if run.problems.isEmpty { tables = replay.tables }
        }
        timer.phase("compare")
        return VerifyReport(
            events: run.count, since: start, root: run.range.root, checkpointsChecked: checkpointsChecked,
            tablesCompared: tables, problems: run.problems, roots: run.roots)
    }

    /// One run's state: the streamed tree, the stored levels beside it, what it found.
    struct Run {
        let sizes: Set<UInt64>
        var pipeline: ReplayPipeline?
        var range = CompactRange()
        var count: Int64 = 0
        var roots: [UInt64: [UInt8]] = [:]
        var problems: [IntegrityProblem] = []
        var checkpointsAt: [Int64: [RecordedCheckpoint]] = [:]
        var levels: StoredLevels?

        init(sizes: Set<UInt64>, replay: ReplayPipeline?) {
            self.sizes = sizes
            pipeline = replay
        }

        /// From the first event, or from a verified tree whose stored subtrees must still hash to
        /// its root; checkpoints inside the verified tree are checked against the stored tree.
        mutating func start(
            _ reader: any LedgerReading, from start: VerifiedTree?, checkpoints: [RecordedCheckpoint]
        ) throws {
            let size = max(0, start?.size ?? 0)
            for checkpoint in checkpoints { checkpointsAt[checkpoint.size, default: []].append(checkpoint) }
            if let start {
                let subtrees = CompactRange.decomposition(UInt64(size)).map {
                    try? reader.merkle.subtree(level: $0.level, index: $0.index)
                }
                guard let resumed = CompactRange(size: UInt64(size), subtrees: subtrees.compactMap { $0 }),
                    resumed.root == start.root
                else {
                    problems.append(
                        IntegrityProblem(
                            "table merkle_nodes: the stored tree no longer hashes to the root verified at size "
                                + "\(size) (the audit at event \(start.seq)): events or subtrees before it were "
                                + "rewritten"))
                    return
                }
                range = resumed
                count = size
                for checkpoint in checkpoints where checkpoint.size <= size {
                    problems += try LogVerifier.checkpointProblems(checkpoint, events: size) { _ in
                        try reader.merkle.root(size: UInt64(checkpoint.size))
                    }
                }
                for wanted in sizes where wanted <= UInt64(size) {
                    roots[wanted] = try? reader.merkle.root(size: wanted)
                }
            } else {
                for checkpoint in checkpointsAt[0] ?? [] {
                    problems += try LogVerifier.checkpointProblems(checkpoint, events: 0) { _ in Merkle.emptyRoot }
                }
                if sizes.contains(0) { roots[0] = Merkle.emptyRoot }
            }
            levels = StoredLevels(reader, from: UInt64(size))
        }

        /// 1, 2 and 4: events, payload hashes, leaves and subtrees, checkpoints, as they go;
        /// replayed as they go while nothing is wrong.
        mutating func stream(_ reader: any LedgerReading) throws {
            guard problems.isEmpty, var levels else { return }
            var payloadProblems: [IntegrityProblem] = []
            var checkpointProblems: [IntegrityProblem] = []
            var treeProblem: IntegrityProblem?
            try reader.forEachEvent(after: count) { event in
                count += 1
                guard event.seq == count else {
                    payloadProblems.append(
                        IntegrityProblem(
                            event.seq > count
                                ? "event \(count) is missing (the next stored event is \(event.seq)): events were "
                                    + "deleted"
                                : "event \(event.seq) appears out of order"))
                    count -= 1
                    return false
                }
                if try SHA256.hash(event.payload.utf8).hex != event.payloadSHA256 {
                    payloadProblems.append(
                        IntegrityProblem(
                            "event \(event.seq): its payload does not match its recorded SHA-256 (payload changed)"))
                    pipeline?.abandon()
                }
                for node in range.append(leafHash: event.leafHash) where treeProblem == nil {
                    treeProblem = try levels.check(level: node.level, index: node.index, hash: node.hash)
                }
                let size = range.size
                if sizes.contains(size) { roots[size] = range.root }
                for checkpoint in checkpointsAt[Int64(size)] ?? [] {
                    let root = range.root
                    checkpointProblems += try LogVerifier.checkpointProblems(checkpoint, events: count) { _ in root }
                }
                try pipeline?.add(event)
                return true
            }
            // A checkpoint past the end of the log.
            for (size, checkpoints) in checkpointsAt where size > count || size < 0 {
                for checkpoint in checkpoints {
                    checkpointProblems += try LogVerifier.checkpointProblems(checkpoint, events: count) { _ in [] }
                }
            }
            if treeProblem == nil { treeProblem = try levels.finish(size: range.size) }
            // A changed payload is named as such, not as the leaf it no longer matches; a checkpoint
            // is compared with a tree known to be the events'.
            if !payloadProblems.isEmpty {
                problems += payloadProblems
            } else if let treeProblem {
                problems.append(treeProblem)
            } else {
                problems += checkpointProblems
            }
            if !problems.isEmpty { pipeline?.abandon() }
        }
    }

    static func checkpointProblems(
        _ recorded: RecordedCheckpoint, events: Int64, rootAt: (UInt64) throws -> [UInt8]
    ) throws -> [IntegrityProblem] {
        let (seq, size) = (recorded.seq, recorded.size)
        guard size >= 0, size <= events, let stored = Data(base64Encoded: recorded.storedRoot) else {
            return [IntegrityProblem("checkpoint at event \(seq) commits to \(size) events, but the log has \(events)")]
        }
        var problems: [IntegrityProblem] = []
        if try rootAt(UInt64(size)) != Array(stored) {
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

/// The stored tree beside the rebuilt one: for each level, a page of stored subtrees read ahead,
/// consumed in index order as the rebuilt tree completes them.
struct StoredLevels {
    private let reader: any LedgerReading
    private let pageSize = 4_096
    private var pages: [[(index: Int64, hash: [UInt8])]] = []
    private var positions: [Int] = []
    /// The next index each level expects.
    private var next: [Int64] = []
    private let startSize: UInt64

    init(_ reader: any LedgerReading, from size: UInt64) {
        self.reader = reader
        startSize = size
    }

    /// The next stored subtree of `level` at or after the expected index, or nil when none is left.
    private mutating func peek(_ level: Int) throws -> (index: Int64, hash: [UInt8])? {
        while pages.count <= level {
            let first = Int64(startSize >> UInt64(pages.count))
            pages.append([])
            positions.append(0)
            next.append(first)
        }
        if positions[level] == pages[level].count {
            pages[level] = try reader.merkleNodes(level: level, from: next[level], limit: pageSize)
            positions[level] = 0
        }
        return positions[level] < pages[level].count ? pages[level][positions[level]] : nil
    }

    /// Compares one rebuilt subtree with the stored one; the problem, if they differ.
    mutating func check(level: Int, index: UInt64, hash: [UInt8]) throws -> IntegrityProblem? {
        guard let stored = try peek(level), stored.index == Int64(index) else {
            return IntegrityProblem(
                "table merkle_nodes: the subtree (level \(level), index \(index)) of the events' tree is missing")
        }
        positions[level] += 1
        next[level] = Int64(index) + 1
        guard stored.hash == hash else {
            return IntegrityProblem(
                level == 0
                    ? "event \(index + 1) does not match its leaf in the stored tree (events changed or reordered)"
                    : "table merkle_nodes: stored subtree (level \(level), index \(index)) does not match "
                        + "the events (tree rewritten)")
        }
        return nil
    }

    /// After the last event: no level may hold a subtree past the rebuilt tree, and the store may
    /// hold no subtree the tree does not have (at a level it never reaches, or a negative one).
    mutating func finish(size: UInt64) throws -> IntegrityProblem? {
        var level = 0
        while level < 64, size >> UInt64(level) > 0 || level < pages.count {
            if let extra = try peek(level) {
                return IntegrityProblem(
                    "table merkle_nodes: stored subtree (level \(level), index \(extra.index)) covers "
                        + "events the log no longer has (events deleted)")
            }
            level += 1
        }
        let expected = Int64(2 * size) - Int64(size.nonzeroBitCount)
        let stored = try reader.merkleNodeCount()
        guard stored == expected else {
            return IntegrityProblem(
                "table merkle_nodes: \(stored) subtrees are stored, but the events' tree has \(expected)")
        }
        return nil
    }
}

/// Replays events in chunks on two threads of its own, in order: one decodes a chunk while the
/// other applies the chunk before, and the caller goes on reading the log (at a million events the
/// reading, the decoding and the replay's inserts each take a share of the two cores; applying on
/// the reading thread made that thread the whole run's length). At most `inFlight` chunks are
/// held at once: `add` waits while the replay is that far behind.
final class ReplayPipeline: @unchecked Sendable {
    private let replay: any LedgerReplay
    private let chunkSize = 2_000
    private let inFlight = 3
    private var pending: [StoredEvent] = []
    private let decoding = DispatchQueue(label: "weightledger.verify.decode")
    private let applying = DispatchQueue(label: "weightledger.verify.apply")
    private let room: DispatchSemaphore
    /// Written on the two queues, read by the caller: under `lock`.
    private let lock = NSLock()
    private var failure: IntegrityProblem?
    private var error: (any Error)?
    private var abandoned = false

    init(_ replay: any LedgerReplay) {
        self.replay = replay
        room = DispatchSemaphore(value: inFlight)
    }

    /// Queues `event`; throws what applying an earlier chunk threw.
    func add(_ event: StoredEvent) throws {
        guard !stopped else { return try rethrow() }
        pending.append(event)
        if pending.count == chunkSize { flush() }
    }

    /// Stops replaying (the log is already known to be wrong); waits for work under way.
    func abandon() {
        lock.withLock { abandoned = true }
        pending = []
        drain()
    }

    /// Replays what is left; returns the first event that could not be replayed, if any.
    func finish() throws -> IntegrityProblem? {
        if !stopped { flush() }
        drain()
        try rethrow()
        return lock.withLock { abandoned ? nil : failure }
    }

    /// Abandoned, or an event could not be replayed: nothing more is decoded or applied.
    private var stopped: Bool { lock.withLock { abandoned || failure != nil || error != nil } }

    private func rethrow() throws {
        if let error = lock.withLock({ error }) { throw error }
    }

    private func drain() {
        decoding.sync {}
        applying.sync {}
    }

    private func flush() {
        guard !pending.isEmpty else { return }
        let chunk = pending
        pending = []
        pending.reserveCapacity(chunkSize)
        room.wait()
        decoding.async { [self] in
            guard !stopped else {
                room.signal()
                return
            }
            var events: [ReplayedEvent] = []
            events.reserveCapacity(chunk.count)
            var problem: IntegrityProblem?
            for stored in chunk {
                do {
                    let event = try LedgerEvent.decode(type: stored.type, payloadText: stored.payload)
                    events.append(ReplayedEvent(event: event, seq: stored.seq, time: stored.recordedAt))
                } catch {
                    problem = IntegrityProblem("event \(stored.seq) (\(stored.type)) cannot be replayed: \(error)")
                    break
                }
            }
            applying.async { [self, events, problem] in
                defer { room.signal() }
                guard !stopped else { return }
                do { try replay.apply(events) } catch {
                    lock.withLock { self.error = error }
                    return
                }
                // The events before the one that could not be decoded are applied first, as before.
                if let problem { lock.withLock { if failure == nil { failure = problem } } }
            }
        }
    }
}

/// `WEIGHTLEDGER_TIMING=1`: how long each step of `verify` took, on stderr.
private final class PhaseTimer {
    private let enabled = ProcessInfo.processInfo.environment["WEIGHTLEDGER_TIMING"] != nil
    private var mark = DispatchTime.now().uptimeNanoseconds

    func phase(_ name: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        // The peak resident memory so far (Linux), to see which phase sets it.
        let peak =
            (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8))?.split(separator: "\n")
            .first { $0.hasPrefix("VmHWM:") }.map { " peak \($0.dropFirst(6).trimmingCharacters(in: .whitespaces))" }
            ?? ""
        FileHandle.standardError.write(Data("verify: \(name) \(Double(now - mark) / 1e9) s\(peak)\n".utf8))
        mark = now
    }
}
