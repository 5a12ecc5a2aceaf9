import LedgerCore

/// What a pack is evaluated against: one artifact, its lineage facts, and optionally where it goes.
public struct EvaluationSubject: Sendable {
    public let digest: ArtifactDigest
    public let names: [ArtifactName]
    public let kind: TrainingKind
    public let trainedIn: CountryCode?
    public let facts: LineageFacts
    /// Nil for an artifact-level evaluation (`flags` without deployments): destination rules are skipped.
    public let destination: CountryCode?
    public let deploymentKind: DeploymentKind?
    public let date: LedgerDate

    public init(
        digest: ArtifactDigest, names: [ArtifactName], kind: TrainingKind, trainedIn: CountryCode?, facts: LineageFacts,
        destination: CountryCode?, deploymentKind: DeploymentKind?, date: LedgerDate
    ) {
        self.digest = digest
        self.names = names
        self.kind = kind
        self.trainedIn = trainedIn
        self.facts = facts
        self.destination = destination
        self.deploymentKind = deploymentKind
        self.date = date
    }

    /// The label a person recognises: the first name, else the short digest.
    public var label: String { names.first?.description ?? digest.short + "…" }
}
