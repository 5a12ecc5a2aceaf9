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
        migrator.registerMigration("2026-11-25-v6-tokens") { db in
            try db.execute(sql: v6)
        }
        migrator.registerMigration("2026-12-02-v7-publication-events") { db in
            try db.execute(sql: v7)
        }
        migrator.registerMigration("2026-12-02-v8-dated-facts-organisations") { db in
            try db.execute(sql: v8)
        }
        migrator.registerMigration("2026-12-02-v9-name-skeletons") { db in
            try db.execute(sql: v9)
        }
        migrator.registerMigration("2026-12-03-v10-location-removals") { db in
            try db.execute(sql: v10)
        }
        migrator.registerMigration("2026-12-03-v11-approvals") { db in
            try db.execute(sql: v11)
        }
        migrator.registerMigration("2026-12-03-v12-mixture-of-experts") { db in
            try db.execute(sql: v12)
        }
        migrator.registerMigration("2026-12-03-v13-artifact-sources") { db in
            try db.execute(sql: v13)
        }
        migrator.registerMigration("2026-12-03-v14-external-parents") { db in
            try db.execute(sql: v14)
        }
        migrator.registerMigration("2026-12-03-v15-model-signatures") { db in
            try db.execute(sql: v15)
        }
        migrator.registerMigration("2026-12-03-v16-pages") { db in
            try db.execute(sql: v16)
        }
        migrator.registerMigration("2026-12-04-v17-audit-findings") { db in
            try db.execute(sql: v17)
            try backfillAuditFindings(db)
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

        -- Artifacts get an integer id in registration order; the tables about them are keyed by it,
        -- so appends land at the end of their b-trees instead of on random pages (one digest index
        -- only). Views give every table its digest-keyed form, which queries use.
        CREATE TABLE artifacts (
            id INTEGER PRIMARY KEY,
            digest TEXT NOT NULL UNIQUE,
            form TEXT NOT NULL CHECK (form IN ('file', 'directory')),
            size_bytes INTEGER NOT NULL,
            file_count INTEGER NOT NULL,
            registered_seq INTEGER NOT NULL REFERENCES events(seq),
            registered_at TEXT NOT NULL
        );

        CREATE TABLE artifact_file_rows (
            artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
            path TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            PRIMARY KEY (artifact_id, path)
        ) WITHOUT ROWID;
        CREATE VIEW artifact_files AS
            SELECT a.digest AS artifact, f.path, f.size, f.sha256 FROM artifact_file_rows f JOIN artifacts a ON a.id \
        = f.artifact_id;

        CREATE TABLE name_rows (
            name TEXT PRIMARY KEY NOT NULL,
            repository TEXT NOT NULL,
            tag TEXT,
            artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
            added_seq INTEGER NOT NULL REFERENCES events(seq)
        ) WITHOUT ROWID;
        CREATE INDEX names_by_repository ON name_rows(repository);
        CREATE INDEX names_by_artifact ON name_rows(artifact_id);
        CREATE VIEW names AS
            SELECT n.name, n.repository, n.tag, a.digest AS artifact, n.added_seq FROM name_rows n JOIN artifacts a \
        ON a.id = n.artifact_id;

        CREATE TABLE training_record_rows (
            artifact_id INTEGER PRIMARY KEY REFERENCES artifacts(id),
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
        );
        CREATE VIEW training_records AS
            SELECT a.digest AS artifact, t.kind, t.trained_in, t.site, t.compute_operations, t.compute_method, \
        t.compute_inputs,
                   t.published_url, t.published_on, t.started_on, t.finished_on
            FROM training_record_rows t JOIN artifacts a ON a.id = t.artifact_id;

        CREATE TABLE lineage_edge_rows (
            child_id INTEGER NOT NULL REFERENCES artifacts(id),
            parent_id INTEGER NOT NULL REFERENCES artifacts(id),
            position INTEGER NOT NULL,
            PRIMARY KEY (child_id, parent_id)
        ) WITHOUT ROWID;
        CREATE INDEX lineage_edges_by_parent ON lineage_edge_rows(parent_id, child_id);
        CREATE VIEW lineage_edges AS
            SELECT c.digest AS child, p.digest AS parent, e.position
            FROM lineage_edge_rows e JOIN artifacts c ON c.id = e.child_id JOIN artifacts p ON p.id = e.parent_id;

        CREATE TABLE location_rows (
            artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
            path TEXT NOT NULL,
            added_seq INTEGER NOT NULL REFERENCES events(seq),
            PRIMARY KEY (artifact_id, path)
        ) WITHOUT ROWID;
        CREATE VIEW locations AS
            SELECT a.digest AS artifact, l.path, l.added_seq FROM location_rows l JOIN artifacts a ON a.id = \
        l.artifact_id;
        """

    /// SQL for `ArtifactName.skeleton` of `column`.
    static func skeleton(_ column: String) -> String {
        "replace(replace(replace(lower(replace(\(column), 'I', 'l')), '0', 'o'), '1', 'l'), 'm', 'rn')"
    }

    /// Model signatures (issue 15): each OpenSSF model signature verified against an artifact, from
    /// `artifact.registered`'s `signature` or a `signature.attached` event, as that JSON says it.
    private static let v15 = """
        CREATE TABLE signature_rows (
            seq INTEGER NOT NULL REFERENCES events(seq),
            artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
            signature TEXT NOT NULL,
            key_hint TEXT,
            certificate_sha256 TEXT,
            PRIMARY KEY (seq, artifact_id)
        ) WITHOUT ROWID;
        CREATE INDEX signatures_by_artifact ON signature_rows(artifact_id);
        CREATE VIEW signatures AS
            SELECT s.seq, a.digest AS artifact, s.signature, s.key_hint, s.certificate_sha256
            FROM signature_rows s JOIN artifacts a ON a.id = s.artifact_id;
        """

    /// Parents outside the ledger (issue 15): a model card's base model that no artifact matches,
    /// kept by name as the training record's `externalParents` say them (a JSON array; NULL when
    /// there are none).
    private static let v14 = """
        ALTER TABLE training_record_rows ADD COLUMN external_parents TEXT;
        DROP VIEW training_records;
        CREATE VIEW training_records AS
            SELECT a.digest AS artifact, t.kind, t.trained_in, t.site, t.compute_operations, t.compute_method,
                   t.compute_inputs, t.started_on, t.finished_on, t.developer, t.corrected_seq, t.external_parents
            FROM training_record_rows t JOIN artifacts a ON a.id = t.artifact_id;
        """

    /// Locations removed or moved (issue 13): a removal is its own row, one per event, and a
    /// location's row is keyed by the event that added it too, so a path removed and later
    /// recorded again has both rows. `locations` lists only the current ones.
    /// Sources (issue 15): where registered bytes came from (a Hugging Face snapshot) and what
    /// their model card said, as JSON from `artifact.registered`'s `origin` and `card`.
    private static let v13 = """
        CREATE TABLE artifact_source_rows (
            artifact_id INTEGER PRIMARY KEY REFERENCES artifacts(id),
            origin TEXT,
            card TEXT,
            hf_repository TEXT
        );
        CREATE INDEX artifact_sources_by_repository ON artifact_source_rows(hf_repository);
        CREATE VIEW artifact_sources AS
            SELECT a.digest AS artifact, s.origin, s.card, s.hf_repository
            FROM artifact_source_rows s JOIN artifacts a ON a.id = s.artifact_id;
        """

    /// Readers (issue 15): active parameters and expert counts of a mixture of experts, and the
    /// part count of one part of a split GGUF, the precision variants left out of the count, and
    /// how packed weights were counted, as `artifact.registered`'s `model` says them.
    private static let v12 = """
        ALTER TABLE model_header_rows ADD COLUMN active_parameters INTEGER;
        ALTER TABLE model_header_rows ADD COLUMN experts INTEGER;
        ALTER TABLE model_header_rows ADD COLUMN experts_used INTEGER;
        ALTER TABLE model_header_rows ADD COLUMN split_count INTEGER;
        ALTER TABLE model_header_rows ADD COLUMN skipped_variants TEXT;
        ALTER TABLE model_header_rows ADD COLUMN quantization TEXT;
        DROP VIEW model_headers;
        CREATE VIEW model_headers AS
            SELECT a.digest AS artifact, m.format, m.parameters, m.dtypes, m.tensors, m.architecture, m.name, m.files,
                   m.active_parameters, m.experts, m.experts_used, m.split_count, m.skipped_variants,
                   m.quantization
            FROM model_header_rows m JOIN artifacts a ON a.id = m.artifact_id;
        """

    /// Sign-off (issue 14): a reviewer's approval of a deployment, bound to the digest of the
    /// report they saw. Readers decide from the `approval.recorded` events this table points at.
    private static let v11 = """
        CREATE TABLE approvals (
            seq INTEGER PRIMARY KEY NOT NULL REFERENCES events(seq),
            artifact TEXT NOT NULL REFERENCES artifacts(digest),
            destination TEXT NOT NULL,
            approved_by TEXT NOT NULL,
            report_digest TEXT NOT NULL,
            on_date TEXT NOT NULL
        );
        CREATE INDEX approvals_by_artifact ON approvals(artifact, seq);
        """

    private static let v10 = """
        CREATE TABLE location_rows_v10 (
            artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
            path TEXT NOT NULL,
            added_seq INTEGER NOT NULL REFERENCES events(seq),
            PRIMARY KEY (artifact_id, path, added_seq)
        ) WITHOUT ROWID;
        INSERT INTO location_rows_v10 (artifact_id, path, added_seq)
            SELECT artifact_id, path, added_seq FROM location_rows;
        DROP VIEW locations;
        DROP TABLE location_rows;
        ALTER TABLE location_rows_v10 RENAME TO location_rows;
        CREATE TABLE location_removals (
            seq INTEGER NOT NULL REFERENCES events(seq),
            artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
            path TEXT NOT NULL,
            PRIMARY KEY (seq, artifact_id, path)
        ) WITHOUT ROWID;
        CREATE INDEX location_removals_by_location ON location_removals(artifact_id, path, seq);
        CREATE VIEW locations AS
            SELECT a.digest AS artifact, l.path, l.added_seq FROM location_rows l JOIN artifacts a ON a.id = \
        l.artifact_id
            WHERE NOT EXISTS (SELECT 1 FROM location_removals r WHERE r.artifact_id = l.artifact_id AND r.path = \
        l.path AND r.seq > l.added_seq);
        """

    /// Look-alike names (issue 13): names and repositories by their confusables skeleton, so a new
    /// name is checked against the similar ones with two index lookups.
    private static let v9 = """
        CREATE INDEX name_rows_by_skeleton ON name_rows(\(skeleton("name")));
        CREATE INDEX name_rows_by_repository_skeleton ON name_rows(\(skeleton("repository")));
        """

    /// Facts as dated events (issue 12). Publications and withdrawals move to their own rows, one
    /// per event, filled from the events themselves (so a registration's publication and a later
    /// one both survive); the training record loses its publication columns, gains the developer
    /// and the event of its latest correction; organisations and their dated facts; the exporter
    /// of a deployment.
    private static let v8 = """
        CREATE TABLE publication_rows (
            seq INTEGER PRIMARY KEY NOT NULL REFERENCES events(seq),
            artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
            url TEXT,
            on_date TEXT,
            reason TEXT
        );
        CREATE INDEX publication_rows_by_artifact ON publication_rows(artifact_id, seq);
        INSERT INTO publication_rows (seq, artifact_id, url, on_date)
            SELECT e.seq, a.id, json_extract(e.payload, '$.training.published.url'),
                   json_extract(e.payload, '$.training.published.date')
            FROM events e JOIN artifacts a ON a.digest = json_extract(e.payload, '$.digest')
            WHERE e.type = 'artifact.registered' AND json_extract(e.payload, '$.training.published.url') IS NOT NULL;
        INSERT INTO publication_rows (seq, artifact_id, url, on_date)
            SELECT e.seq, a.id, json_extract(e.payload, '$.publication.url'),
                   json_extract(e.payload, '$.publication.date')
            FROM events e JOIN artifacts a ON a.digest = json_extract(e.payload, '$.digest')
            WHERE e.type = 'artifact.published';
        CREATE VIEW publications AS
            SELECT a.digest AS artifact, p.seq, p.url, p.on_date, p.reason
            FROM publication_rows p JOIN artifacts a ON a.id = p.artifact_id;

        DROP VIEW training_records;
        CREATE TABLE training_record_rows_v8 (
            artifact_id INTEGER PRIMARY KEY REFERENCES artifacts(id),
            kind TEXT NOT NULL,
            trained_in TEXT,
            site TEXT,
            compute_operations REAL,
            compute_method TEXT NOT NULL,
            compute_inputs TEXT NOT NULL,
            started_on TEXT,
            finished_on TEXT,
            developer TEXT,
            corrected_seq INTEGER REFERENCES events(seq)
        );
        INSERT INTO training_record_rows_v8 (artifact_id, kind, trained_in, site, compute_operations, compute_method,
            compute_inputs, started_on, finished_on)
            SELECT artifact_id, kind, trained_in, site, compute_operations, compute_method, compute_inputs, started_on,
                   finished_on
            FROM training_record_rows;
        DROP TABLE training_record_rows;
        ALTER TABLE training_record_rows_v8 RENAME TO training_record_rows;
        CREATE VIEW training_records AS
            SELECT a.digest AS artifact, t.kind, t.trained_in, t.site, t.compute_operations, t.compute_method,
                   t.compute_inputs, t.started_on, t.finished_on, t.developer, t.corrected_seq
            FROM training_record_rows t JOIN artifacts a ON a.id = t.artifact_id;

        CREATE TABLE correction_rows (
            seq INTEGER PRIMARY KEY NOT NULL REFERENCES events(seq),
            artifact_id INTEGER NOT NULL REFERENCES artifacts(id)
        );
        CREATE INDEX correction_rows_by_artifact ON correction_rows(artifact_id, seq);

        CREATE TABLE organisations (
            name TEXT PRIMARY KEY NOT NULL,
            added_seq INTEGER NOT NULL REFERENCES events(seq)
        ) WITHOUT ROWID;
        CREATE TABLE organisation_facts (
            seq INTEGER NOT NULL REFERENCES events(seq),
            organisation TEXT NOT NULL REFERENCES organisations(name),
            fact TEXT NOT NULL CHECK (fact IN ('headquarters', 'parent', 'revenue')),
            from_date TEXT,
            value TEXT,
            year INTEGER,
            PRIMARY KEY (seq, fact)
        ) WITHOUT ROWID;

        ALTER TABLE deployments ADD COLUMN exporter TEXT;
        """

    /// The event that published an artifact after its registration (`artifact.published`), so
    /// `verify` compares a publication only with the events that made it.
    private static let v7 = """
        ALTER TABLE training_record_rows ADD COLUMN published_seq INTEGER REFERENCES events(seq);
        """

    /// API tokens of the server: name, role and the SHA-256 of the token (never the token).
    private static let v6 = """
        CREATE TABLE tokens (
            name TEXT PRIMARY KEY NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('registrar', 'reviewer', 'auditor', 'admin')),
            sha256 TEXT NOT NULL UNIQUE,
            created_seq INTEGER NOT NULL REFERENCES events(seq),
            revoked_seq INTEGER REFERENCES events(seq)
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
        CREATE TABLE model_header_rows (
            artifact_id INTEGER PRIMARY KEY REFERENCES artifacts(id),
            format TEXT NOT NULL,
            parameters INTEGER NOT NULL,
            dtypes TEXT NOT NULL,
            tensors INTEGER NOT NULL,
            architecture TEXT,
            name TEXT,
            files INTEGER NOT NULL
        );
        CREATE VIEW model_headers AS
            SELECT a.digest AS artifact, m.format, m.parameters, m.dtypes, m.tensors, m.architecture, m.name, m.files
            FROM model_header_rows m JOIN artifacts a ON a.id = m.artifact_id;
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
