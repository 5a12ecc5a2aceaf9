-- WeightLedger ledger schema after all migrations. Generated: do not edit by hand.
-- Regenerate with: WEIGHTLEDGER_UPDATE_SCHEMA=1 swift test --filter SchemaTests
-- PRAGMA application_id = 1464616007; journal_mode = WAL
CREATE TABLE artifact_files (
    artifact TEXT NOT NULL REFERENCES artifacts(digest),
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (artifact, path)
) WITHOUT ROWID;

CREATE TABLE artifacts (
    digest TEXT PRIMARY KEY NOT NULL,
    form TEXT NOT NULL CHECK (form IN ('file', 'directory')),
    size_bytes INTEGER NOT NULL,
    file_count INTEGER NOT NULL,
    registered_seq INTEGER NOT NULL REFERENCES events(seq),
    registered_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE audits (
    seq INTEGER PRIMARY KEY NOT NULL REFERENCES events(seq),
    audit_date TEXT NOT NULL,
    status TEXT NOT NULL,
    interrupted INTEGER NOT NULL,
    tree_size INTEGER NOT NULL,
    root_hash TEXT NOT NULL,
    checked_bytes INTEGER NOT NULL
);

CREATE TABLE checkpoints (
    seq INTEGER PRIMARY KEY NOT NULL REFERENCES events(seq),
    origin TEXT NOT NULL,
    size INTEGER NOT NULL,
    root_hash TEXT NOT NULL,
    signed_note TEXT
);

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

CREATE TABLE events (
    seq INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
    recorded_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    type TEXT NOT NULL,
    payload TEXT NOT NULL,
    payload_sha256 TEXT NOT NULL
);

CREATE TABLE ledger_info (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE license_artifacts (
    license TEXT NOT NULL REFERENCES licenses(id),
    artifact TEXT NOT NULL REFERENCES artifacts(digest),
    PRIMARY KEY (license, artifact)
) WITHOUT ROWID;

CREATE TABLE license_destinations (
    license TEXT NOT NULL REFERENCES licenses(id),
    country TEXT NOT NULL,
    PRIMARY KEY (license, country)
) WITHOUT ROWID;

CREATE TABLE licenses (
    id TEXT PRIMARY KEY NOT NULL,
    authority TEXT NOT NULL,
    number TEXT NOT NULL,
    valid_from TEXT,
    valid_until TEXT,
    added_seq INTEGER NOT NULL REFERENCES events(seq),
    UNIQUE (authority, number)
) WITHOUT ROWID;

CREATE TABLE lineage_edges (
    child TEXT NOT NULL REFERENCES artifacts(digest),
    parent TEXT NOT NULL REFERENCES artifacts(digest),
    position INTEGER NOT NULL,
    PRIMARY KEY (child, parent)
) WITHOUT ROWID;

CREATE TABLE location_checks (
    artifact TEXT NOT NULL REFERENCES artifacts(digest),
    path TEXT NOT NULL,
    checked_seq INTEGER NOT NULL REFERENCES events(seq),
    ok INTEGER NOT NULL,
    problem TEXT,
    PRIMARY KEY (artifact, path)
) WITHOUT ROWID;

CREATE TABLE locations (
    artifact TEXT NOT NULL REFERENCES artifacts(digest),
    path TEXT NOT NULL,
    added_seq INTEGER NOT NULL REFERENCES events(seq),
    PRIMARY KEY (artifact, path)
) WITHOUT ROWID;

CREATE TABLE merkle_nodes (
    level INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    hash BLOB NOT NULL,
    PRIMARY KEY (level, idx)
) WITHOUT ROWID;

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

CREATE TABLE names (
    name TEXT PRIMARY KEY NOT NULL,
    repository TEXT NOT NULL,
    tag TEXT,
    artifact TEXT NOT NULL REFERENCES artifacts(digest),
    added_seq INTEGER NOT NULL REFERENCES events(seq)
) WITHOUT ROWID;

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

CREATE INDEX artifact_files_by_sha256 ON artifact_files(sha256);

CREATE INDEX deployments_by_artifact ON deployments(artifact);

CREATE INDEX license_artifacts_by_artifact ON license_artifacts(artifact, license);

CREATE INDEX licenses_by_number ON licenses(number);

CREATE INDEX lineage_edges_by_parent ON lineage_edges(parent, child);

CREATE INDEX names_by_artifact ON names(artifact);

CREATE INDEX names_by_repository ON names(repository);

CREATE TRIGGER events_in_sequence BEFORE INSERT ON events
    WHEN NEW.seq IS NOT (SELECT COALESCE(MAX(seq), 0) + 1 FROM events)
    BEGIN SELECT RAISE(ABORT, 'events are appended in sequence only'); END;

CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE refused'); END;

CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE refused'); END;
