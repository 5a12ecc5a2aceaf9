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
        return "published \(view.digest.value): \(view.url) from \(day) (event \(view.event))"
    }
}
