/// Where an artifact's weights were published openly.
public struct Publication: Codable, Equatable, Sendable {
    /// An http(s) URL with a host.
    public let url: String
    /// The day of publication; nil when not known.
    public let date: LedgerDate?

    /// Accepts an http(s) URL with a host.
    public init(url: String, date: LedgerDate?) throws {
        let lower = url.lowercased()
        let rest =
            lower.hasPrefix("https://") ? lower.dropFirst(8) : lower.hasPrefix("http://") ? lower.dropFirst(7) : nil
        guard let rest, let host = rest.split(separator: "/").first, !host.isEmpty, !url.contains(where: \.isWhitespace)
        else {
            throw DomainError.invalid(field: .published, value: url, expected: "an http:// or https:// URL")
        }
        self.url = url
        self.date = date
    }
}

/// How an artifact came to be: its kind, parents, place, compute, publication and dates.
public struct TrainingRecord: Codable, Equatable, Sendable {
    /// How it was made from its parents.
    public let kind: TrainingKind
    /// The artifacts it was made from, in the order given.
    public let parents: [ArtifactDigest]
    /// The country it was trained in; nil when not known.
    public let trainedIn: CountryCode?
    /// Where in that country, free text.
    public let site: String?
    /// This step's own training compute (unknown is not zero).
    public let compute: Compute
    /// Open publication, if any.
    public let published: Publication?
    /// The day training started.
    public let started: LedgerDate?
    /// The day training finished.
    public let finished: LedgerDate?
    /// The organisation that made this step (trained, tuned, merged or converted it); nil when not recorded.
    public let developer: OrganisationName?

    /// Validates the record as a whole: parent count against kind, no duplicate parents, dates in order.
    public init(
        kind: TrainingKind, parents: [ArtifactDigest], trainedIn: CountryCode?, site: String?,
        compute: Compute, published: Publication?, started: LedgerDate?, finished: LedgerDate?,
        developer: OrganisationName? = nil
    ) throws {
        try kind.validate(parentCount: parents.count)
        guard Set(parents).count == parents.count else {
            throw DomainError.inconsistent("the same \(field: .parents) is given twice")
        }
        if let started, let finished, finished < started {
            throw DomainError.inconsistent("\(field: .finished) \(finished) is before \(field: .started) \(started)")
        }
        self.kind = kind
        self.parents = parents
        self.trainedIn = trainedIn
        self.site = site
        self.compute = compute
        self.published = published
        self.started = started
        self.finished = finished
        self.developer = developer
    }
}
