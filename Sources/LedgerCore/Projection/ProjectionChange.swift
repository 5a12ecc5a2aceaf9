/// What one event changes in the ledger's read model: the projection rules, as domain code.
/// Every backend applies these changes and nothing else, so a replay of the log gives exactly
/// what appending gave, whatever stores it.
public enum ProjectionChange: Equatable, Sendable {
    /// The ledger's identity (`ledger.created`).
    case ledgerIdentified(id: String)
    /// A new artifact with its files, training record, model header, first names and location.
    case artifactAdded(ArtifactRegistered)
    /// A name bound to a registered artifact.
    case nameBound(ArtifactName, to: ArtifactDigest)
    /// The artifact's weights published (where, and from which day).
    case publicationRecorded(Publication, of: ArtifactDigest)
    /// The artifact's weights withdrawn from a day on.
    case publicationWithdrawn(on: LedgerDate, reason: String, of: ArtifactDigest)
    /// The artifact's training record replaced by its corrected form (parents included).
    case trainingCorrected(TrainingRecord, of: ArtifactDigest)
    /// An organisation and its first facts.
    case organisationAdded(OrganisationAdded)
    /// A dated change to an organisation's facts.
    case organisationChanged(OrganisationChanged)
    /// A storage location recorded for a registered artifact.
    case locationAdded(String, to: ArtifactDigest)
    /// A storage location no longer current (its row stays; audits skip it).
    case locationRemoved(String, from: ArtifactDigest)
    /// A deployment and the summary of its recorded evaluation.
    case deploymentAdded(DeploymentSummary)
    /// A license with the artifacts and destinations it names.
    case licenseAdded(License)
    /// A checkpoint of the log.
    case checkpointAdded(CheckpointRecorded)
    /// An audit's summary row.
    case auditAdded(AuditRecorded)
    /// The findings that need a person as of an audit, as it recorded them: the keys it found
    /// new and those no longer applying (the current format).
    case auditFindingsChanged(new: FindingKeys, resolved: FindingKeys)
    /// The same as every open key (the earlier format): the ones not listed are resolved.
    case auditFindingsListed(FindingKeys)
    /// A location's latest check (replaces the earlier one for the same artifact and path).
    case locationChecked(AuditRecorded.LocationCheck)
    /// A token (only its SHA-256).
    case tokenAdded(TokenCreated)
    /// A token revoked from then on.
    case tokenRevoked(name: String)
    /// A reviewer's approval of a deployment.
    case approvalAdded(ApprovalRecorded)
    /// A verified model signature of an artifact.
    case signatureAdded(ModelSignatureRecord, of: ArtifactDigest)
}

/// A deployment as its projection row holds it: the facts and what its evaluation left open.
public struct DeploymentSummary: Equatable, Sendable {
    /// The deployment as its event recorded it.
    public let deployment: DeploymentRecorded
    /// Findings that still needed a person when it was recorded (`RecordedEvaluation.openFindingCount`).
    public let openFindings: Int
    /// The highest severity no license resolved.
    public let worstSeverity: Severity?
}

extension LedgerEvent {
    /// The changes this event makes to the read model, in the order they apply.
    public var projection: [ProjectionChange] {
        switch self {
        case .ledgerCreated(let created):
            return [.ledgerIdentified(id: created.ledgerID)]
        case .artifactRegistered(let registered):
            guard let signature = registered.signature else { return [.artifactAdded(registered)] }
            return [.artifactAdded(registered), .signatureAdded(signature, of: registered.digest)]
        case .artifactReregistered(let again):
            return again.names.map { .nameBound($0, to: again.digest) }
                + again.locations.map { .locationAdded($0, to: again.digest) }
        case .nameAdded(let added):
            return [.nameBound(added.name, to: added.digest)]
        case .artifactPublished(let published):
            return [.publicationRecorded(published.publication, of: published.digest)]
        case .artifactUnpublished(let withdrawn):
            return [.publicationWithdrawn(on: withdrawn.on, reason: withdrawn.reason, of: withdrawn.digest)]
        case .artifactCorrected(let corrected):
            return [.trainingCorrected(corrected.training, of: corrected.digest)]
        case .organisationAdded(let added):
            return [.organisationAdded(added)]
        case .organisationChanged(let changed):
            return [.organisationChanged(changed)]
        case .locationRemoved(let removed):
            return [.locationRemoved(removed.path, from: removed.digest)]
        case .locationMoved(let moved):
            return [.locationRemoved(moved.from, from: moved.digest), .locationAdded(moved.to, to: moved.digest)]
        case .deploymentRecorded(let deployment):
            let evaluation = deployment.evaluation
            return [
                .deploymentAdded(
                    DeploymentSummary(
                        deployment: deployment, openFindings: evaluation.openFindingCount,
                        worstSeverity: evaluation.worstUnresolvedSeverity))
            ]
        case .licenseAdded(let license):
            return [.licenseAdded(license)]
        case .checkpointRecorded(let checkpoint):
            return [.checkpointAdded(checkpoint)]
        case .auditRecorded(let audit):
            let findings: ProjectionChange =
                audit.findings.map { .auditFindingsListed($0) }
                ?? .auditFindingsChanged(new: audit.newFindings ?? [], resolved: audit.resolvedFindings ?? [])
            return [.auditAdded(audit), findings] + audit.locations.map { .locationChecked($0) }
        case .tokenCreated(let token):
            return [.tokenAdded(token)]
        case .tokenRevoked(let token):
            return [.tokenRevoked(name: token.name)]
        case .approvalRecorded(let approval):
            return [.approvalAdded(approval)]
        case .signatureAttached(let attached):
            return [.signatureAdded(attached.signature, of: attached.digest)]
        }
    }
}
