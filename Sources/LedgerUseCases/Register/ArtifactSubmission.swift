import Foundation
import Hashing
import LedgerCore
import ModelFiles

/// What registration records about the bytes themselves: hashed locally by `register`, or sent
/// by a client to the server (which never reads client paths and checks the digest against the
/// file list instead).
public struct ArtifactSubmission: Codable, Equatable, Sendable {
    /// The digest the submitter computed; `checked()` recomputes it from the files.
    public var digest: ArtifactDigest
    /// One file or a directory.
    public var form: ArtifactForm
    /// The sum of the files' sizes.
    public var sizeBytes: Int64
    /// Every file with its size and SHA-256.
    public var files: [ArtifactFile]
    /// What the safetensors or GGUF headers say, read where the bytes are.
    public var model: ModelInfo?
    /// Where the bytes are stored, as the registrant names it (an absolute path locally,
    /// `host:/path` from a client); optional over HTTP.
    public var location: String?

    /// A submission with every field given.
    public init(
        digest: ArtifactDigest, form: ArtifactForm, sizeBytes: Int64, files: [ArtifactFile], model: ModelInfo?,
        location: String?
    ) {
        self.digest = digest
        self.form = form
        self.sizeBytes = sizeBytes
        self.files = files
        self.model = model
        self.location = location
    }

    /// Hashes and inspects the file or directory at `path`.
    public static func hashing(path: String, hasher: ArtifactHasher) throws -> ArtifactSubmission {
        let hashed = try hasher.hash(path: path)
        let model = try ModelInspector.inspect(
            path: path, files: hashed.form == .directory ? hashed.manifest.entries.map(\.path) : nil)
        let files = try hashed.manifest.entries.map {
            ArtifactFile(path: $0.path, size: $0.size, sha256: try ArtifactDigest($0.sha256.description))
        }
        return ArtifactSubmission(
            digest: try ArtifactDigest(hashed.digest.description), form: hashed.form == .file ? .file : .directory,
            sizeBytes: hashed.sizeBytes, files: files, model: model,
            location: URL(fileURLWithPath: path).standardizedFileURL.path)
    }

    /// Checks that the digest is what the file list says it is (schema/manifest.md): a file's
    /// digest is its SHA-256; a directory's is the SHA-256 of its canonical manifest.
    public func checked() throws -> ArtifactSubmission {
        guard !files.isEmpty else {
            throw DomainError.invalid(field: .files, value: "[]", expected: "at least one file")
        }
        for (index, file) in files.enumerated() {
            let key = FieldKey.files.element(index)
            guard file.size >= 0 else {
                throw DomainError.invalid(
                    field: key.member("size"), value: String(file.size), expected: "a size in bytes, 0 or more")
            }
            guard Self.isSafeRelativePath(file.path) else {
                throw DomainError.invalid(
                    field: key.member("path"), value: file.path,
                    expected: "a relative path without empty, . or .. parts or control characters")
            }
        }
        guard Set(files.map(\.path)).count == files.count else {
            throw DomainError.inconsistent("\(field: .files): the same path is listed twice")
        }
        let total = files.reduce(Int64(0)) { $0.addingReportingOverflow($1.size).partialValue }
        guard total == sizeBytes else {
            throw DomainError.inconsistent(
                "\(field: .sizeBytes) \(sizeBytes) is not the sum of the files' sizes (\(total))")
        }
        let expected: ArtifactDigest
        switch form {
        case .file:
            guard files.count == 1 else {
                throw DomainError.inconsistent(
                    "form file: \(field: .files) must list exactly one file (\(files.count) given)")
            }
            expected = files[0].sha256
        case .directory:
            let manifest = Manifest(
                entries: files.map {
                    ManifestEntry(path: $0.path, size: $0.size, sha256: Digest(parsing: $0.sha256.value)!)
                })
            expected = try ArtifactDigest(try manifest.digest().description)
        }
        guard expected == digest else {
            throw DomainError.inconsistent(
                "\(field: .digest) \(digest.value) does not match the files listed (they give \(expected.value))")
        }
        if let location,
            location.isEmpty || location.utf8.count > 4096
                || location.unicodeScalars.contains(where: { $0.value < 0x20 })
        {
            throw DomainError.invalid(
                field: .location, value: location, expected: "1 to 4096 characters without control characters")
        }
        return self
    }

    /// Relative, without empty, `.` or `..` components and without control characters.
    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/")
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains {
                $0.isEmpty || $0 == "." || $0 == ".."
            }
            && !path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }
    }
}
