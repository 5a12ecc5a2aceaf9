import LedgerCore

/// `publish --json`: `{digest, url, date, event}`.
public struct PublishView: Encodable, Sendable {
    let digest: ArtifactDigest
    let url: String
    let date: LedgerDate?
    let event: Int64

    /// The view of a recorded publication.
    public init(digest: ArtifactDigest, publication: Publication, event: Int64) {
        self.digest = digest
        url = publication.url
        date = publication.date
        self.event = event
    }

    /// `publish` as text.
    public static func text(_ view: PublishView) -> String {
        let day = view.date?.description ?? "an unknown day"
        return "published \(view.digest.value): \(SafeText.line(view.url)) from \(day) (event \(view.event))"
    }
}

/// `unpublish --json`: `{digest, date, reason, event}`.
public struct WithdrawalView: Encodable, Sendable {
    let digest: ArtifactDigest
    let date: LedgerDate
    let reason: String
    let event: Int64

    /// The view of a recorded withdrawal.
    public init(digest: ArtifactDigest, date: LedgerDate, reason: String, event: Int64) {
        self.digest = digest
        self.date = date
        self.reason = reason
        self.event = event
    }

    /// `unpublish` as text.
    public static func text(_ view: WithdrawalView) -> String {
        "withdrawn \(view.digest.value): closed weights again from \(view.date) (event \(view.event))"
    }
}

/// `correct --json`: `{digest, event, reason, changes: [{field, from, to}]}`.
public struct CorrectionView: Encodable, Sendable {
    let digest: ArtifactDigest
    let event: Int64
    let reason: String
    let changes: [ArtifactCorrected.Change]

    /// The view of a recorded correction.
    public init(event: ArtifactCorrected, seq: Int64) {
        digest = event.digest
        self.event = seq
        reason = event.reason
        changes = event.changes
    }

    /// `correct` as text: one line per field.
    public static func text(_ view: CorrectionView) -> String {
        var lines = ["corrected \(view.digest.value) (event \(view.event)): \(SafeText.line(view.reason))"]
        for change in view.changes { lines.append("  \(change.field): \(change.from) → \(change.to)") }
        return lines.joined(separator: "\n")
    }
}

/// An organisation as `org add/set/list --json` print it, with its facts as of a day:
/// `{name, headquarters, parent, revenue: [{year, usd}], event, asOf}`.
public struct OrganisationView: Encodable, Sendable {
    struct RevenueView: Encodable {
        let year: Int
        let usd: Double
    }
    let name: String
    let headquarters: CountryCode?
    let parent: String?
    let revenue: [RevenueView]
    let event: Int64
    let asOf: LedgerDate?

    /// The organisation's facts on `day` (nil: the latest recorded).
    public init(_ organisation: Organisation, event: Int64, on day: LedgerDate? = nil) {
        name = organisation.name.value
        headquarters = organisation.headquarters(on: day)
        parent = organisation.parent(on: day)?.value
        revenue = organisation.revenue.values.sorted { $0.year < $1.year }.map {
            RevenueView(year: $0.year, usd: $0.usd)
        }
        self.event = event
        asOf = day
    }

    enum Keys: String, CodingKey { case name, headquarters, parent, revenue, event, asOf }
    public func encode(to encoder: Encoder) throws {
        var out = encoder.container(keyedBy: Keys.self)
        try out.encode(name, forKey: .name)
        try out.encode(headquarters, forKey: .headquarters)
        try out.encode(parent, forKey: .parent)
        try out.encode(revenue, forKey: .revenue)
        try out.encode(event, forKey: .event)
        try out.encode(asOf, forKey: .asOf)
    }

    /// `NAME (HQ CC[, part of P][, revenue YEAR: N USD])`.
    public static func text(_ view: OrganisationView) -> String {
        var parts = ["headquartered in \(view.headquarters?.code ?? "?")"]
        if let parent = view.parent { parts.append("part of \(parent)") }
        for figure in view.revenue { parts.append("revenue \(figure.year): \(Format.usd(figure.usd))") }
        return "\(view.name) (\(parts.joined(separator: ", ")))"
    }
}
