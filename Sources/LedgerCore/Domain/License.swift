/// An authorisation on record: which artifacts it covers, to which destinations, from when to when.
public struct License: Codable, Equatable, Sendable {
    /// Who issued it (e.g. BIS).
    public let authority: String
    /// Its number at that authority.
    public let number: String
    /// The exact artifacts it covers, sorted.
    public let artifacts: [ArtifactDigest]
    /// The countries it covers, sorted.
    public let destinations: [CountryCode]
    /// First valid day (inclusive); nil: from the start.
    public let validFrom: LedgerDate?
    /// Last valid day (inclusive); nil: no end.
    public let validUntil: LedgerDate?

    /// A license with every field given.
    public init(
        authority: String, number: String, artifacts: [ArtifactDigest], destinations: [CountryCode],
        validFrom: LedgerDate?, validUntil: LedgerDate?
    ) {
        self.authority = authority
        self.number = number
        self.artifacts = artifacts
        self.destinations = destinations
        self.validFrom = validFrom
        self.validUntil = validUntil
    }

    enum CodingKeys: String, CodingKey {
        case authority, number, artifacts, destinations, validFrom, validUntil
    }

    /// `AUTHORITY/NUMBER`, how deployments refer to it.
    public var id: String { "\(authority)/\(number)" }

    /// Valid on `date`: on or after `validFrom` and on or before `validUntil`.
    public func isValid(on date: LedgerDate) -> Bool {
        (validFrom.map { $0 <= date } ?? true) && (validUntil.map { date <= $0 } ?? true)
    }

    /// Covers exactly these bytes going to this country on this day. A license names the
    /// artifacts it covers: it does not extend to copies or derivatives of them.
    public func covers(_ digest: ArtifactDigest, to destination: CountryCode, on date: LedgerDate) -> Bool {
        artifacts.contains(digest) && destinations.contains(destination) && isValid(on: date)
    }
}

/// A deployment as recorded: the facts and how many of its findings were left unresolved.
public struct DeploymentRecord: Equatable, Sendable {
    /// The `deployment.recorded` event.
    public let seq: Int64
    /// The weights deployed.
    public let digest: ArtifactDigest
    /// Where they went.
    public let destination: CountryCode
    /// Who received them, when recorded.
    public let recipient: String?
    /// Who shipped them, when recorded.
    public let exporter: OrganisationName?
    /// The day of the deployment.
    public let date: LedgerDate
    /// export, reexport, transfer or hosting.
    public let kind: String
    /// The license relied on (`AUTHORITY/NUMBER`), if any.
    public let license: String?
    /// Findings that still needed a person when it was recorded.
    public let unresolvedFindings: Int
    /// The highest severity no license resolved then, if any.
    public let worstSeverity: String?

    /// A deployment row with every field given.
    public init(
        seq: Int64, digest: ArtifactDigest, destination: CountryCode, recipient: String?,
        exporter: OrganisationName? = nil, date: LedgerDate, kind: String,
        license: String?, unresolvedFindings: Int, worstSeverity: String?
    ) {
        self.seq = seq
        self.exporter = exporter
        self.digest = digest
        self.destination = destination
        self.recipient = recipient
        self.date = date
        self.kind = kind
        self.license = license
        self.unresolvedFindings = unresolvedFindings
        self.worstSeverity = worstSeverity
    }
}
