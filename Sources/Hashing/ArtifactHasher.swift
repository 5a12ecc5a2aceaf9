import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hashed artifact: a single file or a directory of files.
public struct HashedArtifact: Sendable {
    /// Whether the artifact is one file or a directory.
    public enum Form: String, Sendable { case file, directory }

    /// One file or a directory.
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
///
/// Speed: the files of a directory are hashed in parallel by `jobs` workers (largest first, so
/// the last to finish is small), each with its own reused buffer; a single large file is read on
/// a second thread while the first hashes. Memory: `jobs` × chunk size, plus three chunks.
public struct ArtifactHasher: Sendable {
    /// Which files of a directory count (ignores, symbolic links).
    public var options: HashOptions
    /// Hashes each file: chunk size, overlapped reads, progress.
    public var fileHasher: FileHasher
    /// Files hashed at once (default: the cores this process may use).
    public var jobs: Int
    /// Counts bytes as they are hashed, for a progress line; nil for none.
    public var progress: HashProgress?

    /// A hasher with `jobs` files at once and an optional progress counter.
    public init(
        options: HashOptions = HashOptions(), fileHasher: FileHasher = FileHasher(),
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount, progress: HashProgress? = nil
    ) {
        self.options = options
        self.fileHasher = fileHasher
        self.jobs = max(1, jobs)
        self.progress = progress
    }

    /// Hashes the file or directory at `path`.
    public func hash(path: String) throws -> HashedArtifact {
        var info = stat()
        guard stat(path, &info) == 0 else { throw HashingError.fromErrno(errno, path: path) }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            progress?.expect(Int64(info.st_size))
            let (digest, size) = try fileHasher.hash(path: path, overlap: jobs > 1, progress: progress)
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let entry = ManifestEntry(path: name, size: size, sha256: digest)
            return HashedArtifact(form: .file, digest: digest, manifest: Manifest(entries: [entry]))
        case S_IFDIR:
            let files = try DirectoryWalker(options: options).regularFiles(below: path)
            guard !files.isEmpty else { throw HashingError.emptyDirectory(path: path) }
            let entries = try hashInParallel(files.map { (relative: $0, absolute: path + "/" + $0) })
            let manifest = Manifest(entries: entries)
            return HashedArtifact(form: .directory, digest: try manifest.digest(), manifest: manifest)
        default:
            throw HashingError.notRegularFile(path: path)
        }
    }

    /// Hashes every file with `jobs` workers; the entries come back in the order given.
    func hashInParallel(_ files: [(relative: String, absolute: String)]) throws -> [ManifestEntry] {
        // Largest first: sizes from stat (a file that changes before it is hashed is caught there).
        var sizes = [Int64](repeating: 0, count: files.count)
        for (index, file) in files.enumerated() {
            var info = stat()
            if stat(file.absolute, &info) == 0 { sizes[index] = Int64(info.st_size) }
        }
        progress?.expect(sizes.reduce(0, +))
        let order = sizes.indices.sorted { sizes[$0] > sizes[$1] }
        let workers = min(jobs, files.count)
        let results = ParallelResults(count: files.count)
        let (fileHasher, progress) = (self.fileHasher, self.progress)
        // A lone large file gets the overlapped reader when there are spare cores.
        let overlap = workers == 1 && jobs > 1
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let buffers = HashBuffers(count: overlap ? 3 : 1, size: fileHasher.chunkSize)
            defer { buffers.deallocate() }
            while let next = results.claim() {
                let index = order[next]
                do {
                    let (digest, size) = try fileHasher.hash(
                        path: files[index].absolute, buffers: buffers, overlap: overlap, progress: progress)
                    results.store(index, ManifestEntry(path: files[index].relative, size: size, sha256: digest))
                } catch {
                    results.fail(error)
                }
            }
        }
        return try results.entries()
    }
}

/// Work handed out to workers one file at a time, and what they found.
private final class ParallelResults: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var slots: [ManifestEntry?]
    private var firstError: Error?

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// The next position in the work order, or nil when all are claimed or one failed.
    func claim() -> Int? {
        lock.withLock {
            guard firstError == nil, nextIndex < slots.count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    func store(_ index: Int, _ entry: ManifestEntry) { lock.withLock { slots[index] = entry } }

    func fail(_ error: Error) { lock.withLock { if firstError == nil { firstError = error } } }

    func entries() throws -> [ManifestEntry] {
        try lock.withLock {
            if let firstError { throw firstError }
            return slots.map { $0! }
        }
    }
}
