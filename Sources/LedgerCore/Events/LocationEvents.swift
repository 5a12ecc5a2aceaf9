/// A recorded location no longer holds the artifact's bytes (`weightledger location remove`):
/// audits stop re-hashing it. The location stays in the log; the event says why it went.
public struct LocationRemoved: Codable, Equatable, Sendable {
    /// The artifact whose location it was.
    public let digest: ArtifactDigest
    /// The location as recorded.
    public let path: String
    /// Why it went.
    public let reason: String

    /// The removal of `path` from `digest`'s locations.
    public init(digest: ArtifactDigest, path: String, reason: String) {
        self.digest = digest
        self.path = path
        self.reason = reason
    }
}

/// The artifact's bytes moved from one recorded location to another (`weightledger location
/// move`): audits re-hash the new one from then on.
public struct LocationMoved: Codable, Equatable, Sendable {
    /// The artifact whose bytes moved.
    public let digest: ArtifactDigest
    /// The location as recorded before.
    public let from: String
    /// Where the bytes are now.
    public let to: String
    /// Why they moved.
    public let reason: String
    /// How the location is hashed (those of the location it replaces), when not the defaults.
    public let hashing: HashingRecord?

    /// A move of `digest`'s bytes from `from` to `to`.
    public init(digest: ArtifactDigest, from: String, to: String, reason: String, hashing: HashingRecord? = nil) {
        self.hashing = hashing
        self.digest = digest
        self.from = from
        self.to = to
        self.reason = reason
    }
}
