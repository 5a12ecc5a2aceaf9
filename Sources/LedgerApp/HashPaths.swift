import Hashing

/// `hash PATH…`: digests without touching any ledger.
public struct HashPaths {
    public let hasher: ArtifactHasher
    public init(hasher: ArtifactHasher = ArtifactHasher()) { self.hasher = hasher }

    /// One result per path, in order; the first unreadable path stops the run.
    public func run(_ paths: [String]) throws -> [HashView] {
        try paths.map { HashView(path: $0, artifact: try hasher.hash(path: $0)) }
    }
}

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

    init(path: String, artifact: HashedArtifact) {
        self.path = path
        digest = artifact.digest.description
        form = artifact.form.rawValue
        sizeBytes = artifact.sizeBytes
        files = artifact.manifest.entries.map { File(path: $0.path, size: $0.size, sha256: $0.sha256.description) }
    }
}
