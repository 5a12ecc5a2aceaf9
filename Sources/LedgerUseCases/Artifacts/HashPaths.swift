import Hashing
import LedgerCore

/// `hash PATH…`: digests without touching any ledger.
public struct HashPaths {
    /// Hashes the bytes (jobs, ignores, progress).
    public let hasher: ArtifactHasher
    /// Hashes with `hasher`.
    public init(hasher: ArtifactHasher = ArtifactHasher()) { self.hasher = hasher }

    /// One result per path, in order; the first unreadable path stops the run. Each path is hashed
    /// as `register` would hash it (`Signatures.options`: model_signing bundles at a folder's top left
    /// out, a Hugging Face cache snapshot's links followed), so the digests are the ones it records.
    public func run(_ paths: [String]) throws -> [(path: String, artifact: HashedArtifact)] {
        try paths.map { path in
            var hasher = hasher
            hasher.options = Signatures.options(for: path, bundlePath: nil, base: hasher.options)
            return (path, try hasher.hash(path: path))
        }
    }
}
