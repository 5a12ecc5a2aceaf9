import Hashing
import LedgerCore

/// `hash PATH…`: digests without touching any ledger.
public struct HashPaths {
    /// Hashes the bytes (jobs, ignores, progress).
    public let hasher: ArtifactHasher
    /// Hashes with `hasher`.
    public init(hasher: ArtifactHasher = ArtifactHasher()) { self.hasher = hasher }

    /// One result per path, in order; the first unreadable path stops the run.
    public func run(_ paths: [String]) throws -> [(path: String, artifact: HashedArtifact)] {
        try paths.map { ($0, try hasher.hash(path: $0)) }
    }
}
