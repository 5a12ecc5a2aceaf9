import Foundation
import LedgerCore
import LedgerUseCases

/// The facts every export format states, in one place: identifiers, dates, the training record and
/// the policy outcomes as name/value pairs (schema/exports.md maps each to each format's fields).
enum ExportFacts {
    /// The URI of a WeightLedger training step (SLSA `buildType`), documented in schema/exports.md.
    static let buildType = "https://weightledger.dev/provenance/training-step/v1"
    /// The prefix of WeightLedger's property names (CycloneDX `properties`, SPDX dictionary keys).
    static let namespace = "weightledger"

    /// The hex of a `sha256:` digest.
    static func hex(_ digest: ArtifactDigest) -> String { String(digest.value.dropFirst(7)) }

    /// An artifact's first name, else its digest.
    static func label(_ record: ArtifactRecord) -> String {
        record.names.first?.description ?? record.digest.value
    }

    /// A day as an RFC 3339 timestamp at midnight UTC.
    static func timestamp(_ day: LedgerDate) -> String { "\(day)T00:00:00Z" }

    /// A stable URN for a thing of the ledger (`urn:weightledger:<ledger id>:<kind>:<id>`).
    static func urn(_ source: ExportSource, _ kind: String, _ id: String) -> String {
        let safe = id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["%", "/"])) ?? id
        return "urn:weightledger:\(source.evidence.ledgerID):\(kind):\(safe)"
    }

    /// The training facts as name/value pairs, in a fixed order; unknown values left out.
    static func training(_ member: ExportMember) -> [(name: String, value: String)] {
        let record = member.record
        let training = record.training
        var pairs: [(String, String)] = [
            ("artifact", record.digest.value), ("form", record.form.rawValue), ("kind", training.kind.rawValue),
            ("compute:method", training.compute.method.rawValue),
        ]
        if let operations = training.compute.operations {
            pairs.append(("compute:operations", ECMAScriptNumber.format(operations)))
        }
        let cumulative = member.cumulative
        if let operations = cumulative.operations {
            pairs.append(("compute:cumulative", ECMAScriptNumber.format(operations)))
        }
        pairs.append(("compute:cumulativeComplete", cumulative.complete ? "true" : "false"))
        if let country = training.trainedIn { pairs.append(("trainedIn", country.code)) }
        if let site = training.site { pairs.append(("site", site)) }
        if let started = training.started { pairs.append(("started", started.description)) }
        if let finished = training.finished { pairs.append(("finished", finished.description)) }
        if let developer = training.developer { pairs.append(("developer", developer.value)) }
        for name in training.externals { pairs.append(("parentOutsideLedger", name)) }
        if let origin = record.origin {
            pairs.append(("origin", "\(origin.hub) \(origin.repository)@\(origin.revision)"))
        }
        return pairs.map { (name: $0.0, value: $0.1) }
    }

    /// The artifact-level policy outcomes on the export's date: one pair per finding,
    /// `policy:<pack>:<rule>` = `<severity> <code> (enforced|not enforced)`, and one per pack's status.
    static func policy(_ member: ExportMember) -> [(name: String, value: String)] {
        var pairs: [(String, String)] = [("policy:date", member.check.date.description)]
        for verdict in member.check.verdicts {
            pairs.append(
                (
                    "policy:\(verdict.loaded.pack.id)",
                    "\(verdict.status.standing.rawValue) (version \(verdict.loaded.pack.version))"
                ))
            for resolved in verdict.findings {
                let finding = resolved.finding
                pairs.append(
                    (
                        "policy:\(finding.pack):\(finding.rule)",
                        "\(finding.severity.rawValue) \(finding.code)" + (finding.enforced ? "" : " (not enforced)")
                    ))
            }
        }
        return pairs.map { (name: $0.0, value: $0.1) }
    }

    /// JSON for the pairs: `[{"name": "weightledger:<name>", "value": …}]`.
    static func properties(_ pairs: [(name: String, value: String)]) -> JSONValue {
        .array(pairs.map { .object(["name": .string("\(namespace):\($0.name)"), "value": .string($0.value)]) })
    }
}
