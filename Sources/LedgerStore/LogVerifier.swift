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
    /// The tables a replay must reproduce row for row.
    public static let tables = ["events", "ledger_info", "artifacts", "artifact_files", "names", "training_records", "lineage_edges",
                                "locations", "model_headers", "deployments", "licenses", "license_artifacts", "license_destinations",
                                "merkle_nodes", "checkpoints"]

    let path: String

    public init(path: String) { self.path = path }

    public func run() throws -> VerifyReport {
        let ledger = try Ledger.open(path: path, mode: .existing)
        defer { try? ledger.close() }
        var problems: [IntegrityProblem] = []
        var tree = MemoryTree()
        let rebuilt = try DatabaseQueue()
        try LedgerSchema.migrator.migrate(rebuilt)
        var count: Int64 = 0
        var checkpointsChecked = 0
        try ledger.read { reader in
            let db = reader.db
            // 1–2: events, payload hashes, leaves; replay into the rebuilt ledger as we go.
            try rebuilt.writeWithoutTransaction { target in
                try target.inTransaction {
                    let writer = LedgerWriter(db: target)
                    let rows = try Row.fetchCursor(db, sql: "SELECT seq, recorded_at, actor, type, payload, payload_sha256 FROM events ORDER BY seq")
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
                        do {
                            try writer.append(try LedgerEvent.decode(type: type, payload: payload), actor: actor, at: time)
                        } catch {
                            problems.append(IntegrityProblem("event \(seq) (\(type)) cannot be replayed: \(error)"))
                            break
                        }
                    }
                    return .commit
                }
            }
            guard problems.isEmpty else { return }
            // 3: recorded checkpoints against the rebuilt tree.
            let checkpoints = try Row.fetchAll(db, sql: "SELECT seq, origin, size, root_hash, signed_note FROM checkpoints ORDER BY seq")
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
        // 4: the rebuilt ledger against the stored one, table by table (the tree's nodes included).
        if problems.isEmpty {
            try rebuilt.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS stored", arguments: [path])
                defer { try? db.execute(sql: "DETACH DATABASE stored") }
                for table in Self.tables {
                    if let row = try Row.fetchOne(db, sql: "SELECT * FROM stored.\(table) EXCEPT SELECT * FROM main.\(table) LIMIT 1") {
                        problems.append(IntegrityProblem("table \(table): stored row \(Self.describe(row)) is not what the events produce (edited or added)"))
                    } else if let row = try Row.fetchOne(db, sql: "SELECT * FROM main.\(table) EXCEPT SELECT * FROM stored.\(table) LIMIT 1") {
                        problems.append(IntegrityProblem("table \(table): row \(Self.describe(row)) that the events produce is missing (deleted)"))
                    }
                }
            }
        }
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
