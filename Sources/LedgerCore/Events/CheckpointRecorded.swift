/// A checkpoint of the log was taken: the tree of the first `size` events had `rootHash`.
/// It commits to the events before it (the checkpoint event itself is leaf `size`).
public struct CheckpointRecorded: Codable, Equatable, Sendable {
    /// The log's name in the checkpoint (the signing key's name when signed).
    public let origin: String
    /// How many events the checkpoint commits to.
    public let size: Int64
    /// Base64 of the 32-byte RFC 6962 root hash.
    public let rootHash: String
    /// The C2SP signed note, when the checkpoint was signed.
    public let signedNote: String?

    /// A checkpoint record with every field given.
    public init(origin: String, size: Int64, rootHash: String, signedNote: String?) {
        self.origin = origin
        self.size = size
        self.rootHash = rootHash
        self.signedNote = signedNote
    }
}
