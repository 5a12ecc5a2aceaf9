/// A person reviewed a report and approved the deployment it describes (`weightledger approve`).
/// The approval is bound to the digest of the exact report they saw (`ReportDigest`): a later
/// fact, correction, licence or pack change gives another digest, and the approval no longer
/// matches (`deploy --require-approval` refuses; `review` says it was invalidated and why).
public struct ApprovalRecorded: Codable, Equatable, Sendable {
    /// A pack the report was evaluated with.
    public struct PackUsed: Codable, Equatable, Sendable {
        /// The pack's id.
        public let id: String
        /// Its version.
        public let version: String
        /// The SHA-256 of its canonical JSON (`sha256:…`).
        public let digest: String

        /// A pack reference with every field given.
        public init(id: String, version: String, digest: String) {
            self.id = id
            self.version = version
            self.digest = digest
        }
    }

    /// The artifact whose deployment is approved.
    public let digest: ArtifactDigest
    /// Where it may go.
    public let destination: CountryCode
    /// Who approved it, in their own words (a name, a role).
    public let by: String
    /// What they noted, if anything.
    public let note: String?
    /// The digest of the report they saw (`sha256:…`).
    public let reportDigest: String
    /// The evaluation date of that report.
    public let date: LedgerDate
    /// The exporter the report assumed, when one was given.
    public let exporter: OrganisationName?
    /// The packs the report was evaluated with.
    public let packs: [PackUsed]

    /// An approval with every field given.
    public init(
        digest: ArtifactDigest, destination: CountryCode, by: String, note: String?, reportDigest: String,
        date: LedgerDate, exporter: OrganisationName?, packs: [PackUsed]
    ) {
        self.digest = digest
        self.destination = destination
        self.by = by
        self.note = note
        self.reportDigest = reportDigest
        self.date = date
        self.exporter = exporter
        self.packs = packs
    }
}
