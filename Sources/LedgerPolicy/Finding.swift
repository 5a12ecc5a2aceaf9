import LedgerCore

/// One rule's outcome for one artifact (and destination): what it requires, why, and on what authority.
public struct Finding: Sendable, Equatable {
    public let code: String
    public let severity: Severity
    public let requires: Requirement
    /// What the rule requires when it applies; differs from `requires` (`review`) when undetermined.
    public let ruleRequires: Requirement
    public let pack: String
    public let packVersion: String
    public let rule: String
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
    public let artifact: ArtifactDigest
    public let destination: CountryCode?
    public let date: LedgerDate

    /// Needs a person: a license, a notification, a report, or a look at unknown facts.
    public var needsAttention: Bool { severity.needsAttention }
}
