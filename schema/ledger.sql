-- WeightLedger ledger schema after all migrations. Generated: do not edit by hand.
-- Regenerate with: WEIGHTLEDGER_UPDATE_SCHEMA=1 swift test --filter SchemaTests
-- PRAGMA application_id = 1464616007; journal_mode = WAL
CREATE TABLE approvals (
    seq INTEGER PRIMARY KEY NOT NULL REFERENCES events(seq),
    artifact TEXT NOT NULL REFERENCES artifacts(digest),
    destination TEXT NOT NULL,
    approved_by TEXT NOT NULL,
    report_digest TEXT NOT NULL,
    on_date TEXT NOT NULL
);

CREATE TABLE artifact_file_rows (
    artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (artifact_id, path)
) WITHOUT ROWID;

CREATE TABLE artifact_source_rows (
    artifact_id INTEGER PRIMARY KEY REFERENCES artifacts(id),
    origin TEXT,
    card TEXT,
    hf_repository TEXT
);

CREATE TABLE artifacts (
    id INTEGER PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE,
    form TEXT NOT NULL CHECK (form IN ('file', 'directory')),
    size_bytes INTEGER NOT NULL,
    file_count INTEGER NOT NULL,
    registered_seq INTEGER NOT NULL REFERENCES events(seq),
    registered_at TEXT NOT NULL
);

CREATE TABLE audit_findings (
    key TEXT NOT NULL,
    opened_seq INTEGER NOT NULL REFERENCES events(seq),
    closed_seq INTEGER REFERENCES events(seq),
    PRIMARY KEY (key, opened_seq)
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

CREATE TABLE correction_rows (
    seq INTEGER PRIMARY KEY NOT NULL REFERENCES events(seq),
    artifact_id INTEGER NOT NULL REFERENCES artifacts(id)
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
, exporter TEXT);

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

CREATE TABLE lineage_edge_rows (
    child_id INTEGER NOT NULL REFERENCES artifacts(id),
    parent_id INTEGER NOT NULL REFERENCES artifacts(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (child_id, parent_id)
) WITHOUT ROWID;

CREATE TABLE location_checks (
    artifact TEXT NOT NULL REFERENCES artifacts(digest),
    path TEXT NOT NULL,
    checked_seq INTEGER NOT NULL REFERENCES events(seq),
    ok INTEGER NOT NULL,
    problem TEXT,
    PRIMARY KEY (artifact, path)
) WITHOUT ROWID;

CREATE TABLE location_removals (
    seq INTEGER NOT NULL REFERENCES events(seq),
    artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
    path TEXT NOT NULL,
    PRIMARY KEY (seq, artifact_id, path)
) WITHOUT ROWID;

CREATE TABLE "location_rows" (
    artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
    path TEXT NOT NULL,
    added_seq INTEGER NOT NULL REFERENCES events(seq),
    PRIMARY KEY (artifact_id, path, added_seq)
) WITHOUT ROWID;

CREATE TABLE merkle_nodes (
    level INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    hash BLOB NOT NULL,
    PRIMARY KEY (level, idx)
) WITHOUT ROWID;

CREATE TABLE model_header_rows (
    artifact_id INTEGER PRIMARY KEY REFERENCES artifacts(id),
    format TEXT NOT NULL,
    parameters INTEGER NOT NULL,
    dtypes TEXT NOT NULL,
    tensors INTEGER NOT NULL,
    architecture TEXT,
    name TEXT,
    files INTEGER NOT NULL
, active_parameters INTEGER, experts INTEGER, experts_used INTEGER, split_count INTEGER, skipped_variants TEXT, quantization TEXT);

CREATE TABLE name_rows (
    name TEXT PRIMARY KEY NOT NULL,
    repository TEXT NOT NULL,
    tag TEXT,
    artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
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

CREATE TABLE organisations (
    name TEXT PRIMARY KEY NOT NULL,
    added_seq INTEGER NOT NULL REFERENCES events(seq)
) WITHOUT ROWID;

CREATE TABLE publication_rows (
    seq INTEGER PRIMARY KEY NOT NULL REFERENCES events(seq),
    artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
    url TEXT,
    on_date TEXT,
    reason TEXT
);

CREATE TABLE signature_rows (
    seq INTEGER NOT NULL REFERENCES events(seq),
    artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
    signature TEXT NOT NULL,
    key_hint TEXT,
    certificate_sha256 TEXT,
    PRIMARY KEY (seq, artifact_id)
) WITHOUT ROWID;

CREATE TABLE tokens (
    name TEXT PRIMARY KEY NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('registrar', 'reviewer', 'auditor', 'admin')),
    sha256 TEXT NOT NULL UNIQUE,
    created_seq INTEGER NOT NULL REFERENCES events(seq),
    revoked_seq INTEGER REFERENCES events(seq)
) WITHOUT ROWID;

CREATE TABLE "training_record_rows" (
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
, external_parents TEXT);

CREATE INDEX approvals_by_artifact ON approvals(artifact, seq);

CREATE INDEX artifact_sources_by_repository ON artifact_source_rows(hf_repository);

CREATE INDEX artifacts_by_registration ON artifacts(registered_seq);

CREATE UNIQUE INDEX audit_findings_open ON audit_findings(key) WHERE closed_seq IS NULL;

CREATE INDEX correction_rows_by_artifact ON correction_rows(artifact_id, seq);

CREATE INDEX deployments_by_artifact ON deployments(artifact);

CREATE INDEX license_artifacts_by_artifact ON license_artifacts(artifact, license);

CREATE INDEX licenses_by_number ON licenses(number);

CREATE INDEX lineage_edges_by_parent ON lineage_edge_rows(parent_id, child_id);

CREATE INDEX location_removals_by_location ON location_removals(artifact_id, path, seq);

CREATE INDEX name_rows_by_repository_skeleton ON name_rows(replace(replace(replace(lower(replace(repository, 'I', 'l')), '0', 'o'), '1', 'l'), 'm', 'rn'));

CREATE INDEX name_rows_by_skeleton ON name_rows(replace(replace(replace(lower(replace(name, 'I', 'l')), '0', 'o'), '1', 'l'), 'm', 'rn'));

CREATE INDEX names_by_artifact ON name_rows(artifact_id);

CREATE INDEX names_by_repository ON name_rows(repository);

CREATE INDEX publication_rows_by_artifact ON publication_rows(artifact_id, seq);

CREATE INDEX signatures_by_artifact ON signature_rows(artifact_id);

CREATE VIEW artifact_files AS
    SELECT a.digest AS artifact, f.path, f.size, f.sha256 FROM artifact_file_rows f JOIN artifacts a ON a.id = f.artifact_id;

CREATE VIEW artifact_sources AS
    SELECT a.digest AS artifact, s.origin, s.card, s.hf_repository
    FROM artifact_source_rows s JOIN artifacts a ON a.id = s.artifact_id;

CREATE TRIGGER events_in_sequence BEFORE INSERT ON events
    WHEN NEW.seq IS NOT (SELECT COALESCE(MAX(seq), 0) + 1 FROM events)
    BEGIN SELECT RAISE(ABORT, 'events are appended in sequence only'); END;

CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE refused'); END;

CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE refused'); END;

CREATE VIEW lineage_edges AS
    SELECT c.digest AS child, p.digest AS parent, e.position
    FROM lineage_edge_rows e JOIN artifacts c ON c.id = e.child_id JOIN artifacts p ON p.id = e.parent_id;

CREATE VIEW locations AS
    SELECT a.digest AS artifact, l.path, l.added_seq FROM location_rows l JOIN artifacts a ON a.id = l.artifact_id
    WHERE NOT EXISTS (SELECT 1 FROM location_removals r WHERE r.artifact_id = l.artifact_id AND r.path = l.path AND r.seq > l.added_seq);

CREATE VIEW model_headers AS
    SELECT a.digest AS artifact, m.format, m.parameters, m.dtypes, m.tensors, m.architecture, m.name, m.files,
           m.active_parameters, m.experts, m.experts_used, m.split_count, m.skipped_variants,
           m.quantization
    FROM model_header_rows m JOIN artifacts a ON a.id = m.artifact_id;

CREATE VIEW names AS
    SELECT n.name, n.repository, n.tag, a.digest AS artifact, n.added_seq FROM name_rows n JOIN artifacts a ON a.id = n.artifact_id;

CREATE VIEW publications AS
    SELECT a.digest AS artifact, p.seq, p.url, p.on_date, p.reason
    FROM publication_rows p JOIN artifacts a ON a.id = p.artifact_id;

CREATE VIEW signatures AS
    SELECT s.seq, a.digest AS artifact, s.signature, s.key_hint, s.certificate_sha256
    FROM signature_rows s JOIN artifacts a ON a.id = s.artifact_id;

CREATE VIEW training_records AS
    SELECT a.digest AS artifact, t.kind, t.trained_in, t.site, t.compute_operations, t.compute_method,
           t.compute_inputs, t.started_on, t.finished_on, t.developer, t.corrected_seq, t.external_parents
    FROM training_record_rows t JOIN artifacts a ON a.id = t.artifact_id;
