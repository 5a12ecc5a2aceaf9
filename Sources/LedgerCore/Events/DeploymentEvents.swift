/// A deployment of weights to a destination was recorded, with the policy evaluation made for it.
public struct DeploymentRecorded: Codable, Equatable, Sendable {
    /// The weights deployed.
    public let digest: ArtifactDigest
    /// Where they go.
    public let destination: CountryCode
    /// Who receives them, when given.
    public let recipient: String?
    /// Who ships them (an organisation in the ledger), when given or known as the developer.
    public let exporter: OrganisationName?
    /// The day the weights go (or went).
    public let date: LedgerDate
    /// export, reexport, transfer or hosting.
    public let kind: String
    /// The license the deployment relies on (`AUTHORITY/NUMBER`), if any.
    public let license: String?
    /// What every pack said on the date, licenses applied.
    public let evaluation: RecordedEvaluation

    /// A deployment event with every field given.
    public init(
        digest: ArtifactDigest, destination: CountryCode, recipient: String?, date: LedgerDate, kind: String,
        license: String?, evaluation: RecordedEvaluation, exporter: OrganisationName? = nil
    ) {
        self.exporter = exporter
        self.digest = digest
        self.destination = destination
        self.recipient = recipient
        self.date = date
        self.kind = kind
        self.license = license
        self.evaluation = evaluation
    }
}

/// What the policy packs said when an event was recorded: which packs (id, version, digest)
/// and their findings, so the judgement can be reproduced and audited later.
public struct RecordedEvaluation: Codable, Equatable, Sendable {
    /// A pack as evaluated: identity, digest and standing.
    public struct Pack: Codable, Equatable, Sendable {
        /// The pack's id.
        public let id: String
        /// The pack's version.
        public let version: String
        /// SHA-256 of the pack's canonical JSON (RFC 8785).
        public let digest: String
        /// Its standing on the date (in force, suspended, rescinded, …).
        public let status: String

        /// A pack entry with every field given.
        public init(id: String, version: String, digest: String, status: String) {
            self.id = id
            self.version = version
            self.digest = digest
            self.status = status
        }
    }

    /// A finding as recorded: which rule, how severe, what it requires.
    public struct Finding: Codable, Equatable, Sendable {
        /// The pack's id.
        public let pack: String
        /// The rule's id in the pack.
        public let rule: String
        /// The finding's code (`…-undetermined` when unknown facts left it open).
        public let code: String
        /// info, warn or block.
        public let severity: String
        /// What it asks for: none, license, notification, report or review.
        public let requires: String
        /// Whether the rule was enforced on the date.
        public let enforced: Bool
        /// False when unknown facts left the outcome open.
        public let determined: Bool
        /// The license (`AUTHORITY/NUMBER`) that covers it, if any.
        public let resolvedBy: String?

        /// A finding entry with every field given.
        public init(
            pack: String, rule: String, code: String, severity: String, requires: String, enforced: Bool,
            determined: Bool, resolvedBy: String?
        ) {
            self.pack = pack
            self.rule = rule
            self.code = code
            self.severity = severity
            self.requires = requires
            self.enforced = enforced
            self.determined = determined
            self.resolvedBy = resolvedBy
        }
    }

    /// Every pack evaluated.
    public let packs: [Pack]
    /// Every finding of every pack.
    public let findings: [Finding]

    /// An evaluation with both lists.
    public init(packs: [Pack], findings: [Finding]) {
        self.packs = packs
        self.findings = findings
    }
}

extension RecordedEvaluation {
    /// How many recorded findings still needed a person (`Severity.isOpen`); a severity this
    /// binary does not know counts as open.
    public var openFindingCount: Int {
        findings.filter {
            Severity.isOpen(severity: Severity(rawValue: $0.severity) ?? .block, resolvedBy: $0.resolvedBy)
        }.count
    }

    /// The highest severity among findings no license resolved (`info` included), or nil.
    public var worstUnresolvedSeverity: Severity? {
        findings.filter { $0.resolvedBy == nil }.compactMap { Severity(rawValue: $0.severity) }.max()
    }
}
