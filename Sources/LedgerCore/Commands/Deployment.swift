import Foundation

/// A deployment to record, checked: the typed command behind `deploy` and `POST /api/v1/deployments`.
public struct Deployment: Equatable, Sendable {
    /// The weights going, as typed.
    public var artifact: ArtifactReference
    /// Where they go.
    public var destination: CountryCode
    /// Who receives the weights; never empty when given.
    public var recipient: String?
    /// Who ships them (an organisation in the ledger); nil: the developer of the artifact's own step.
    public var exporter: OrganisationName?
    /// Nil: today, as the use case's clock says.
    public var date: LedgerDate?
    /// Export, reexport, in-country transfer or hosting (default export).
    public var kind: DeploymentKind
    /// `AUTHORITY/NUMBER` or a number of the license relied on; must cover the deployment.
    public var license: String?
    /// Refuse, writing nothing, instead of recording a deployment that needs a license not held.
    public var strict: Bool
    /// Pack ids to evaluate (empty: every pack).
    public var policies: [String]
    /// With `strict`: refuse only for licenses an enforced rule requires (`--enforced-only`).
    public var enforcedOnly: Bool
    /// Refuse unless a recorded approval holds for this artifact, destination and report (`--require-approval`).
    public var requireApproval: Bool

    /// The deployment as typed or sent. The JSON keys are the API's contract.
    public struct Draft: Codable, Equatable, Sendable {
        /// `artifact` (the CLI's reference argument).
        public var artifact: String
        /// `to` (`--to`): the destination country.
        public var to: String
        /// `recipient` (`--recipient`): who receives the weights.
        public var recipient: String?
        /// `exporter` (`--exporter`): the organisation that ships them.
        public var exporter: String?
        /// `on` (`--on`): YYYY-MM-DD.
        public var on: String?
        /// `kind` (`--kind`): export, reexport, transfer or hosting.
        public var kind: String?
        /// `license` (`--license`): the license relied on.
        public var license: String?
        /// `strict` (`--strict`): refuse rather than record a deployment that needs a license not held.
        public var strict: Bool?
        /// `policies` (`--policy`, repeatable): pack ids.
        public var policies: [String]?
        /// `enforcedOnly` (`--enforced-only`): gate on enforced rules alone.
        public var enforcedOnly: Bool?
        /// `requireApproval` (`--require-approval`): refuse without an approval of this report.
        public var requireApproval: Bool?

        /// A draft with the fields given; nil fields were not given.
        public init(
            artifact: String, to: String, recipient: String? = nil, on: String? = nil, kind: String? = nil,
            license: String? = nil, strict: Bool? = nil, policies: [String]? = nil, enforcedOnly: Bool? = nil,
            exporter: String? = nil, requireApproval: Bool? = nil
        ) {
            self.requireApproval = requireApproval
            self.exporter = exporter
            self.enforcedOnly = enforcedOnly
            self.artifact = artifact
            self.to = to
            self.recipient = recipient
            self.on = on
            self.kind = kind
            self.license = license
            self.strict = strict
            self.policies = policies
        }
    }

    /// Checks every field of `draft`, naming the one at fault by its key.
    public init(_ draft: Draft) throws {
        artifact = try FieldKey.artifact.parsing { try ArtifactReference(draft.artifact) }
        destination = try FieldKey.to.parsing { try CountryCode(draft.to) }
        recipient = try FreeText.line(draft.recipient, field: .recipient)
        if draft.recipient != nil, recipient == nil { throw InputError("\(field: .recipient) is empty") }
        exporter = try FieldKey.exporter.parsing { try draft.exporter.map { try OrganisationName($0) } }
        date = try FieldKey.on.parsing { try draft.on.map { try LedgerDate($0) } }
        kind = try FieldKey.kind.parsing { try draft.kind.map { try DeploymentKind(parsing: $0) } ?? .export }
        license = draft.license
        strict = draft.strict ?? false
        policies = draft.policies ?? []
        enforcedOnly = draft.enforcedOnly ?? false
        requireApproval = draft.requireApproval ?? false
    }
}

/// A policy check of one artifact going to one country: `check` and `GET /api/v1/check`.
public struct PolicyCheck: Equatable, Sendable {
    /// The artifact checked, as typed.
    public var artifact: ArtifactReference
    /// The destination checked.
    public var destination: CountryCode
    /// Nil: today.
    public var date: LedgerDate?
    /// The kind of deployment checked (default export).
    public var kind: DeploymentKind
    /// Pack ids to evaluate (empty: every pack).
    public var policies: [String]
    /// Who ships the weights (an organisation in the ledger); nil: the developer of the artifact's step.
    public var exporter: OrganisationName?

    /// Checks the fields as typed or sent, naming the one at fault by its key.
    public init(
        artifact: String, to: String, on: String? = nil, kind: String? = nil, policies: [String] = [],
        exporter: String? = nil
    ) throws {
        self.exporter = try FieldKey.exporter.parsing { try exporter.map { try OrganisationName($0) } }
        self.artifact = try FieldKey.artifact.parsing { try ArtifactReference(artifact) }
        destination = try FieldKey.to.parsing { try CountryCode(to) }
        date = try FieldKey.on.parsing { try on.map { try LedgerDate($0) } }
        self.kind = try FieldKey.kind.parsing { try kind.map { try DeploymentKind(parsing: $0) } ?? .export }
        self.policies = policies
    }
}

/// What a review covers: `review`, `GET /api/v1/artifacts/{ref}/review` and the review page.
public struct ReviewRequest: Equatable, Sendable {
    /// The artifact reviewed, as typed.
    public var artifact: ArtifactReference
    /// Nil: artifact-level findings only.
    public var destination: CountryCode?
    /// Nil: today.
    public var date: LedgerDate?
    /// Pack ids to evaluate (empty: every pack).
    public var policies: [String]
    /// Who ships the weights; nil: the developer of the artifact's own step.
    public var exporter: OrganisationName?

    /// Checks the fields as typed or sent, naming the one at fault by its key.
    public init(
        artifact: String, to: String? = nil, on: String? = nil, policies: [String] = [], exporter: String? = nil
    ) throws {
        self.exporter = try FieldKey.exporter.parsing { try exporter.map { try OrganisationName($0) } }
        self.artifact = try FieldKey.artifact.parsing { try ArtifactReference(artifact) }
        destination = try FieldKey.to.parsing { try to.map { try CountryCode($0) } }
        date = try FieldKey.on.parsing { try on.map { try LedgerDate($0) } }
        self.policies = policies
    }
}
