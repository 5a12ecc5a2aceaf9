#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hashed artifact: a single file or a directory of files.
public struct HashedArtifact: Sendable {
    /// Whether the artifact is one file or a directory.
    public enum Form: String, Sendable { case file, directory }

    public let form: Form
    /// File: SHA-256 of its bytes. Directory: SHA-256 of the canonical manifest.
    public let digest: Digest
    /// Every file with its digest; for a single file, one entry named after the file.
    public let manifest: Manifest
    /// Total bytes hashed.
    public var sizeBytes: Int64 { manifest.totalSize }
}

/// Hashes a path given by the user into an artifact digest.
///
/// The path itself is followed if it is a symlink (the user named it); symlinks found
/// inside a directory are refused unless `followSymlinks` is set.
public struct ArtifactHasher: Sendable {
    public var options: HashOptions
    public var fileHasher: FileHasher

    public init(options: HashOptions = HashOptions(), fileHasher: FileHasher = FileHasher()) {
        self.options = options
        self.fileHasher = fileHasher
    }

    /// Hashes the file or directory at `path`.
    public func hash(path: String) throws -> HashedArtifact {
        var info = stat()
        guard stat(path, &info) == 0 else { throw HashingError.fromErrno(errno, path: path) }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            let (digest, size) = try fileHasher.hash(path: path)
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let entry = ManifestEntry(path: name, size: size, sha256: digest)
            return HashedArtifact(form: .file, digest: digest, manifest: Manifest(entries: [entry]))
        case S_IFDIR:
            let files = try DirectoryWalker(options: options).regularFiles(below: path)
            guard !files.isEmpty else { throw HashingError.emptyDirectory(path: path) }
            var entries: [ManifestEntry] = []
            entries.reserveCapacity(files.count)
            for relative in files {
                let (digest, size) = try fileHasher.hash(path: path + "/" + relative)
                entries.append(ManifestEntry(path: relative, size: size, sha256: digest))
            }
            let manifest = Manifest(entries: entries)
            return HashedArtifact(form: .directory, digest: try manifest.digest(), manifest: manifest)
        default:
            throw HashingError.notRegularFile(path: path)
        }
    }
}
