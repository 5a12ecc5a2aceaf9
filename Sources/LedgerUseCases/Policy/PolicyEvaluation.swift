import Foundation
import LedgerCore
import LedgerPolicy
import LedgerStore

/// Evaluates packs for one artifact in a read or write transaction (check, deploy, review).
struct PolicyEvaluation {
    let packs: [LoadedPack]

    func report(
        reader: any LedgerReading, digest: ArtifactDigest, destination: CountryCode?, kind: DeploymentKind?,
        date: LedgerDate, licenses only: [License]? = nil
    ) throws -> CheckReport {
        guard let artifact = try reader.policyArtifact(digest) else { throw StoreError.unknownReference(digest.value) }
        let graph = try reader.ancestryGraph(of: digest)
        let subject = PolicyRun.subject(
            artifact, graph: graph, destination: destination, deploymentKind: kind, date: date)
        let licenses = try only ?? reader.licenses(naming: digest)
        return CheckReport(
            artifact: artifact, destination: destination, deploymentKind: kind, date: date, facts: subject.facts,
            verdicts: PolicyRun.evaluate(packs, subject: subject, licenses: licenses))
    }
}
