import Foundation
import GRDB
import LedgerCore

/// Assembles `ArtifactRecord`s from the projection tables: one query per table, not per artifact.
struct RecordLoader {
    let db: Database

    func load(only digest: ArtifactDigest?) throws -> [ArtifactRecord] {
        func rows(_ table: String, key: String, order: String) throws -> [String: [Row]] {
            let filter = digest == nil ? "" : "WHERE \(key) = ?"
            let arguments: StatementArguments = digest.map { [$0.value] } ?? []
            let all = try Row.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM \(table) \(filter) ORDER BY \(order)"), arguments: arguments)
            return Dictionary(grouping: all) { $0[key] as String }
        }
        let files = try rows("artifact_files", key: "artifact", order: "artifact, path")
        let names = try rows("names", key: "artifact", order: "artifact, name")
        let training = try rows("training_records", key: "artifact", order: "artifact")
        let edges = try rows("lineage_edges", key: "child", order: "child, position")
        let locations = try rows("locations", key: "artifact", order: "artifact, added_seq, path")
        let models = try rows("model_headers", key: "artifact", order: "artifact")
        let publications = try rows("publications", key: "artifact", order: "artifact, seq")
        let filter = digest == nil ? "" : "WHERE digest = ?"
        let artifacts = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM artifacts \(filter) ORDER BY registered_seq, digest"),
            arguments: digest.map { [$0.value] } ?? [])
        return try artifacts.map { row in
            let key: String = row["digest"]
            guard let trainingRow = training[key]?.first else {
                throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "artifact \(key) has no training record")
            }
            let registeredSeq: Int64 = row["registered_seq"]
            let history = try PublicationRows.history(publications[key] ?? [])
            return ArtifactRecord(
                digest: try ArtifactDigest(key),
                form: ArtifactForm(rawValue: row["form"]) ?? .file,
                sizeBytes: row["size_bytes"],
                files: try (files[key] ?? []).map {
                    try ArtifactFile(path: $0["path"], size: $0["size"], sha256: ArtifactDigest($0["sha256"]))
                },
                names: try (names[key] ?? []).map { try ArtifactName($0["name"]) },
                training: try trainingRecord(
                    trainingRow, parents: try (edges[key] ?? []).map { try ArtifactDigest($0["parent"]) },
                    published: history.changes.first { $0.seq == registeredSeq }?.value),
                locations: (locations[key] ?? []).map { $0["path"] },
                registeredSeq: registeredSeq,
                registeredAt: row["registered_at"],
                model: try models[key]?.first.map(modelInfo),
                publications: history, correctedSeq: trainingRow["corrected_seq"])
        }
    }

    private func modelInfo(_ row: Row) throws -> ModelInfo {
        let dtypesText: String = row["dtypes"]
        let dtypes = try JSONDecoder().decode([String: Int64].self, from: Data(dtypesText.utf8))
        return ModelInfo(
            format: row["format"], parameters: row["parameters"], dtypes: dtypes, tensors: row["tensors"],
            architecture: row["architecture"], name: row["name"], files: row["files"])
    }

    private func trainingRecord(
        _ row: Row, parents: [ArtifactDigest], published: Publication?
    ) throws
        -> TrainingRecord
    {
        let inputsText: String = row["compute_inputs"]
        let inputs = try ComputeInputs.decodeCanonical(Array(inputsText.utf8))
        let compute = Compute.restored(
            operations: row["compute_operations"],
            method: ComputeMethod(rawValue: row["compute_method"]) ?? .unknown, inputs: inputs)
        return try TrainingRecord(
            kind: TrainingKind(parsing: row["kind"]), parents: parents,
            trainedIn: (row["trained_in"] as String?).map { try CountryCode($0) }, site: row["site"], compute: compute,
            published: published,
            started: try (row["started_on"] as String?).map { try LedgerDate($0) },
            finished: try (row["finished_on"] as String?).map { try LedgerDate($0) },
            developer: try (row["developer"] as String?).map { try OrganisationName($0) })
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
        let day = try (row["on_date"] as String?).map { try LedgerDate($0) }
        let url: String? = row["url"]
        return Dated(from: day, value: try url.map { try Publication(url: $0, date: day) }, seq: row["seq"])
    }
}
