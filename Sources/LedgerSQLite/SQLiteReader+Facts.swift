import Foundation
import GRDB
import LedgerCore
import LedgerStore

/// Organisations and the events behind an artifact's facts.
extension SQLiteReader {
    /// Every organisation with its dated facts, each fact in event order.
    func organisations() throws -> OrganisationDirectory {
        var byName: [String: Organisation] = [:]
        var order: [String] = []
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT f.seq, f.organisation, f.fact, f.from_date, f.value, f.year, o.added_seq
                    FROM organisation_facts f JOIN organisations o ON o.name = f.organisation
                    ORDER BY f.seq, f.fact
                    """))
        while let row = try rows.next() {
            let name: String = try row.value("organisation")
            let seq: Int64 = try row.value("seq")
            let from = try row.parsedIfPresent("from_date", LedgerDate.init)
            let fact: String = try row.value("fact")
            if byName[name] == nil {
                // The first facts of an organisation are those of the event that added it.
                byName[name] = Organisation(
                    name: try row.parsed("organisation", OrganisationName.init), addedSeq: try row.value("added_seq"))
                order.append(name)
            }
            switch fact {
            case "headquarters":
                byName[name]?.headquarters.append(
                    Dated(from: from, value: try row.parsed("value", CountryCode.init), seq: seq))
            case "parent":
                byName[name]?.parent.append(
                    Dated(from: from, value: try row.parsedIfPresent("value", OrganisationName.init), seq: seq))
            case "revenue":
                let year: Int = try row.value("year")
                let revenue = try row.parsed("value") { text in
                    guard let usd = Double(text) else { throw StoreError.damaged(path: "", reason: "not a number") }
                    return try Revenue(usd: usd, year: year)
                }
                byName[name]?.revenue[year] = revenue
            default:
                throw StoreError.damaged(
                    path: "", reason: "organisation fact \(Row.shown(fact.databaseValue)) is not known")
            }
        }
        return OrganisationDirectory(order.compactMap { byName[$0] })
    }

    /// The events that set `digest`'s facts (its registration, publications, withdrawals and
    /// corrections), in order.
    func factEvents(of digest: ArtifactDigest) throws -> [StoredEvent] {
        let seqs = try Int64.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT a.registered_seq FROM artifacts a WHERE a.digest = ?1
                    UNION SELECT p.seq FROM publication_rows p JOIN artifacts a ON a.id = p.artifact_id
                        WHERE a.digest = ?1
                    UNION SELECT c.seq FROM correction_rows c JOIN artifacts a ON a.id = c.artifact_id
                        WHERE a.digest = ?1
                    ORDER BY 1
                    """), arguments: [digest.value])
        return try seqs.flatMap { try events($0...$0) }
    }
}

/// The events behind licenses and organisations, for reports bound to the log.
extension SQLiteReader {
    /// The events that added the licenses the tables say name `digest`, in order.
    func licenseEvents(naming digest: ArtifactDigest) throws -> [StoredEvent] {
        let seqs = try Int64.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT DISTINCT l.added_seq FROM licenses l JOIN license_artifacts a ON a.license = l.id
                    WHERE a.artifact = ? ORDER BY 1
                    """), arguments: [digest.value])
        return try seqs.flatMap { try events($0...$0) }
    }

    /// The `approval.recorded` events the tables say concern `digest`, in order.
    func approvalEvents(of digest: ArtifactDigest) throws -> [StoredEvent] {
        let seqs = try Int64.fetchAll(
            db.cachedStatement(sql: "SELECT seq FROM approvals WHERE artifact = ? ORDER BY seq"),
            arguments: [digest.value])
        return try seqs.flatMap { try events($0...$0) }
    }

    /// The model signatures of `digest`, in event order.
    func signatures(of digest: ArtifactDigest) throws -> [(seq: Int64, signature: ModelSignatureRecord)] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT seq, signature FROM signatures WHERE artifact = ? ORDER BY seq"),
            arguments: [digest.value]
        ).map { row in
            (
                try row.value("seq"),
                try row.parsed("signature") { try JSONDecoder().decode(ModelSignatureRecord.self, from: Data($0.utf8)) }
            )
        }
    }

    /// The events that added or changed an organisation, in order.
    func organisationEvents() throws -> [StoredEvent] {
        let seqs = try Int64.fetchAll(
            db.cachedStatement(
                sql: "SELECT added_seq FROM organisations UNION SELECT seq FROM organisation_facts ORDER BY 1"))
        return try seqs.flatMap { try events($0...$0) }
    }
}
