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

    /// The deployments of any of `digests`, in the order recorded.
    func deployments(ofAny digests: [ArtifactDigest]) throws -> [DeploymentRecord] {
        var all: [DeploymentRecord] = []
        for (marks, arguments) in Self.batches(digests) {
            all += try loadDeployments(where: "artifact IN (\(marks))", arguments: arguments)
        }
        return all.sorted { $0.seq < $1.seq }
    }

    /// Licenses that name any of `digests`, oldest first.
    func licenses(namingAny digests: [ArtifactDigest]) throws -> [License] {
        var all: [String: License] = [:]
        var order: [String] = []
        for (marks, arguments) in Self.batches(digests) {
            for license in try loadLicenses(
                where: "id IN (SELECT license FROM license_artifacts WHERE artifact IN (\(marks)))",
                arguments: arguments)
            where all.updateValue(license, forKey: license.id) == nil {
                order.append(license.id)
            }
        }
        return order.compactMap { all[$0] }
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

    /// The facts policy reads about a page of artifacts (at most `limit`, registered after event
    /// `seq`), in registration order. Artifact ids follow registration order, so a page is a range
    /// of ids and every table is read by a range of its key, whatever the ledger's size.
    func policyFacts(after seq: Int64, limit: Int) throws -> [PolicyFacts] {
        var digests: [Int64: (digest: ArtifactDigest, seq: Int64)] = [:]
        var order: [Int64] = []
        let page = try Row.fetchCursor(
            db.cachedStatement(
                sql: "SELECT id, digest, registered_seq FROM artifacts WHERE registered_seq > ? "
                    + "ORDER BY registered_seq LIMIT ?"), arguments: [seq, max(0, limit)])
        while let row = try page.next() {
            let id: Int64 = try row.value("id")
            digests[id] = (try row.parsed("digest", ArtifactDigest.init), try row.value("registered_seq"))
            order.append(id)
        }
        guard let first = order.min(), let last = order.max() else { return [] }
        let range: StatementArguments = [first, last]
        var parents: [Int64: [ArtifactDigest]] = [:]
        let edges = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT e.child_id, p.digest AS parent
                    FROM lineage_edge_rows e JOIN artifacts p ON p.id = e.parent_id
                    WHERE e.child_id BETWEEN ? AND ? ORDER BY e.child_id, e.position
                    """), arguments: range)
        while let edge = try edges.next() {
            parents[try edge.value("child_id"), default: []].append(try edge.parsed("parent", ArtifactDigest.init))
        }
        var names: [Int64: [ArtifactName]] = [:]
        let nameRows = try Row.fetchCursor(
            db.cachedStatement(
                sql: "SELECT artifact_id, name FROM name_rows n WHERE artifact_id BETWEEN ? AND ? AND "
                    + "\(EventBacking.nameEvent) ORDER BY artifact_id, added_seq, name"), arguments: range)
        while let row = try nameRows.next() {
            names[try row.value("artifact_id"), default: []].append(try row.parsed("name", ArtifactName.init))
        }
        var publications: [Int64: [Dated<Publication?>]] = [:]
        let publicationRows = try Row.fetchCursor(
            db.cachedStatement(
                sql: "SELECT * FROM publication_rows WHERE artifact_id BETWEEN ? AND ? ORDER BY seq"),
            arguments: range)
        while let row = try publicationRows.next() {
            publications[try row.value("artifact_id"), default: []].append(try PublicationRows.change(row))
        }
        var facts: [Int64: PolicyFacts] = [:]
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT artifact_id, kind, trained_in, compute_operations, developer, external_parents
                    FROM training_record_rows WHERE artifact_id BETWEEN ? AND ?
                    """), arguments: range)
        while let row = try rows.next() {
            let id: Int64 = try row.value("artifact_id")
            guard let (digest, registered) = digests[id] else { continue }
            let kind = try row.parsed("kind", TrainingKind.init(parsing:))
            facts[id] = PolicyFacts(
                seq: registered,
                artifact: PolicyArtifact(
                    digest: digest, names: names[id] ?? [], kind: kind,
                    trainedIn: try row.parsedIfPresent("trained_in", CountryCode.init)),
                node: LineageNode(
                    digest: digest, kind: kind, parents: parents[id] ?? [],
                    operations: try row.value("compute_operations"),
                    publications: PublicationHistory(publications[id] ?? []),
                    developer: try row.parsedIfPresent("developer", OrganisationName.init),
                    externalParents: try RecordLoader.externalParents(row)))
        }
        return try order.map { id in
            guard let found = facts[id] else {
                throw StoreError.damaged(
                    path: "", reason: "artifact \(digests[id]?.digest.value ?? "?") has no training record")
            }
            return found
        }
    }
}
