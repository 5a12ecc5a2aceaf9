import Foundation
import GRDB
import LedgerCore
import LedgerStore

/// Assembles `ArtifactRecord`s from the projection tables: one query per table, not per artifact.
struct RecordLoader {
    let db: Database

    /// Which artifacts to load.
    enum Scope {
        /// One artifact.
        case one(ArtifactDigest)
        /// At most `limit` artifacts registered after event `seq`, in registration order: a page.
        case page(after: Int64, limit: Int)
    }

    /// The artifacts of `scope`, in registration order.
    func load(_ scope: Scope) throws -> [ArtifactRecord] {
        let (filter, arguments): (String, StatementArguments)
        switch scope {
        case .one(let digest): (filter, arguments) = ("= ?", [digest.value])
        case .page(let seq, let limit):
            (
                filter,
                arguments
            ) = (
                "IN (SELECT digest FROM artifacts WHERE registered_seq > ? ORDER BY registered_seq LIMIT ?)",
                [seq, limit]
            )
        }
        func rows(_ table: String, key: String, order: String, backed: String = "1") throws -> [String: [Row]] {
            let all = try Row.fetchAll(
                db.cachedStatement(
                    sql: "SELECT * FROM \(table) n WHERE \(backed) AND \(key) \(filter) ORDER BY \(order)"),
                arguments: arguments)
            return try Dictionary(grouping: all) { try $0.value(key, as: String.self) }
        }
        let files = try rows("artifact_files", key: "artifact", order: "artifact, path")
        let names = try rows("names", key: "artifact", order: "artifact, name", backed: EventBacking.nameEvent)
        let training = try rows("training_records", key: "artifact", order: "artifact")
        let edges = try rows("lineage_edges", key: "child", order: "child, position")
        let locations = try rows("locations", key: "artifact", order: "artifact, added_seq, path")
        let models = try rows("model_headers", key: "artifact", order: "artifact")
        let sources = try rows("artifact_sources", key: "artifact", order: "artifact")
        let publications = try rows("publications", key: "artifact", order: "artifact, seq")
        let artifacts = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM artifacts WHERE digest \(filter) ORDER BY registered_seq, digest"),
            arguments: arguments)
        return try artifacts.map { row in
            let key: String = try row.value("digest")
            guard let trainingRow = training[key]?.first else {
                throw StoreError.damaged(
                    path: "", reason: "artifact \(Row.shown(key.databaseValue)) has no training record")
            }
            let registeredSeq: Int64 = try row.value("registered_seq")
            let form = try row.known("form", as: ArtifactForm.self)
            let history = try PublicationRows.history(publications[key] ?? [])
            return ArtifactRecord(
                digest: try row.parsed("digest", ArtifactDigest.init),
                form: form,
                sizeBytes: try row.value("size_bytes"),
                files: try (files[key] ?? []).map {
                    try ArtifactFile(
                        path: $0.value("path"), size: $0.value("size"), sha256: $0.parsed("sha256", ArtifactDigest.init)
                    )
                },
                names: try (names[key] ?? []).map { try $0.parsed("name", ArtifactName.init) },
                training: try trainingRecord(
                    trainingRow, parents: try (edges[key] ?? []).map { try $0.parsed("parent", ArtifactDigest.init) },
                    published: history.changes.first { $0.seq == registeredSeq }?.value),
                locations: try (locations[key] ?? []).map { try $0.value("path") },
                registeredSeq: registeredSeq,
                registeredAt: try row.value("registered_at"),
                model: try models[key]?.first.map(modelInfo),
                publications: history, correctedSeq: try trainingRow.value("corrected_seq"),
                origin: try sources[key]?.first?.parsedIfPresent("origin") {
                    try JSONDecoder().decode(ArtifactOrigin.self, from: Data($0.utf8))
                },
                card: try sources[key]?.first?.parsedIfPresent("card") {
                    try JSONDecoder().decode(ModelCardFacts.self, from: Data($0.utf8))
                })
        }
    }

    private func modelInfo(_ row: Row) throws -> ModelInfo {
        let dtypes = try row.parsed("dtypes") { try JSONDecoder().decode([String: Int64].self, from: Data($0.utf8)) }
        return ModelInfo(
            format: try row.value("format"), parameters: try row.value("parameters"), dtypes: dtypes,
            tensors: try row.value("tensors"), architecture: try row.value("architecture"), name: try row.value("name"),
            files: try row.value("files"), activeParameters: try row.value("active_parameters"),
            experts: try row.value("experts"), expertsUsed: try row.value("experts_used"),
            splitCount: try row.value("split_count"),
            skippedVariants: try row.parsedIfPresent("skipped_variants") {
                try JSONDecoder().decode([String].self, from: Data($0.utf8))
            }, quantization: try row.value("quantization"))
    }

    private func trainingRecord(
        _ row: Row, parents: [ArtifactDigest], published: Publication?
    ) throws
        -> TrainingRecord
    {
        let inputs = try row.parsed("compute_inputs") { try ComputeInputs.decodeCanonical(Array($0.utf8)) }
        let compute = Compute.restored(
            operations: try row.value("compute_operations"),
            method: try row.known("compute_method", as: ComputeMethod.self), inputs: inputs)
        let kind = try row.parsed("kind", TrainingKind.init(parsing:))
        let trainedIn = try row.parsedIfPresent("trained_in", CountryCode.init)
        let site: String? = try row.value("site")
        let started = try row.parsedIfPresent("started_on", LedgerDate.init)
        let finished = try row.parsedIfPresent("finished_on", LedgerDate.init)
        let developer = try row.parsedIfPresent("developer", OrganisationName.init)
        let external = try Self.externalParents(row)
        do {
            return try TrainingRecord(
                kind: kind, parents: parents, trainedIn: trainedIn, site: site, compute: compute,
                published: published, started: started, finished: finished, developer: developer,
                externalParents: external)
        } catch {
            // Every stored record passed these checks when its event was appended: a record that
            // fails them now (a finetune whose edges were deleted) is a damaged ledger, not bad input.
            throw StoreError.damaged(path: "", reason: "a training record no longer holds together: \(error)")
        }
    }
}

extension RecordLoader {
    /// The `external_parents` column of a training record row: a JSON array of names, or none.
    static func externalParents(_ row: Row) throws -> [String] {
        try row.parsedIfPresent("external_parents") { try JSONDecoder().decode([String].self, from: Data($0.utf8)) }
            ?? []
    }
}

/// Reads `publications` rows (artifact, seq, url, on_date): a row without a URL is a withdrawal.
enum PublicationRows {
    /// One artifact's rows, in event order, as its history.
    static func history(_ rows: [Row]) throws -> PublicationHistory {
        PublicationHistory(try rows.map(change))
    }

    /// One row as a dated change.
    static func change(_ row: Row) throws -> Dated<Publication?> {
        let day = try row.parsedIfPresent("on_date", LedgerDate.init)
        let publication = try row.parsedIfPresent("url") { try Publication(url: $0, date: day) }
        return Dated(from: day, value: publication, seq: try row.value("seq"))
    }
}
