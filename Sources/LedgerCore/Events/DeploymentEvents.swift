/// A deployment of weights to a destination was recorded, with the policy evaluation made for it.
public struct DeploymentRecorded: Codable, Equatable, Sendable {
    public let digest: ArtifactDigest
    public let destination: CountryCode
    public let recipient: String?
    /// The day the weights go (or went).
    public let date: LedgerDate
    /// export, reexport, transfer or hosting.
    public let kind: String
    /// The license the deployment relies on (`AUTHORITY/NUMBER`), if any.
    public let license: String?
    public let evaluation: RecordedEvaluation

    public init(digest: ArtifactDigest, destination: CountryCode, recipient: String?, date: LedgerDate, kind: String,
                license: String?, evaluation: RecordedEvaluation) {
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
    public struct Pack: Codable, Equatable, Sendable {
        public let id: String
        public let version: String
        /// SHA-256 of the pack's canonical JSON (RFC 8785).
        public let digest: String
        public let status: String

        public init(id: String, version: String, digest: String, status: String) {
            self.id = id
            self.version = version
            self.digest = digest
            self.status = status
        }
    }

    public struct Finding: Codable, Equatable, Sendable {
        public let pack: String
        public let rule: String
        public let code: String
        public let severity: String
        public let requires: String
        public let enforced: Bool
        public let determined: Bool
        /// The license (`AUTHORITY/NUMBER`) that covers it, if any.
        public let resolvedBy: String?

        public init(pack: String, rule: String, code: String, severity: String, requires: String, enforced: Bool,
                    determined: Bool, resolvedBy: String?) {
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

    public let packs: [Pack]
    public let findings: [Finding]

    public init(packs: [Pack], findings: [Finding]) {
        self.packs = packs
        self.findings = findings
    }
}

extension RecordedEvaluation {
    /// How many recorded findings still needed a person (`Severity.isOpen`); a severity this
    /// binary does not know counts as open.
    public var openFindingCount: Int {
        findings.filter { Severity.isOpen(severity: Severity(rawValue: $0.severity) ?? .block, resolvedBy: $0.resolvedBy) }.count
    }

    /// The highest severity among findings no license resolved (`info` included), or nil.
    public var worstUnresolvedSeverity: Severity? {
        findings.filter { $0.resolvedBy == nil }.compactMap { Severity(rawValue: $0.severity) }.max()
    }
}
