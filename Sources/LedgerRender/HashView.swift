import Hashing

/// `{path, digest, form, sizeBytes, files}` for `hash --json`.
public struct HashView: Encodable, Sendable {
    let path: String
    let digest: String
    let form: String
    let sizeBytes: Int64
    let files: [File]

    /// One file of a directory: `{path, size, sha256}`.
    public struct File: Encodable, Sendable {
        let path: String
        let size: Int64
        let sha256: String
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

/// `hash` as text: `DIGEST  PATH`, and for a directory each file's `SHA256  SIZE  PATH` below it.
public enum HashText {
    /// One block per hashed path, in order.
    public static func render(_ views: [HashView]) -> String {
        var lines: [String] = []
        for view in views {
            lines.append("\(view.digest)  \(view.path)")
            if view.form == "directory" {
                lines += view.files.map { "  \($0.sha256)  \($0.size)  \($0.path)" }
            }
        }
        return lines.joined(separator: "\n")
    }
}
