import LedgerStore
import PostgresNIO

/// The PostgreSQL schema's migrations (schema/postgresql.sql is what they produce; a test keeps
/// the two equal). Append-only: a released migration is never edited, a change is a new one.
///
/// PostgreSQL holds the log: the events and the Merkle tree's subtrees, both append-only
/// (triggers refuse UPDATE, DELETE and TRUNCATE, whoever asks; the grants in docs/postgresql.md
/// keep the server's role from dropping them), events numbered 1, 2, 3, … without gaps (a
/// trigger refuses any other number; appenders take `appendLock` first). The projections live in
/// each process's mirror (an SQLite ledger file), rebuilt from the log.
enum PostgresSchema {
    /// Advisory lock keys: appends (held for a transaction), audits, migrations (held for a session).
    static let appendLock: Int64 = 0x574C_4447_0001
    static let auditLock: Int64 = 0x574C_4447_0002
    static let migrationLock: Int64 = 0x574C_4447_0003

    /// Every migration, oldest first: its identifier and its SQL.
    static let migrations: [(id: String, statements: [String])] = [
        ("2026-12-04-v1-log", v1),
        ("2026-12-04-v2-sessions", v2),
    ]

    /// Migration v2: page sessions every server sees (`PostgresSessions`): the SHA-256 of each
    /// session id (the cookie itself is never stored) and of the token that signed in.
    private static let v2: [String] = [
        """
        CREATE TABLE sessions (
            id_sha256 TEXT PRIMARY KEY,
            token_sha256 TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            expires_at TIMESTAMPTZ NOT NULL
        )
        """,
        "CREATE INDEX sessions_by_token ON sessions (token_sha256, created_at)",
        "CREATE INDEX sessions_by_creation ON sessions (created_at)",
    ]

    /// Migration v1: the log. One statement per element (the extended protocol runs one at a time).
    private static let v1: [String] = [
        """
        CREATE TABLE events (
            seq BIGINT PRIMARY KEY CHECK (seq >= 1),
            recorded_at TEXT NOT NULL,
            actor TEXT NOT NULL,
            type TEXT NOT NULL,
            payload TEXT NOT NULL,
            payload_sha256 TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE merkle_nodes (
            level INTEGER NOT NULL CHECK (level >= 0 AND level < 64),
            idx BIGINT NOT NULL CHECK (idx >= 0),
            hash BYTEA NOT NULL CHECK (octet_length(hash) = 32),
            PRIMARY KEY (level, idx)
        )
        """,
        """
        CREATE FUNCTION weightledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
        END $$
        """,
        """
        CREATE FUNCTION weightledger_events_in_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.seq <> (SELECT COALESCE(MAX(seq), 0) + 1 FROM events) THEN
                RAISE EXCEPTION 'events are appended in sequence only (event % refused)', NEW.seq;
            END IF;
            RETURN NEW;
        END $$
        """,
        """
        CREATE TRIGGER events_refuse_change BEFORE UPDATE OR DELETE ON events
            FOR EACH ROW EXECUTE FUNCTION weightledger_refuse_change()
        """,
        """
        CREATE TRIGGER events_refuse_truncate BEFORE TRUNCATE ON events
            FOR EACH STATEMENT EXECUTE FUNCTION weightledger_refuse_change()
        """,
        """
        CREATE TRIGGER events_in_sequence BEFORE INSERT ON events
            FOR EACH ROW EXECUTE FUNCTION weightledger_events_in_sequence()
        """,
        """
        CREATE TRIGGER merkle_nodes_refuse_change BEFORE UPDATE OR DELETE ON merkle_nodes
            FOR EACH ROW EXECUTE FUNCTION weightledger_refuse_change()
        """,
        """
        CREATE TRIGGER merkle_nodes_refuse_truncate BEFORE TRUNCATE ON merkle_nodes
            FOR EACH STATEMENT EXECUTE FUNCTION weightledger_refuse_change()
        """,
    ]

    /// The triggers every ledger database has; `verify` reports one that is gone.
    static let triggers = [
        "events_refuse_change", "events_refuse_truncate", "events_in_sequence", "merkle_nodes_refuse_change",
        "merkle_nodes_refuse_truncate",
    ]

    /// The table that records applied migrations (created by `migrate` before the first).
    static let bookkeeping = """
        CREATE TABLE IF NOT EXISTS weightledger_migrations (
            id TEXT PRIMARY KEY,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """

    /// Where a database stands: no ledger schema yet, some migrations pending, current.
    enum Standing: Equatable {
        case empty
        case pending([String])
        case current
    }

    /// Reads the applied migrations; a database of another application, or one newer than this
    /// binary, is refused here.
    static func standing(_ session: PostgresSession, place: String) throws -> Standing {
        let tables = try session.rows(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()"
        ).map { try $0.decode(String.self) }
        guard tables.contains("weightledger_migrations") else {
            let other = Set(tables).intersection(["events", "merkle_nodes"])
            if !other.isEmpty {
                throw StoreError.notALedger(
                    path: place,
                    reason: "its schema has tables named \(other.sorted().joined(separator: ", ")) but no "
                        + "weightledger_migrations (another application's)")
            }
            return .empty
        }
        let applied = Set(try session.rows("SELECT id FROM weightledger_migrations").map { try $0.decode(String.self) })
        let known = migrations.map(\.id)
        let unknown = applied.subtracting(known).sorted()
        if !unknown.isEmpty { throw StoreError.newerSchema(path: place, unknownMigrations: unknown) }
        let pending = known.filter { !applied.contains($0) }
        return pending.isEmpty ? .current : .pending(pending)
    }

    /// Applies every pending migration, each in its own transaction, under the migration lock
    /// (two processes migrating at once take turns). Returns the identifiers applied.
    static func migrate(_ session: PostgresSession, place: String) throws -> [String] {
        let encoding = try session.value("SHOW server_encoding", as: String.self) ?? ""
        guard encoding == "UTF8" else {
            throw StoreError.unavailable(
                path: place,
                reason: "the database's encoding is \(encoding), not UTF8 (CREATE DATABASE … ENCODING 'UTF8')")
        }
        try session.run("SELECT pg_advisory_lock(\(migrationLock))")
        defer { try? session.run("SELECT pg_advisory_unlock(\(migrationLock))") }
        // Another application's tables are refused before anything is created beside them.
        let pending: [String]
        switch try standing(session, place: place) {
        case .current: return []
        case .pending(let ids): pending = ids
        case .empty:
            try session.script(bookkeeping)
            pending = migrations.map(\.id)
        }
        for id in pending {
            guard let migration = migrations.first(where: { $0.id == id }) else { continue }
            do {
                try session.run("BEGIN")
                for statement in migration.statements { try session.script(statement) }
                try session.run("INSERT INTO weightledger_migrations (id) VALUES (\(id))")
                try session.run("COMMIT")
            } catch {
                try? session.run("ROLLBACK")
                throw error
            }
        }
        return pending
    }

    /// The whole schema as the migrations create it, for schema/postgresql.sql.
    static var document: String {
        "-- The PostgreSQL schema of a WeightLedger ledger (weightledger migrate); generated by SchemaTests.\n"
            + bookkeeping + ";\n\n"
            + migrations.map { "-- \($0.id)\n" + $0.statements.map { $0 + ";\n" }.joined() }.joined(separator: "\n")
    }
}
