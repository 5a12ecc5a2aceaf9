import Foundation
import LedgerCore
import LedgerPolicy
import LedgerStore

/// Evaluates packs for one artifact in a read or write transaction (check, deploy, review).
struct PolicyEvaluation {
    let packs: [LoadedPack]

    func report(
        reader: any LedgerReading, digest: ArtifactDigest, destination: CountryCode?, kind: DeploymentKind?,
        date: LedgerDate, exporter: OrganisationName? = nil, licenses only: [License]? = nil
    ) throws -> CheckReport {
        guard let artifact = try reader.policyArtifact(digest) else { throw StoreError.unknownReference(digest.value) }
        let organisations = try reader.organisations()
        if let exporter { try Organisations.requireKnown(exporter, in: organisations) }
        let graph = try reader.ancestryGraph(of: digest)
        let subject = PolicyRun.subject(
            artifact, graph: graph, destination: destination, deploymentKind: kind, date: date, exporter: exporter,
            organisations: organisations)
        let licenses = try only ?? reader.licenses(naming: digest)
        return CheckReport(
            artifact: artifact, destination: destination, deploymentKind: kind, date: date, facts: subject.facts,
            verdicts: PolicyRun.evaluate(packs, subject: subject, licenses: licenses), parties: subject.parties)
    }
}
