import Foundation
import Hashing
import LedgerCore
import LedgerPolicy

/// The digest of what a review decides: the SHA-256 of the canonical JSON of the artifact, the
/// destination, every lineage member's facts (as corrected, with its publications), the packs
/// (id, version, digest), every finding (with what resolves it) and the licences naming the
/// artifact. An approval is bound to it: a later fact, correction, licence or pack change gives
/// another digest. The evaluation date, the ledger's path, the time the report was made and the
/// log's size are left out: a report of the same decision on another day, or after unrelated
/// registrations, has the same digest.
public enum ReportDigest {
    struct Content: Encodable {
        struct Member: Encodable {
            let digest: String
            let kind: String
            let parents: [String]
            let trainedIn: String?
            let site: String?
            let operations: Double?
            let method: String
            let developer: String?
            let publications: [String]
        }
        struct Outcome: Encodable {
            let pack: String
            let rule: String
            let code: String
            let severity: String
            let requires: String
            let enforced: Bool
            let determined: Bool
            let resolvedBy: String?
        }
        struct Pack: Encodable {
            let id: String
            let version: String
            let digest: String
        }
        let format = 1
        let artifact: String
        let destination: String?
        let exporter: String?
        let lineage: [Member]
        let packs: [Pack]
        let findings: [Outcome]
        let licenses: [String]
    }

    /// `sha256:<hex>` of the report's decision.
    static func of(
        check: CheckReport, lineage: LineageWalk, licenses: [License], exporter: OrganisationName?
    ) throws
        -> String
    {
        let members = lineage.nodes.map { node -> Content.Member in
            let training = node.record.training
            return Content.Member(
                digest: node.record.digest.value, kind: training.kind.rawValue, parents: training.parents.map(\.value),
                trainedIn: training.trainedIn?.code, site: training.site, operations: training.compute.operations,
                method: training.compute.method.rawValue, developer: training.developer?.value,
                publications: node.record.publications.changes.map {
                    "\($0.from?.description ?? "undated") \($0.value?.url ?? "withdrawn")"
                })
        }
        let content = Content(
            artifact: check.artifact.digest.value, destination: check.destination?.code, exporter: exporter?.value,
            lineage: members,
            packs: packs(check).map { Content.Pack(id: $0.id, version: $0.version, digest: $0.digest) },
            findings: check.findings.map {
                Content.Outcome(
                    pack: $0.finding.pack, rule: $0.finding.rule, code: $0.finding.code,
                    severity: $0.finding.severity.rawValue, requires: $0.finding.requires.rawValue,
                    enforced: $0.finding.enforced, determined: $0.finding.determined, resolvedBy: $0.resolvedBy)
            },
            licenses: licenses.map(\.id).sorted())
        return "sha256:" + (try SHA256.hash(try CanonicalJSON.bytes(encoding: content)).hex)
    }

    /// The packs a report was evaluated with, as an approval records them.
    static func packs(_ check: CheckReport) -> [ApprovalRecorded.PackUsed] {
        check.verdicts.map {
            ApprovalRecorded.PackUsed(id: $0.loaded.pack.id, version: $0.loaded.pack.version, digest: $0.loaded.digest)
        }
    }
}
