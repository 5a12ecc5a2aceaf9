/// An audit ran (`weightledger audit`): what it checked, what it found, and the log it saw.
public struct AuditRecorded: Codable, Equatable, Sendable {
    /// One stored location re-hashed.
    public struct LocationCheck: Codable, Equatable, Sendable {
        /// The artifact whose location it is.
        public let artifact: ArtifactDigest
        /// The location as recorded.
        public let path: String
        /// Whether the bytes there still have the recorded digest.
        public let ok: Bool
        /// What was wrong: `missing`, `changed: FILE`, `new file: FILE`, … (absent when ok).
        public let problem: String?

        /// A check with every field given.
        public init(artifact: ArtifactDigest, path: String, ok: Bool, problem: String?) {
            self.artifact = artifact
            self.path = path
            self.ok = ok
            self.problem = problem
        }
    }

    /// The evaluation date.
    public let date: LedgerDate
    /// `all`, `stale` or `none`.
    public let rehash: String
    /// `clean`, `findings` or `integrity-failure`.
    public let status: String
    /// Stopped by a signal before it finished; what was done is recorded.
    public let interrupted: Bool
    /// The log this audit verified: its size and base64 root (the next audit checks it still holds).
    public let treeSize: Int64
    /// Base64 of the tree's root at `treeSize`.
    public let rootHash: String
    /// Bytes re-hashed.
    public let checkedBytes: Int64
    /// Every location re-hashed, in the order checked.
    public let locations: [LocationCheck]
    /// Keys of the findings that needed a person (`pack/rule/code/artifact[/destination][@deployment]`), sorted.
    public let findings: [String]

    /// An audit record with every field given.
    public init(
        date: LedgerDate, rehash: String, status: String, interrupted: Bool, treeSize: Int64, rootHash: String,
        checkedBytes: Int64, locations: [LocationCheck], findings: [String]
    ) {
        self.date = date
        self.rehash = rehash
        self.status = status
        self.interrupted = interrupted
        self.treeSize = treeSize
        self.rootHash = rootHash
        self.checkedBytes = checkedBytes
        self.locations = locations
        self.findings = findings
    }
}
