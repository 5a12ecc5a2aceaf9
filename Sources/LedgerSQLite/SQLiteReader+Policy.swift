import Foundation
import GRDB
import LedgerCore
import LedgerStore

/// Queries policy evaluation needs: licenses, deployments, and the whole lineage at once.
extension SQLiteReader {
    /// Licenses that name `digest`, oldest first.
    func licenses(naming digest: ArtifactDigest) throws -> [License] {
        try loadLicenses(
            where: "id IN (SELECT license FROM license_artifacts WHERE artifact = ?)", arguments: [digest.value])
    }

    /// Every license, oldest first.
    func allLicenses() throws -> [License] {
        try loadLicenses(where: "1", arguments: [])
    }

    /// Licenses whose `AUTHORITY/NUMBER` is `id`, or whose number is `id`, oldest first.
    func licenses(matching id: String) throws -> [License] {
        try loadLicenses(where: "id = ? OR number = ?", arguments: [id, id])
    }

    private func loadLicenses(where condition: String, arguments: StatementArguments) throws -> [License] {
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, authority, number, valid_from, valid_until,
                           (SELECT group_concat(artifact, ' ') FROM (SELECT artifact FROM license_artifacts a
                            WHERE a.license = l.id AND \(EventBacking.licenseArtifact) ORDER BY artifact)) AS artifacts,
                           (SELECT group_concat(country, ' ') FROM (SELECT country FROM license_destinations d
                            WHERE d.license = l.id AND \(EventBacking.licenseDestination) ORDER BY country))
                           AS countries
                    FROM licenses l WHERE (\(condition)) AND \(EventBacking.licenseAdded) ORDER BY added_seq
                    """), arguments: arguments)
        return try rows.map { row in
            License(
                authority: try row.value("authority"), number: try row.value("number"),
                artifacts: try row.parsedIfPresent("artifacts") {
                    try $0.split(separator: " ").map { try ArtifactDigest(String($0)) }
                } ?? [],
                destinations: try row.parsedIfPresent("countries") {
                    try $0.split(separator: " ").map { try CountryCode(String($0)) }
                } ?? [],
                validFrom: try row.parsedIfPresent("valid_from", LedgerDate.init),
                validUntil: try row.parsedIfPresent("valid_until", LedgerDate.init))
        }
    }

    /// Artifacts registered from a snapshot of the hub repository `repository`, with their
    /// origins, oldest first.
    func hubArtifacts(repository: String) throws -> [(digest: ArtifactDigest, origin: ArtifactOrigin)] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT a.digest, s.origin FROM artifact_source_rows s JOIN artifacts a ON a.id = s.artifact_id
                    WHERE s.hf_repository = ? AND s.origin IS NOT NULL ORDER BY a.registered_seq
                    """), arguments: [repository]
        ).map {
            (
                try $0.parsed("digest", ArtifactDigest.init),
                try $0.parsed("origin") { try JSONDecoder().decode(ArtifactOrigin.self, from: Data($0.utf8)) }
            )
        }
    }

    /// Deployments of `digest`, in the order they were recorded.
    func deployments(of digest: ArtifactDigest) throws -> [DeploymentRecord] {
        try loadDeployments(where: "artifact = ?", arguments: [digest.value])
    }

    /// Every deployment, in the order recorded.
    func allDeployments() throws -> [DeploymentRecord] {
        try loadDeployments(where: "1", arguments: [])
    }

    /// At most `limit` deployments recorded before event `seq` (all when nil), newest first.
    func deployments(before seq: Int64?, destination: CountryCode?, limit: Int) throws -> [DeploymentRecord] {
        try loadDeployments(
            where: "seq < ? AND (? IS NULL OR destination = ?)",
            arguments: [seq ?? .max, destination?.code, destination?.code], newestFirst: true, limit: limit)
    }

    private func loadDeployments(
        where condition: String, arguments: StatementArguments, newestFirst: Bool = false, limit: Int = -1
    ) throws -> [DeploymentRecord] {
        try Row.fetchAll(
            db.cachedStatement(
                sql:
                    "SELECT * FROM deployments d WHERE (\(condition)) AND \(EventBacking.deploymentRecorded) "
                    + "ORDER BY seq \(newestFirst ? "DESC" : "ASC") LIMIT \(limit)"
            ),
            arguments: arguments
        ).map { row in
            DeploymentRecord(
                seq: try row.value("seq"), digest: try row.parsed("artifact", ArtifactDigest.init),
                destination: try row.parsed("destination", CountryCode.init),
                recipient: try row.value("recipient"),
                exporter: try row.parsedIfPresent("exporter", OrganisationName.init),
                date: try row.parsed("deployed_on", LedgerDate.init), kind: try row.value("kind"),
                license: try row.value("license"),
                unresolvedFindings: try row.value("unresolved_findings"), worstSeverity: try row.value("worst_severity")
            )
        }
    }

    /// The facts policy reads about every artifact, in registration order, in one pass.
    func allPolicyFacts() throws -> (graph: LineageGraph, artifacts: [PolicyArtifact]) {
        var parents: [ArtifactDigest: [ArtifactDigest]] = [:]
        let edges = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT child, parent FROM lineage_edges ORDER BY child, position"))
        while let edge = try edges.next() {
            parents[try edge.parsed("child", ArtifactDigest.init), default: []].append(
                try edge.parsed("parent", ArtifactDigest.init))
        }
        var names: [ArtifactDigest: [ArtifactName]] = [:]
        let nameRows = try Row.fetchCursor(
            db.cachedStatement(
                sql:
                    "SELECT artifact, name FROM names n WHERE \(EventBacking.nameEvent) "
                    + "ORDER BY artifact, added_seq, name"
            ))
        while let row = try nameRows.next() {
            names[try row.parsed("artifact", ArtifactDigest.init), default: []].append(
                try row.parsed("name", ArtifactName.init))
        }
        var publications: [ArtifactDigest: [Dated<Publication?>]] = [:]
        let publicationRows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT * FROM publications ORDER BY seq"))
        while let row = try publicationRows.next() {
            publications[try row.parsed("artifact", ArtifactDigest.init), default: []].append(
                try PublicationRows.change(row))
        }
        var nodes: [LineageNode] = []
        var artifacts: [PolicyArtifact] = []
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT t.artifact, t.kind, t.trained_in, t.compute_operations, t.developer, t.external_parents
                    FROM training_records t JOIN artifacts a ON a.digest = t.artifact ORDER BY a.registered_seq
                    """))
        while let row = try rows.next() {
            let digest = try row.parsed("artifact", ArtifactDigest.init)
            let kind = try row.parsed("kind", TrainingKind.init(parsing:))
            nodes.append(
                LineageNode(
                    digest: digest, kind: kind, parents: parents[digest] ?? [],
                    operations: try row.value("compute_operations"),
                    publications: PublicationHistory(publications[digest] ?? []),
                    developer: try row.parsedIfPresent("developer", OrganisationName.init),
                    externalParents: try RecordLoader.externalParents(row)))
            artifacts.append(
                PolicyArtifact(
                    digest: digest, names: names[digest] ?? [], kind: kind,
                    trainedIn: try row.parsedIfPresent("trained_in", CountryCode.init)))
        }
        return (LineageGraph(nodes: nodes), artifacts)
    }
}
