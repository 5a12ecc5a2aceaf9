import Foundation
import LedgerStore
import NIOCore
import PostgresNIO
import TransparencyLog

/// The log's queries and appends in PostgreSQL: events and subtrees, read a page at a time and
/// bounded by a size (a snapshot: rows appended since are not read).
struct PostgresLog {
    let session: PostgresSession

    /// Rows per statement when writing events.
    static let pageSize = 5_000
    /// Rows per page when reading events. `verify` at 1 M once peaked at 970 MB with pages of
    /// 5,000 and 521 MB with pages of 1,000; since the replay decodes on its worker into events
    /// ready to apply, both sizes peak at 256–260 MB in the same time (docs/scale.md).
    static let readPageSize = 1_000

    /// The last event's number (events are numbered without gaps; `verify` checks it).
    func count() throws -> Int64 {
        try session.value("SELECT COALESCE(MAX(seq), 0)::bigint FROM events", as: Int64.self) ?? 0
    }

    /// At most `limit` events after `seq`, up to event `size`, in order.
    func events(after seq: Int64, upTo size: Int64, limit: Int = readPageSize) throws -> [StoredEvent] {
        try session.rows(
            """
            SELECT seq, recorded_at, actor, type, payload, payload_sha256 FROM events
            WHERE seq > \(seq) AND seq <= \(size) ORDER BY seq LIMIT \(limit)
            """
        ).map { row in
            let (seq, time, actor, type, payload, sha) = try row.decode(
                (Int64, String, String, String, String, String).self)
            return StoredEvent(
                seq: seq, recordedAt: time, actor: actor, type: type, payload: payload, payloadSHA256: sha)
        }
    }

    /// The stored subtree (`level`, `index`), or nil.
    func subtree(level: Int, index: UInt64) throws -> [UInt8]? {
        guard
            let row = try session.rows(
                "SELECT hash FROM merkle_nodes WHERE level = \(level) AND idx = \(Int64(bitPattern: index))"
            ).first
        else { return nil }
        return Array(try row.decode(ByteBuffer.self).readableBytesView)
    }

    /// At most `limit` subtrees of `level` from `index` on that lie inside the first `size` leaves.
    func nodes(level: Int, from index: Int64, limit: Int, size: Int64) throws -> [(index: Int64, hash: [UInt8])] {
        try session.rows(
            """
            SELECT idx, hash FROM merkle_nodes
            WHERE level = \(level) AND idx >= \(index) AND idx < (\(size)::bigint >> level)
            ORDER BY idx LIMIT \(limit)
            """
        ).map { row in
            let (index, hash) = try row.decode((Int64, ByteBuffer).self)
            return (index, Array(hash.readableBytesView))
        }
    }

    /// How many subtrees lie inside the first `size` leaves.
    func nodeCount(size: Int64) throws -> Int64 {
        try session.value(
            "SELECT COUNT(*)::bigint FROM merkle_nodes WHERE idx < (\(size)::bigint >> level)", as: Int64.self) ?? 0
    }

    /// The tree's root at `size` from the stored subtrees that cover it (one query), or nil when
    /// one is missing.
    func root(size: Int64) throws -> [UInt8]? {
        guard size > 0 else { return Merkle.emptyRoot }
        let wanted = CompactRange.decomposition(UInt64(size))
        let levels = wanted.map { Int32($0.level) }
        let indexes = wanted.map { Int64($0.index) }
        var found: [Int32: [UInt8]] = [:]
        for row in try session.rows(
            """
            SELECT n.level, n.hash FROM merkle_nodes n
            JOIN unnest(\(levels)::int[], \(indexes)::bigint[]) AS w(level, idx) ON n.level = w.level AND n.idx = w.idx
            """)
        {
            let (level, hash) = try row.decode((Int32, ByteBuffer).self)
            found[level] = Array(hash.readableBytesView)
        }
        let hashes = levels.compactMap { found[$0] }
        guard hashes.count == levels.count else { return nil }
        return CompactRange(size: UInt64(size), subtrees: hashes)?.root
    }

    /// Appends `events` (the next ones, in order) and `nodes` in one statement each.
    func append(events: [StoredEvent], nodes: [(level: Int, index: Int64, hash: [UInt8])]) throws {
        if !events.isEmpty {
            try session.run(
                """
                INSERT INTO events (seq, recorded_at, actor, type, payload, payload_sha256)
                SELECT * FROM unnest(\(events.map(\.seq))::bigint[], \(events.map(\.recordedAt))::text[],
                    \(events.map(\.actor))::text[], \(events.map(\.type))::text[], \(events.map(\.payload))::text[],
                    \(events.map(\.payloadSHA256))::text[]) AS e(seq, recorded_at, actor, type, payload, payload_sha256)
                ORDER BY seq
                """)
        }
        if !nodes.isEmpty {
            try session.run(
                """
                INSERT INTO merkle_nodes (level, idx, hash)
                SELECT * FROM unnest(\(nodes.map { Int32($0.level) })::int[], \(nodes.map(\.index))::bigint[],
                    \(nodes.map { ByteBuffer(bytes: $0.hash) })::bytea[])
                """)
        }
    }
}

/// The stored tree in PostgreSQL, for proofs (O(log² n) subtrees).
struct PostgresSubtrees: SubtreeSource {
    let pool: PostgresPool

    func subtree(level: Int, index: UInt64) throws -> [UInt8] {
        guard let hash = try pool.with({ try PostgresLog(session: $0).subtree(level: level, index: index) }) else {
            throw MerkleError.missingSubtree(level: level, index: index)
        }
        return hash
    }
}
