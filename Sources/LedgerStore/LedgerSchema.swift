import GRDB

/// The ledger's migrations. schema/ledger.sql is what they produce; a test keeps the two equal.
///
/// Migrations are append-only: a released one is never edited, a change is a new migration.
enum LedgerSchema {
    /// SQLite `application_id` marking a WeightLedger ledger ("WLDG").
    static let applicationID: Int32 = 0x574C_4447

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-11-25-v1-ledger") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: v1)
        }
        migrator.registerMigration("2026-11-25-v2-deployments-licenses") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("2026-11-25-v3-model-headers") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration("2026-11-25-v4-merkle-tree") { db in
            try db.execute(sql: v4)
            try MerkleStore(db: db).backfill()
        }
        migrator.registerMigration("2026-11-25-v5-audits") { db in
            try db.execute(sql: v5)
        }
        return migrator
    }

    private static let v1 = """
        CREATE TABLE ledger_info (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE events (
            seq INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
            recorded_at TEXT NOT NULL,
            actor TEXT NOT NULL,
            type TEXT NOT NULL,
            payload TEXT NOT NULL,
            payload_sha256 TEXT NOT NULL
        );
        CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE refused'); END;
        CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events
            BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE refused'); END;
        CREATE TRIGGER events_in_sequence BEFORE INSERT ON events
            WHEN NEW.seq IS NOT (SELECT COALESCE(MAX(seq), 0) + 1 FROM events)
            BEGIN SELECT RAISE(ABORT, 'events are appended in sequence only'); END;

        CREATE TABLE artifacts (
            digest TEXT PRIMARY KEY NOT NULL,
            form TEXT NOT NULL CHECK (form IN ('file', 'directory')),
            size_bytes INTEGER NOT NULL,
            file_count INTEGER NOT NULL,
            registered_seq INTEGER NOT NULL REFERENCES events(seq),
            registered_at TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE artifact_files (
            artifact TEXT NOT NULL REFERENCES artifacts(digest),
            path TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            PRIMARY KEY (artifact, path)
        ) WITHOUT ROWID;
        CREATE INDEX artifact_files_by_sha256 ON artifact_files(sha256);

        CREATE TABLE names (
            name TEXT PRIMARY KEY NOT NULL,
            repository TEXT NOT NULL,
            tag TEXT,
            artifact TEXT NOT NULL REFERENCES artifacts(digest),
            added_seq INTEGER NOT NULL REFERENCES events(seq)
        ) WITHOUT ROWID;
        CREATE INDEX names_by_repository ON names(repository);
        CREATE INDEX names_by_artifact ON names(artifact);

        CREATE TABLE training_records (
            artifact TEXT PRIMARY KEY NOT NULL REFERENCES artifacts(digest),
            kind TEXT NOT NULL,
            trained_in TEXT,
            site TEXT,
            compute_operations REAL,
            compute_method TEXT NOT NULL,
            compute_inputs TEXT NOT NULL,
            published_url TEXT,
            published_on TEXT,
            started_on TEXT,
            finished_on TEXT
        ) WITHOUT ROWID;

        CREATE TABLE lineage_edges (
            child TEXT NOT NULL REFERENCES artifacts(digest),
            parent TEXT NOT NULL REFERENCES artifacts(digest),
            position INTEGER NOT NULL,
            PRIMARY KEY (child, parent)
        ) WITHOUT ROWID;
        CREATE INDEX lineage_edges_by_parent ON lineage_edges(parent, child);

        CREATE TABLE locations (
            artifact TEXT NOT NULL REFERENCES artifacts(digest),
            path TEXT NOT NULL,
            added_seq INTEGER NOT NULL REFERENCES events(seq),
            PRIMARY KEY (artifact, path)
        ) WITHOUT ROWID;
        """

    /// Audits, and when each stored location was last re-hashed (for `audit --rehash stale`).
    private static let v5 = """
        CREATE TABLE audits (
            seq INTEGER PRIMARY KEY NOT NULL REFERENCES events(seq),
            audit_date TEXT NOT NULL,
            status TEXT NOT NULL,
            interrupted INTEGER NOT NULL,
            tree_size INTEGER NOT NULL,
            root_hash TEXT NOT NULL,
            checked_bytes INTEGER NOT NULL
        );

        CREATE TABLE location_checks (
            artifact TEXT NOT NULL REFERENCES artifacts(digest),
            path TEXT NOT NULL,
            checked_seq INTEGER NOT NULL REFERENCES events(seq),
            ok INTEGER NOT NULL,
            problem TEXT,
            PRIMARY KEY (artifact, path)
        ) WITHOUT ROWID;
        """

    /// The log's Merkle tree (perfect subtrees, level 0 = leaf hashes) and its checkpoints.
    private static let v4 = """
        CREATE TABLE merkle_nodes (
            level INTEGER NOT NULL,
            idx INTEGER NOT NULL,
            hash BLOB NOT NULL,
            PRIMARY KEY (level, idx)
        ) WITHOUT ROWID;

        CREATE TABLE checkpoints (
            seq INTEGER PRIMARY KEY NOT NULL REFERENCES events(seq),
            origin TEXT NOT NULL,
            size INTEGER NOT NULL,
            root_hash TEXT NOT NULL,
            signed_note TEXT
        );
        """

    /// What safetensors and GGUF headers say about an artifact.
    private static let v3 = """
        CREATE TABLE model_headers (
            artifact TEXT PRIMARY KEY NOT NULL REFERENCES artifacts(digest),
            format TEXT NOT NULL,
            parameters INTEGER NOT NULL,
            dtypes TEXT NOT NULL,
            tensors INTEGER NOT NULL,
            architecture TEXT,
            name TEXT,
            files INTEGER NOT NULL
        ) WITHOUT ROWID;
        """

    /// Deployments (with the evaluation recorded for them) and licenses.
    private static let v2 = """
        CREATE TABLE licenses (
            id TEXT PRIMARY KEY NOT NULL,
            authority TEXT NOT NULL,
            number TEXT NOT NULL,
            valid_from TEXT,
            valid_until TEXT,
            added_seq INTEGER NOT NULL REFERENCES events(seq),
            UNIQUE (authority, number)
        ) WITHOUT ROWID;
        CREATE INDEX licenses_by_number ON licenses(number);

        CREATE TABLE license_artifacts (
            license TEXT NOT NULL REFERENCES licenses(id),
            artifact TEXT NOT NULL REFERENCES artifacts(digest),
            PRIMARY KEY (license, artifact)
        ) WITHOUT ROWID;
        CREATE INDEX license_artifacts_by_artifact ON license_artifacts(artifact, license);

        CREATE TABLE license_destinations (
            license TEXT NOT NULL REFERENCES licenses(id),
            country TEXT NOT NULL,
            PRIMARY KEY (license, country)
        ) WITHOUT ROWID;

        CREATE TABLE deployments (
            seq INTEGER PRIMARY KEY NOT NULL REFERENCES events(seq),
            artifact TEXT NOT NULL REFERENCES artifacts(digest),
            destination TEXT NOT NULL,
            recipient TEXT,
            deployed_on TEXT NOT NULL,
            kind TEXT NOT NULL,
            license TEXT REFERENCES licenses(id),
            unresolved_findings INTEGER NOT NULL,
            worst_severity TEXT
        );
        CREATE INDEX deployments_by_artifact ON deployments(artifact);
        """
}
