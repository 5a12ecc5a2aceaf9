import LedgerCore

/// What a pack is evaluated against: one artifact, its lineage facts, and optionally where it goes.
public struct EvaluationSubject: Sendable {
    /// The artifact.
    public let digest: ArtifactDigest
    /// Its names, for rules that list names.
    public let names: [ArtifactName]
    /// How it was made.
    public let kind: TrainingKind
    /// Where it was trained.
    public let trainedIn: CountryCode?
    /// Its compute figures and publication over its lineage.
    public let facts: LineageFacts
    /// Nil for an artifact-level evaluation (`flags` without deployments): destination rules are skipped.
    public let destination: CountryCode?
    /// How it goes, when it goes somewhere.
    public let deploymentKind: DeploymentKind?
    /// The evaluation date.
    public let date: LedgerDate

    /// A subject with every field given.
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
