import Foundation
import GRDB
import Hashing
import LedgerCore
import TransparencyLog

/// Something `verify` found that does not hold: which event, row or checkpoint, and how.
public struct IntegrityProblem: Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// What `verify` checked and found.
public struct VerifyReport: Sendable {
    public let events: Int64
    public let root: [UInt8]
    public let checkpointsChecked: Int
    public let tablesCompared: [String]
    public let problems: [IntegrityProblem]
    public var holds: Bool { problems.isEmpty }
    /// The tree rebuilt from the events, for checks against outside checkpoints.
    public let tree: MemoryTree
}

/// Recomputes the log from the stored events and compares it with everything derived from them.
///
/// 1. Events are numbered 1…n without gaps and each payload matches its recorded hash.
/// 2. The leaves and every stored subtree of the Merkle tree match the events.
/// 3. Every recorded checkpoint's root matches the rebuilt tree at its size.
/// 4. Replaying the events into an empty ledger gives exactly the projection tables stored.
public struct LogVerifier {
    /// The projection tables a replay must reproduce row for row, each with the rows that come from
    /// the first N events (writers may append while verify runs: rows of later events are not
    /// compared). The events themselves are checked against their hashes and the tree, and
    /// `merkle_nodes` against the rebuilt tree, in the same snapshot.
    static let tableFilters: [(table: String, filter: String)] = [
        ("ledger_info", "1"),
        ("artifacts", "registered_seq <= :n"),
        ("artifact_file_rows", "artifact_id IN (SELECT id FROM stored.artifacts WHERE registered_seq <= :n)"),
        ("name_rows", "added_seq <= :n"),
        ("training_record_rows", "artifact_id IN (SELECT id FROM stored.artifacts WHERE registered_seq <= :n)"),
        ("lineage_edge_rows", "child_id IN (SELECT id FROM stored.artifacts WHERE registered_seq <= :n)"),
        ("location_rows", "added_seq <= :n"),
        ("model_header_rows", "artifact_id IN (SELECT id FROM stored.artifacts WHERE registered_seq <= :n)"),
        ("deployments", "seq <= :n"),
        ("licenses", "added_seq <= :n"),
        ("license_artifacts", "license IN (SELECT id FROM stored.licenses WHERE added_seq <= :n)"),
        ("license_destinations", "license IN (SELECT id FROM stored.licenses WHERE added_seq <= :n)"),
        ("checkpoints", "seq <= :n"),
        ("audits", "seq <= :n"),
        ("location_checks", "checked_seq <= :n"),
        ("tokens", "created_seq <= :n"),
    ]

    /// Columns compared, where a later event may change a row the first N events made: such a
    /// change is the next run's to check. (Audits, the only writers of location checks, are
    /// kept out by the audit lock.)
    static let storedColumns: [String: (stored: String, replayed: String)] = [
        "tokens": ("name, role, sha256, created_seq, CASE WHEN revoked_seq <= :n THEN revoked_seq END",
                   "name, role, sha256, created_seq, revoked_seq"),
    ]
    public static var tables: [String] { tableFilters.map(\.table) }

    let path: String

    public init(path: String) { self.path = path }

    public func run() throws -> VerifyReport {
        let timing = ProcessInfo.processInfo.environment["WEIGHTLEDGER_TIMING"] != nil
        var mark = DispatchTime.now().uptimeNanoseconds
        func phase(_ name: String) {
            guard timing else { return }
            let now = DispatchTime.now().uptimeNanoseconds
            FileHandle.standardError.write(Data("verify: \(name) \(Double(now - mark) / 1e9) s\n".utf8))
            mark = now
        }
        let ledger = try Ledger.open(path: path, mode: .existing)
        defer { try? ledger.close() }
        var problems: [IntegrityProblem] = []
        var tree = MemoryTree()
        // The replay target: same tables, no foreign keys or secondary indexes (only rows are compared).
        var rebuiltConfig = Configuration()
        rebuiltConfig.foreignKeysEnabled = false
        let rebuilt = try DatabaseQueue(configuration: rebuiltConfig)
        try LedgerSchema.migrator.migrate(rebuilt)
        try rebuilt.write { db in
            for index in try String.fetchAll(db.cachedStatement(sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")) {
                try db.execute(sql: "DROP INDEX \(index)")
            }
        }
        var count: Int64 = 0
        var checkpointsChecked = 0
        try ledger.read { reader in
            let db = reader.db
            // 1–2: events, payload hashes, leaves.
            var stored: [(seq: Int64, time: String, actor: String, type: String, payload: [UInt8])] = []
            let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT seq, recorded_at, actor, type, payload, payload_sha256 FROM events ORDER BY seq"))
            while let row = try rows.next() {
                let seq: Int64 = row["seq"]
                count += 1
                if seq != count {
                    problems.append(IntegrityProblem(seq > count ? "event \(count) is missing (the next stored event is \(seq)): events were deleted"
                                                                 : "event \(seq) appears out of order"))
                    break
                }
                let payloadText: String = row["payload"]
                let payload = Array(payloadText.utf8)
                let recordedHash: String = row["payload_sha256"]
                if try SHA256.hash(payload).hex != recordedHash {
                    problems.append(IntegrityProblem("event \(seq): its payload does not match its recorded SHA-256 (payload changed)"))
                }
                let time: String = row["recorded_at"], actor: String = row["actor"], type: String = row["type"]
                tree.append(leafHash: EventLeaf.hash(seq: seq, recordedAt: time, actor: actor, type: type, payload: payload))
                stored.append((seq, time, actor, type, payload))
            }
            phase("read+hash")
            guard problems.isEmpty else { return }
            // The stored tree, node by node, against the rebuilt one.
            var expectedNodes = tree.levels.reduce(0) { $0 + $1.count }
            let nodes = try Row.fetchCursor(db.cachedStatement(sql: "SELECT level, idx, hash FROM merkle_nodes ORDER BY level, idx"))
            while let node = try nodes.next() {
                let level: Int = node["level"], index: Int64 = node["idx"]
                let hash: Data = node["hash"]
                guard level < tree.levels.count, index >= 0, index < Int64(tree.levels[level].count) else {
                    problems.append(IntegrityProblem("table merkle_nodes: stored subtree (level \(level), index \(index)) covers events the log no longer has (events deleted)"))
                    break
                }
                guard tree.levels[level][Int(index)] == Array(hash) else {
                    problems.append(IntegrityProblem(level == 0
                        ? "event \(index + 1) does not match its leaf in the stored tree (events changed or reordered)"
                        : "table merkle_nodes: stored subtree (level \(level), index \(index)) does not match the events (tree rewritten)"))
                    break
                }
                expectedNodes -= 1
            }
            if problems.isEmpty && expectedNodes != 0 {
                problems.append(IntegrityProblem("table merkle_nodes: \(expectedNodes) subtree(s) of the events' tree are missing"))
            }
            guard problems.isEmpty else { return }
            // Replay into an empty ledger: payloads are decoded in chunks on other threads while this
            // one applies the chunks already decoded, in order.
            let pipeline = DecodePipeline(stored.map { ($0.type, $0.payload) })
            try rebuilt.writeWithoutTransaction { target in
                try target.inTransaction {
                    let projector = Projector(db: target)
                    for (index, event) in stored.enumerated() {
                        switch pipeline.result(index) {
                        case .success(let value):
                            try projector.apply(value, seq: event.seq, time: event.time)
                        case .failure(let error):
                            problems.append(IntegrityProblem("event \(event.seq) (\(event.type)) cannot be replayed: \(error)"))
                            return .rollback
                        }
                    }
                    return .commit
                }
            }
            phase("decode+replay")
            guard problems.isEmpty else { return }
            // 3: recorded checkpoints against the rebuilt tree.
            let checkpoints = try Row.fetchAll(db.cachedStatement(sql: "SELECT seq, origin, size, root_hash, signed_note FROM checkpoints ORDER BY seq"))
            for row in checkpoints {
                let seq: Int64 = row["seq"], size: Int64 = row["size"]
                let root: String = row["root_hash"]
                checkpointsChecked += 1
                guard size >= 0, size <= count, let stored = Data(base64Encoded: root) else {
                    problems.append(IntegrityProblem("checkpoint at event \(seq) commits to \(size) events, but the log has \(count)"))
                    continue
                }
                if try tree.root(size: UInt64(size)) != Array(stored) {
                    problems.append(IntegrityProblem("checkpoint at event \(seq) (size \(size)) does not match the log: events before it were rewritten"))
                }
                if let note: String = row["signed_note"] {
                    let text = (try? SignedNote.parse(note))?.text
                    let expected = Checkpoint(origin: row["origin"], size: UInt64(size), rootHash: Array(stored)).text
                    if text != expected { problems.append(IntegrityProblem("checkpoint at event \(seq): its signed note does not state its size and root")) }
                }
            }
        }
        phase("replay+checkpoints")
        // 4: the rebuilt ledger against the stored one, table by table (the tree's nodes included).
        if problems.isEmpty {
            try rebuilt.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS stored", arguments: [path])
                defer { try? db.execute(sql: "DETACH DATABASE stored") }
                for (table, filter) in Self.tableFilters {
                    // Every table has a primary key, so equal counts and no stored row outside the
                    // replay means the two are the same set of rows.
                    let arguments: StatementArguments = ["n": count]
                    let (storedColumns, replayedColumns) = Self.storedColumns[table] ?? ("*", "*")
                    if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(storedColumns) FROM stored.\(table) WHERE \(filter) EXCEPT SELECT \(replayedColumns) FROM main.\(table) LIMIT 1"),
                                                  arguments: arguments) {
                        problems.append(IntegrityProblem("table \(table): stored row \(Self.describe(row)) is not what the events produce (edited or added)"))
                    } else if try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM stored.\(table) WHERE \(filter)"), arguments: arguments)
                                != (try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM main.\(table)"))),
                              let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(replayedColumns) FROM main.\(table) EXCEPT SELECT \(storedColumns) FROM stored.\(table) WHERE \(filter) LIMIT 1"),
                                                         arguments: arguments) {
                        problems.append(IntegrityProblem("table \(table): row \(Self.describe(row)) that the events produce is missing (deleted)"))
                    }
                }
            }
        }
        phase("compare")
        return VerifyReport(events: count, root: try tree.root(size: tree.size), checkpointsChecked: checkpointsChecked,
                            tablesCompared: problems.isEmpty ? Self.tables : [], problems: problems, tree: tree)
    }

    static func describe(_ row: Row) -> String {
        let parts = row.columnNames.prefix(3).map { column -> String in
            let value = row[column] as DatabaseValue
            var text: String
            switch value.storage {
            case .blob(let data): text = "x'\(data.prefix(8).map { String(format: "%02x", $0) }.joined())…'"
            default: text = value.description
            }
            if text.count > 80 { text = String(text.prefix(77)) + "…" }
            return "\(column)=\(text)"
        }
        return "(" + parts.joined(separator: ", ") + ")"
    }
}

/// Decodes payloads on background threads, chunk by chunk, while the caller consumes them in order.
private final class DecodePipeline: @unchecked Sendable {
    private let payloads: [(type: String, payload: [UInt8])]
    /// One slot per event; each chunk's worker writes only its own slots, before signalling them ready.
    private let slots: UnsafeMutablePointer<Result<LedgerEvent, Error>?>
    private let chunkSize = 2_000
    private let ready: [DispatchSemaphore]
    private let finished = DispatchGroup()
    private let lock = NSLock()
    private var claimed = 0
    private var waited: Set<Int> = []

    init(_ payloads: [(type: String, payload: [UInt8])]) {
        self.payloads = payloads
        slots = .allocate(capacity: max(payloads.count, 1))
        slots.initialize(repeating: nil, count: max(payloads.count, 1))
        let chunks = (payloads.count + chunkSize - 1) / chunkSize
        ready = (0..<chunks).map { _ in DispatchSemaphore(value: 0) }
        for _ in 0..<max(1, ProcessInfo.processInfo.activeProcessorCount) {
            DispatchQueue.global().async(group: finished) { [self] in work() }
        }
    }

    deinit {
        finished.wait()
        slots.deinitialize(count: max(payloads.count, 1))
        slots.deallocate()
    }

    private func work() {
        while true {
            let chunk: Int = lock.withLock { defer { claimed += 1 }; return claimed }
            guard chunk < ready.count else { return }
            for index in (chunk * chunkSize)..<min(payloads.count, (chunk + 1) * chunkSize) {
                slots[index] = Result { try LedgerEvent.decode(type: payloads[index].type, payload: payloads[index].payload) }
            }
            ready[chunk].signal()
        }
    }

    /// The decoded event at `index`, waiting for its chunk if needed.
    func result(_ index: Int) -> Result<LedgerEvent, Error> {
        let chunk = index / chunkSize
        if !waited.contains(chunk) {
            ready[chunk].wait()
            waited.insert(chunk)
        }
        return slots[index]!
    }
}
