import Hashing

/// `{path, digest, form, sizeBytes, files}` for `hash --json`.
public struct HashView: Encodable, Sendable {
    public let path: String
    public let digest: String
    public let form: String
    public let sizeBytes: Int64
    public let files: [File]

    public struct File: Encodable, Sendable {
        public let path: String
        public let size: Int64
        public let sha256: String
    }

    /// The view of one hashed path.
    public init(path: String, artifact: HashedArtifact) {
        self.path = path
        digest = artifact.digest.description
        form = artifact.form.rawValue
        sizeBytes = artifact.sizeBytes
        files = artifact.manifest.entries.map { File(path: $0.path, size: $0.size, sha256: $0.sha256.description) }
    }
}
