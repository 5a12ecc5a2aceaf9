/// Weights already in the ledger were published openly on `date`: a fact that became true after
/// registration, recorded as its own dated event (registration facts are never edited).
public struct ArtifactPublished: Codable, Equatable, Sendable {
    /// The artifact published.
    public let digest: ArtifactDigest
    /// Where, and from which day: evaluations count the weights as published from that day on.
    public let publication: Publication

    /// A publication of `digest`.
    public init(digest: ArtifactDigest, publication: Publication) {
        self.digest = digest
        self.publication = publication
    }
}
