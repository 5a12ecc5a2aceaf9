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
                           (SELECT group_concat(artifact, ' ') FROM (SELECT artifact FROM license_artifacts a WHERE \
                    a.license = l.id ORDER BY artifact)) AS artifacts,
                           (SELECT group_concat(country, ' ') FROM (SELECT country FROM license_destinations d WHERE \
                    d.license = l.id ORDER BY country)) AS countries
                    FROM licenses l WHERE \(condition) ORDER BY added_seq
                    """), arguments: arguments)
        return try rows.map { row in
            let artifacts: String = row["artifacts"] ?? ""
            let countries: String = row["countries"] ?? ""
            let from: String? = row["valid_from"]
            let until: String? = row["valid_until"]
            return License(
                authority: row["authority"], number: row["number"],
                artifacts: try artifacts.split(separator: " ").map { try ArtifactDigest(String($0)) },
                destinations: try countries.split(separator: " ").map { try CountryCode(String($0)) },
                validFrom: try from.map(LedgerDate.init), validUntil: try until.map(LedgerDate.init))
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

    private func loadDeployments(where condition: String, arguments: StatementArguments) throws -> [DeploymentRecord] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM deployments WHERE \(condition) ORDER BY seq"), arguments: arguments
        ).map { row in
            DeploymentRecord(
                seq: row["seq"], digest: try ArtifactDigest(row["artifact"]),
                destination: try CountryCode(row["destination"]),
                recipient: row["recipient"], exporter: try (row["exporter"] as String?).map(OrganisationName.init),
                date: try LedgerDate(row["deployed_on"]), kind: row["kind"],
                license: row["license"],
                unresolvedFindings: row["unresolved_findings"], worstSeverity: row["worst_severity"])
        }
    }

    /// The facts policy reads about every artifact, in registration order, in one pass.
    func allPolicyFacts() throws -> (graph: LineageGraph, artifacts: [PolicyArtifact]) {
        var parents: [ArtifactDigest: [ArtifactDigest]] = [:]
        let edges = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT child, parent FROM lineage_edges ORDER BY child, position"))
        while let edge = try edges.next() {
            parents[try ArtifactDigest(edge["child"]), default: []].append(try ArtifactDigest(edge["parent"]))
        }
        var names: [ArtifactDigest: [ArtifactName]] = [:]
        let nameRows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT artifact, name FROM names ORDER BY artifact, added_seq, name"))
        while let row = try nameRows.next() {
            names[try ArtifactDigest(row["artifact"]), default: []].append(try ArtifactName(row["name"]))
        }
        var publications: [ArtifactDigest: [Dated<Publication?>]] = [:]
        let publicationRows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT * FROM publications ORDER BY seq"))
        while let row = try publicationRows.next() {
            publications[try ArtifactDigest(row["artifact"]), default: []].append(try PublicationRows.change(row))
        }
        var nodes: [LineageNode] = []
        var artifacts: [PolicyArtifact] = []
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT t.artifact, t.kind, t.trained_in, t.compute_operations, t.developer
                    FROM training_records t JOIN artifacts a ON a.digest = t.artifact ORDER BY a.registered_seq
                    """))
        while let row = try rows.next() {
            let digest = try ArtifactDigest(row["artifact"])
            let kind = try TrainingKind(parsing: row["kind"])
            let country: String? = row["trained_in"]
            nodes.append(
                LineageNode(
                    digest: digest, kind: kind, parents: parents[digest] ?? [], operations: row["compute_operations"],
                    publications: PublicationHistory(publications[digest] ?? []),
                    developer: try (row["developer"] as String?).map(OrganisationName.init)))
            artifacts.append(
                PolicyArtifact(
                    digest: digest, names: names[digest] ?? [], kind: kind, trainedIn: try country.map(CountryCode.init)
                ))
        }
        return (LineageGraph(nodes: nodes), artifacts)
    }
}
