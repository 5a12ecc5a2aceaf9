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
    /// Who made it, who made its parents and who ships it, with the organisations' facts.
    public let parties: Parties

    /// A subject with every field given.
    public init(
        digest: ArtifactDigest, names: [ArtifactName], kind: TrainingKind, trainedIn: CountryCode?, facts: LineageFacts,
        destination: CountryCode?, deploymentKind: DeploymentKind?, date: LedgerDate, parties: Parties = Parties()
    ) {
        self.parties = parties
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

/// The organisations an evaluation reads: the developer of the artifact's own step, the
/// developers of its parents, and the exporter (given, or else the developer).
public struct Parties: Sendable {
    /// Who made the artifact's own step.
    public let developer: OrganisationName?
    /// Who made each parent (nil where not recorded), in parent order.
    public let parentDevelopers: [OrganisationName?]
    /// Who ships the weights.
    public let exporter: OrganisationName?
    /// True when `exporter` is the developer because no exporter was given.
    public let exporterIsDefault: Bool
    /// Every organisation the ledger knows.
    public let directory: OrganisationDirectory

    /// The parties with every field given; the exporter defaults to the developer.
    public init(
        developer: OrganisationName? = nil, parentDevelopers: [OrganisationName?] = [],
        exporter: OrganisationName? = nil, directory: OrganisationDirectory = OrganisationDirectory()
    ) {
        self.developer = developer
        self.parentDevelopers = parentDevelopers
        self.exporter = exporter ?? developer
        exporterIsDefault = exporter == nil && developer != nil
        self.directory = directory
    }

    /// The parties of `digest` in `graph`, with `exporter` when one was given.
    public init(
        of digest: ArtifactDigest, in graph: LineageGraph, exporter: OrganisationName?,
        directory: OrganisationDirectory
    ) {
        let node = graph.nodes[digest]
        self.init(
            developer: node?.developer,
            parentDevelopers: (node?.parents ?? []).map { graph.nodes[$0]?.developer },
            exporter: exporter, directory: directory)
    }
}
