import LedgerCore
import LedgerPolicy
import LedgerStore
import LedgerUseCases

/// `license add --json`.
public struct LicenseView: Encodable, Sendable {
    let id: String
    let authority: String
    let number: String
    let artifacts: [ArtifactDigest]
    let destinations: [CountryCode]
    let validFrom: Nullable<LedgerDate>
    let validUntil: Nullable<LedgerDate>

    /// The JSON view of `License`.
    public init(_ license: License) {
        id = license.id
        authority = license.authority
        number = license.number
        artifacts = license.artifacts
        destinations = license.destinations
        validFrom = Nullable(license.validFrom)
        validUntil = Nullable(license.validUntil)
    }
}

/// A recorded deployment.
public struct DeploymentView: Encodable, Sendable {
    let event: Int64
    let artifact: ArtifactDigest
    let destination: CountryCode
    let recipient: Nullable<String>
    let date: LedgerDate
    let kind: String
    let license: Nullable<String>
    let unresolvedFindings: Int
    let worstSeverity: Nullable<String>

    /// The JSON view of `DeploymentRecord`.
    public init(_ record: DeploymentRecord) {
        event = record.seq
        artifact = record.digest
        destination = record.destination
        recipient = Nullable(record.recipient)
        date = record.date
        kind = record.kind
        license = Nullable(record.license)
        unresolvedFindings = record.unresolvedFindings
        worstSeverity = Nullable(record.worstSeverity)
    }
}
