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
    /// Parents outside the ledger, known by name only (a model card's `base_model` that no artifact
    /// here matches): their bytes and compute are unknown, and lineage counts that compute as
    /// unknown, never as zero. Nil when there are none (the key is then absent from the event).
    public let externalParents: [String]?

    /// The external parents' names, none when there are none.
    public var externals: [String] { externalParents ?? [] }

    /// Validates the record as a whole: parent count against kind, no duplicate parents, dates in order.
    public init(
        kind: TrainingKind, parents: [ArtifactDigest], trainedIn: CountryCode?, site: String?,
        compute: Compute, published: Publication?, started: LedgerDate?, finished: LedgerDate?,
        developer: OrganisationName? = nil, externalParents: [String] = []
    ) throws {
        try kind.validate(parentCount: parents.count + externalParents.count)
        guard Set(parents).count == parents.count, Set(externalParents).count == externalParents.count else {
            throw DomainError.inconsistent("the same \(field: .parents) is given twice")
        }
        for name in externalParents { try ExternalParent.check(name) }
        if let started, let finished, finished < started {
            throw DomainError.inconsistent("\(field: .finished) \(finished) is before \(field: .started) \(started)")
        }
        self.init(
            decodedKind: kind, parents: parents, trainedIn: trainedIn, site: site, compute: compute,
            published: published, started: started, finished: finished, developer: developer,
            externalParents: externalParents.isEmpty ? nil : externalParents)
    }

    /// The fields as given, without the checks of a new record: as `init(from:)` sets them from a
    /// recorded event (`ArtifactRegistered.direct` reads them the same way).
    init(
        decodedKind kind: TrainingKind, parents: [ArtifactDigest], trainedIn: CountryCode?, site: String?,
        compute: Compute, published: Publication?, started: LedgerDate?, finished: LedgerDate?,
        developer: OrganisationName?, externalParents: [String]?
    ) {
        self.kind = kind
        self.parents = parents
        self.trainedIn = trainedIn
        self.site = site
        self.compute = compute
        self.published = published
        self.started = started
        self.finished = finished
        self.developer = developer
        self.externalParents = externalParents
    }
}

/// The rule for the name of a parent outside the ledger.
public enum ExternalParent {
    /// The longest name kept.
    public static let maximumLength = 200

    /// How every output names one: `org/name (outside the ledger)`.
    public static func label(_ name: String) -> String { "\(name) (outside the ledger)" }

    /// Refuses a name that is blank, longer than 200 characters, or not one line of visible text.
    public static func check(_ name: String) throws {
        guard try FreeText.line(name, field: .parents, limit: maximumLength) == name else {
            throw DomainError.invalid(
                field: .parents, value: name, expected: "the name of a base model outside the ledger, trimmed")
        }
    }
}
