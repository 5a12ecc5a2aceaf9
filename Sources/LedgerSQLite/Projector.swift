import GRDB
import LedgerCore

/// Writes the SQLite projection tables for each event's projection changes (the rules are
/// `LedgerEvent.projection`, in the core). The only code that writes projections, so a rebuild
/// from the log produces exactly what appending produced.
struct Projector {
    let db: Database

    /// Applies the event's projection changes (`LedgerEvent.projection`): the SQL for each, nothing more.
    func apply(_ event: LedgerEvent, seq: Int64, time: String) throws {
        let changes = event.projection
        for index in changes.indices { try apply(changes[index], seq: seq, time: time) }
    }

    func apply(_ change: ProjectionChange, seq: Int64, time: String = "") throws {
        switch change {
        case .signatureAdded(let signature, let artifact):
            try db.run(
                "INSERT INTO signature_rows (seq, artifact_id, signature, key_hint, certificate_sha256) "
                    + "VALUES (?, ?, ?, ?, ?)", seq, try artifactID(artifact),
                String(decoding: try CanonicalJSON.bytes(encoding: signature), as: UTF8.self), signature.keyHint,
                signature.certificateSHA256)
        case .ledgerIdentified(let id):
            try db.run(
                "INSERT INTO ledger_info (key, value) VALUES ('ledger_id', ?)", id)
        case .artifactAdded(let registered):
            try insertArtifact(registered, seq: seq, time: time)
        case .nameBound(let name, let artifact):
            try insertName(name, artifact: artifact, seq: seq)
        case .publicationRecorded(let publication, let artifact):
            try insertPublication(publication, artifactID: try artifactID(artifact), seq: seq)
        case .publicationWithdrawn(let day, let reason, let artifact):
            try db.run(
                "INSERT INTO publication_rows (seq, artifact_id, url, on_date, reason) VALUES (?, ?, NULL, ?, ?)", seq,
                try artifactID(artifact), day.description, reason)
        case .trainingCorrected(let training, let artifact):
            try correctTraining(training, artifactID: try artifactID(artifact), seq: seq)
        case .organisationAdded(let added):
            try db.run(
                "INSERT INTO organisations (name, added_seq) VALUES (?, ?)", added.name.value, seq)
            try insertFact(seq, added.name, "headquarters", from: nil, value: added.headquarters.code)
            try insertFact(seq, added.name, "parent", from: nil, value: added.parent?.value)
            if let revenue = added.revenue { try insertRevenue(seq, added.name, revenue) }
        case .organisationChanged(let changed):
            if let country = changed.headquarters {
                try insertFact(seq, changed.name, "headquarters", from: changed.on, value: country.code)
            }
            if let parent = changed.parent {
                try insertFact(seq, changed.name, "parent", from: changed.on, value: parent.organisation?.value)
            }
            if let revenue = changed.revenue { try insertRevenue(seq, changed.name, revenue) }
        case .locationAdded(let location, let artifact):
            try insertLocation(location, artifact: artifact, seq: seq)
        case .locationRemoved(let location, let artifact):
            try db.run(
                "INSERT INTO location_removals (seq, artifact_id, path) VALUES (?, ?, ?)", seq,
                try artifactID(artifact), location)
        case .deploymentAdded(let summary):
            let deployment = summary.deployment
            try db.run(
                """
                INSERT INTO deployments (seq, artifact, destination, recipient, deployed_on, kind, license,
                    unresolved_findings, worst_severity, exporter)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, seq, deployment.digest.value, deployment.destination.code, deployment.recipient,
                deployment.date.description, deployment.kind, deployment.license, summary.openFindings,
                summary.worstSeverity?.rawValue, deployment.exporter?.value)
        case .checkpointAdded(let checkpoint):
            try db.run(
                "INSERT INTO checkpoints (seq, origin, size, root_hash, signed_note) VALUES (?, ?, ?, ?, ?)", seq,
                checkpoint.origin, checkpoint.size, checkpoint.rootHash, checkpoint.signedNote)
        case .auditAdded(let audit):
            try db.run(
                """
                INSERT INTO audits (seq, audit_date, status, interrupted, tree_size, root_hash, checked_bytes)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, seq, audit.date.description, audit.status, audit.interrupted, audit.treeSize, audit.rootHash,
                audit.checkedBytes)
        case .auditFindingsChanged(let new, let resolved):
            try changeAuditFindings(new: new, resolved: resolved, seq: seq)
        case .auditFindingsListed(let keys):
            // The earlier format listed every open key: the change is the difference.
            var open = Set<String>()
            try db.forEachRow("SELECT key FROM audit_findings WHERE closed_seq IS NULL") {
                if let key = $0.text(0) { open.insert(key) }
                return true
            }
            let listed = Set(keys)
            try changeAuditFindings(
                new: FindingKeys(listed.subtracting(open).sorted()),
                resolved: FindingKeys(open.subtracting(listed).sorted()), seq: seq)
        case .locationChecked(let check):
            try db.run(
                "INSERT OR REPLACE INTO location_checks (artifact, path, checked_seq, ok, problem) VALUES (?, "
                    + "?, ?, ?, ?)", check.artifact.value, check.path, seq, check.ok, check.problem)
        case .tokenAdded(let token):
            try db.run(
                "INSERT INTO tokens (name, role, sha256, created_seq) VALUES (?, ?, ?, ?)", token.name, token.role,
                token.sha256, seq)
        case .tokenRevoked(let name):
            try db.run(
                "UPDATE tokens SET revoked_seq = ? WHERE name = ?", seq, name)
        case .approvalAdded(let approval):
            try db.run(
                "INSERT INTO approvals (seq, artifact, destination, approved_by, report_digest, on_date) VALUES "
                    + "(?, ?, ?, ?, ?, ?)", seq, approval.digest.value, approval.destination.code, approval.by,
                approval.reportDigest,
                approval.date.description)
        case .licenseAdded(let license):
            try db.run(
                "INSERT INTO licenses (id, authority, number, valid_from, valid_until, added_seq) VALUES (?, ?, "
                    + "?, ?, ?, ?)", license.id, license.authority, license.number, license.validFrom?.description,
                license.validUntil?.description, seq)
            for artifact in license.artifacts {
                try db.run(
                    "INSERT INTO license_artifacts (license, artifact) VALUES (?, ?)", license.id, artifact.value)
            }
            for country in license.destinations {
                try db.run(
                    "INSERT INTO license_destinations (license, country) VALUES (?, ?)", license.id, country.code)
            }
        }
    }

    private func insertArtifact(_ event: ArtifactRegistered, seq: Int64, time: String) throws {
        let digest = event.digest.value
        try db.run(
            """
            INSERT INTO artifacts (digest, form, size_bytes, file_count, registered_seq, registered_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """, digest, event.form.rawValue, event.sizeBytes, event.files.count, seq, time)
        let id = db.lastInsertedRowID
        for file in event.files {
            try db.run(
                "INSERT INTO artifact_file_rows (artifact_id, path, size, sha256) VALUES (?, ?, ?, ?)", id, file.path,
                file.size, file.sha256.value)
        }
        let training = event.training
        let compute = training.compute
        try db.run(
            """
            INSERT INTO training_record_rows (artifact_id, kind, trained_in, site, compute_operations,
                compute_method, compute_inputs, started_on, finished_on, developer, external_parents)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, id, training.kind.rawValue, training.trainedIn?.code, training.site, compute.operations,
            compute.method.rawValue,
            try compute.inputs.canonicalText(),
            training.started?.description, training.finished?.description, training.developer?.value,
            try Self.externalColumn(training))
        try insertEdges(training.parents, childID: id)
        if let publication = training.published { try insertPublication(publication, artifactID: id, seq: seq) }
        if let model = event.model {
            try db.run(
                "INSERT INTO model_header_rows (artifact_id, format, parameters, dtypes, tensors, architecture, "
                    + "name, files, active_parameters, experts, experts_used, split_count, skipped_variants, "
                    + "quantization) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, model.format,
                model.parameters,
                String(decoding: try CanonicalJSON.bytes(encoding: model.dtypes), as: UTF8.self),
                model.tensors, model.architecture, model.name, model.files, model.activeParameters,
                model.experts, model.expertsUsed, model.splitCount,
                try model.skippedVariants.map {
                    String(decoding: try CanonicalJSON.bytes(encoding: $0), as: UTF8.self)
                },
                model.quantization)
        }
        if event.origin != nil || event.card != nil {
            try db.run(
                "INSERT INTO artifact_source_rows (artifact_id, origin, card, hf_repository) VALUES (?, ?, ?, ?)", id,
                try event.origin.map { String(decoding: try CanonicalJSON.bytes(encoding: $0), as: UTF8.self) },
                try event.card.map { String(decoding: try CanonicalJSON.bytes(encoding: $0), as: UTF8.self) },
                event.origin?.repository)
        }
        for name in event.names { try insertName(name, artifactID: id, seq: seq) }
        if let location = event.location { try insertLocation(location, artifactID: id, seq: seq) }
    }

    /// The `external_parents` column: the names as a JSON array, NULL when there are none.
    static func externalColumn(_ training: TrainingRecord) throws -> String? {
        try training.externalParents.map { String(decoding: try CanonicalJSON.bytes(encoding: $0), as: UTF8.self) }
    }

    private func insertEdges(_ parents: [ArtifactDigest], childID: Int64) throws {
        for (position, parent) in parents.enumerated() {
            try db.run(
                "INSERT INTO lineage_edge_rows (child_id, parent_id, position) VALUES (?, ?, ?)", childID,
                try artifactID(parent), position)
        }
    }

    private func insertPublication(_ publication: Publication, artifactID: Int64, seq: Int64) throws {
        try db.run(
            "INSERT INTO publication_rows (seq, artifact_id, url, on_date) VALUES (?, ?, ?, ?)", seq, artifactID,
            publication.url, publication.date?.description)
    }

    /// The corrected record replaces the row and the parents; the correction's event is kept.
    private func correctTraining(_ training: TrainingRecord, artifactID id: Int64, seq: Int64) throws {
        let compute = training.compute
        try db.run(
            """
            UPDATE training_record_rows SET kind = ?, trained_in = ?, site = ?, compute_operations = ?,
                compute_method = ?, compute_inputs = ?, started_on = ?, finished_on = ?, developer = ?,
                corrected_seq = ?, external_parents = ?
            WHERE artifact_id = ?
            """, training.kind.rawValue, training.trainedIn?.code, training.site, compute.operations,
            compute.method.rawValue,
            try compute.inputs.canonicalText(),
            training.started?.description, training.finished?.description, training.developer?.value, seq,
            try Self.externalColumn(training), id)
        try db.run(
            "DELETE FROM lineage_edge_rows WHERE child_id = ?", id)
        try insertEdges(training.parents, childID: id)
        try db.run(
            "INSERT INTO correction_rows (seq, artifact_id) VALUES (?, ?)", seq, id)
    }

    private func insertFact(
        _ seq: Int64, _ organisation: OrganisationName, _ fact: String, from: LedgerDate?, value: String?,
        year: Int? = nil
    ) throws {
        try db.run(
            """
            INSERT INTO organisation_facts (seq, organisation, fact, from_date, value, year)
            VALUES (?, ?, ?, ?, ?, ?)
            """, seq, organisation.value, fact, from?.description, value, year)
    }

    private func insertRevenue(_ seq: Int64, _ organisation: OrganisationName, _ revenue: Revenue) throws {
        try insertFact(
            seq, organisation, "revenue", from: nil, value: ECMAScriptNumber.format(revenue.usd), year: revenue.year)
    }

    /// Opens the new keys and closes the resolved ones; refuses a key opened twice (the unique
    /// index of open keys) or a resolved key that was not open.
    private func changeAuditFindings(new: FindingKeys, resolved: FindingKeys, seq: Int64) throws {
        for key in resolved {
            try db.run("UPDATE audit_findings SET closed_seq = ? WHERE key = ? AND closed_seq IS NULL", seq, key)
            guard db.changesCount == 1 else {
                throw DatabaseError(
                    resultCode: .SQLITE_CONSTRAINT, message: "audit \(seq) resolves a finding that was not open: \(key)"
                )
            }
        }
        for key in new { try db.run("INSERT INTO audit_findings (key, opened_seq) VALUES (?, ?)", key, seq) }
    }

    /// The integer id of a registered artifact (events only name artifacts already registered).
    private func artifactID(_ digest: ArtifactDigest) throws -> Int64 {
        guard let id = try db.int64("SELECT id FROM artifacts WHERE digest = ?", digest.value) else {
            throw DatabaseError(resultCode: .SQLITE_CONSTRAINT_FOREIGNKEY, message: "no artifact \(digest.value)")
        }
        return id
    }

    private func insertName(_ name: ArtifactName, artifact: ArtifactDigest, seq: Int64) throws {
        try insertName(name, artifactID: try artifactID(artifact), seq: seq)
    }

    private func insertName(_ name: ArtifactName, artifactID: Int64, seq: Int64) throws {
        try db.run(
            "INSERT INTO name_rows (name, repository, tag, artifact_id, added_seq) VALUES (?, ?, ?, ?, ?)",
            name.description, name.repository, name.tag, artifactID, seq)
    }

    private func insertLocation(_ path: String, artifact: ArtifactDigest, seq: Int64) throws {
        try insertLocation(path, artifactID: try artifactID(artifact), seq: seq)
    }

    private func insertLocation(_ path: String, artifactID: Int64, seq: Int64) throws {
        try db.run(
            "INSERT INTO location_rows (artifact_id, path, added_seq) VALUES (?, ?, ?)", artifactID, path, seq)
    }
}
