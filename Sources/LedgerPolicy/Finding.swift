import LedgerCore

/// One rule's outcome for one artifact (and destination): what it requires, why, and on what authority.
public struct Finding: Sendable, Equatable {
    /// The outcome's code (`…-undetermined` when unknown facts left it open).
    public let code: String
    /// info, warn or block.
    public let severity: Severity
    /// What it asks a person to obtain or do now.
    public let requires: Requirement
    /// What the rule requires when it applies; differs from `requires` (`review`) when undetermined.
    public let ruleRequires: Requirement
    /// The pack's id.
    public let pack: String
    /// The pack's version.
    public let packVersion: String
    /// The rule's id.
    public let rule: String
    /// The rule's title.
    public let ruleTitle: String
    /// Plain words: what applies and why, with the figures.
    public let explanation: String
    /// The citation's text, with its URL when the pack gives one.
    public let citation: String
    /// Whether the rule is enforced on the evaluation date (a suspended rule still says what it requires).
    public let enforced: Bool
    /// False when the outcome could not be determined because facts are unknown.
    public let determined: Bool
    /// Artifacts whose unknown compute left the outcome undetermined.
    public let missingCompute: [ArtifactDigest]
    /// The artifact it is about.
    public let artifact: ArtifactDigest
    /// The destination it is about, if any.
    public let destination: CountryCode?
    /// The evaluation date.
    public let date: LedgerDate

    /// A finding with every field given (the evaluator makes them; a cache gives them back).
    public init(
        code: String, severity: Severity, requires: Requirement, ruleRequires: Requirement, pack: String,
        packVersion: String, rule: String, ruleTitle: String, explanation: String, citation: String, enforced: Bool,
        determined: Bool, missingCompute: [ArtifactDigest], artifact: ArtifactDigest, destination: CountryCode?,
        date: LedgerDate
    ) {
        self.code = code
        self.severity = severity
        self.requires = requires
        self.ruleRequires = ruleRequires
        self.pack = pack
        self.packVersion = packVersion
        self.rule = rule
        self.ruleTitle = ruleTitle
        self.explanation = explanation
        self.citation = citation
        self.enforced = enforced
        self.determined = determined
        self.missingCompute = missingCompute
        self.artifact = artifact
        self.destination = destination
        self.date = date
    }

    /// Needs a person: a license, a notification, a report, or a look at unknown facts.
    public var needsAttention: Bool { severity.needsAttention }
}
