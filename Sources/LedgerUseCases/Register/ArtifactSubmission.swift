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
    /// How the bytes were hashed, when not with the defaults (follow-symlinks, extra ignores):
    /// recorded with the location so `audit` re-hashes it the same way.
    public var hashing: HashingRecord?
    /// Where the bytes came from (a Hugging Face snapshot), when known.
    public var origin: ArtifactOrigin?
    /// What the model card said, and which facts came from it.
    public var card: ModelCardFacts?
    /// The OpenSSF model signature verified against these files (`register --signature`). Never
    /// read from or sent to a server: only what verified here is recorded.
    public var signature: ModelSignatureRecord?

    enum CodingKeys: String, CodingKey {
        case digest, form, sizeBytes, files, model, location, hashing, origin, card
    }

    /// A submission with every field given.
    public init(
        digest: ArtifactDigest, form: ArtifactForm, sizeBytes: Int64, files: [ArtifactFile], model: ModelInfo?,
        location: String?, hashing: HashingRecord? = nil
    ) {
        self.hashing = hashing
        self.digest = digest
        self.form = form
        self.sizeBytes = sizeBytes
        self.files = files
        self.model = model
        self.location = location
    }

    /// The files of hashed bytes as the ledger records them.
    static func files(of hashed: HashedArtifact) throws -> [ArtifactFile] {
        try hashed.manifest.entries.map {
            ArtifactFile(path: $0.path, size: $0.size, sha256: try ArtifactDigest($0.sha256.description))
        }
    }

    /// Hashes and inspects the file or directory at `path`.
    public static func hashing(path: String, hasher: ArtifactHasher) throws -> ArtifactSubmission {
        let hashed = try hasher.hash(path: path)
        let model = try ModelInspector.inspect(
            path: path, files: hashed.form == .directory ? hashed.manifest.entries.map(\.path) : nil)
        let files = try Self.files(of: hashed)
        return ArtifactSubmission(
            digest: try ArtifactDigest(hashed.digest.description), form: hashed.form == .file ? .file : .directory,
            sizeBytes: hashed.sizeBytes, files: files, model: model,
            location: URL(fileURLWithPath: path).standardizedFileURL.path,
            hashing: hashed.form == .directory
                ? HashingRecord.recording(
                    followSymlinks: hasher.options.followSymlinks,
                    ignore: hasher.options.ignore.filter { !HashOptions.defaultIgnores.contains($0) })
                : nil)
    }

    /// Checks a client's submission: every file path by the rule local hashing applies
    /// (`Manifest.validate`), sizes that add up without overflow to `sizeBytes`, no path both a
    /// file and a directory, header facts that are possible, a `HOST:/path` location, and the
    /// digest is what the file list says it is (schema/manifest.md): a file's digest is its
    /// SHA-256; a directory's is the SHA-256 of its canonical manifest.
    public func checked() throws -> ArtifactSubmission {
        guard !files.isEmpty else {
            throw DomainError.invalid(field: .files, value: "[]", expected: "at least one file")
        }
        var total: Int64 = 0
        for (index, file) in files.enumerated() {
            let key = FieldKey.files.element(index)
            guard file.size >= 0 else {
                throw DomainError.invalid(
                    field: key.member("size"), value: String(file.size), expected: "a size in bytes, 0 or more")
            }
            if let problem = Manifest.validate(relativePath: file.path) {
                throw DomainError.invalid(
                    field: key.member("path"), value: file.path,
                    expected: "a relative path as local hashing accepts it (this one \(problem))")
            }
            let (sum, overflow) = total.addingReportingOverflow(file.size)
            guard !overflow else {
                throw DomainError.invalid(
                    field: key.member("size"), value: String(file.size),
                    expected: "sizes that add up to at most \(Int64.max) bytes")
            }
            total = sum
        }
        let paths = Set(files.map(\.path))
        guard paths.count == files.count else {
            throw DomainError.inconsistent("\(field: .files): the same path is listed twice")
        }
        for file in files {
            var parent = Substring(file.path)
            while let slash = parent.lastIndex(of: "/") {
                parent = parent[..<slash]
                if paths.contains(String(parent)) {
                    throw DomainError.inconsistent(
                        "\(field: .files): \(parent) is listed as a file and as the directory of \(file.path)")
                }
            }
        }
        guard total == sizeBytes else {
            throw DomainError.inconsistent(
                "\(field: .sizeBytes) \(sizeBytes) is not the sum of the files' sizes (\(total))")
        }
        if let model { try Self.check(model, fileCount: files.count) }
        if let location { _ = try StoredLocation.submitted(location, field: .location) }
        if let origin { try Self.check(origin) }
        if let card { try Self.check(card) }
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
        return self
    }

    /// Header facts a safetensors or GGUF reader could have produced: a known format, counts of
    /// zero or more whose types add up to the parameters, type names and one-line texts.
    static func check(_ model: ModelInfo, fileCount: Int) throws {
        let key = FieldKey("model")
        guard ["safetensors", "gguf"].contains(model.format) else {
            throw DomainError.invalid(field: key.member("format"), value: model.format, expected: "safetensors or gguf")
        }
        guard model.parameters >= 0 else {
            throw DomainError.invalid(
                field: key.member("parameters"), value: String(model.parameters), expected: "0 or more")
        }
        guard model.tensors >= 0 else {
            throw DomainError.invalid(field: key.member("tensors"), value: String(model.tensors), expected: "0 or more")
        }
        guard (1...fileCount).contains(model.files) else {
            throw DomainError.invalid(
                field: key.member("files"), value: String(model.files),
                expected: "1 to \(fileCount), the files the headers were read from")
        }
        var sum: Int64 = 0
        for (dtype, count) in model.dtypes.sorted(by: { $0.key < $1.key }) {
            let dtypeKey = key.member("dtypes").member(dtype)
            guard (1...32).contains(dtype.utf8.count),
                dtype.unicodeScalars.allSatisfy({
                    ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
                        || $0 == "-"
                })
            else {
                throw DomainError.invalid(
                    field: key.member("dtypes"), value: dtype, expected: "type names of 1 to 32 letters, digits, _ or -"
                )
            }
            let (added, overflow) = sum.addingReportingOverflow(count)
            guard count >= 0, !overflow else {
                throw DomainError.invalid(field: dtypeKey, value: String(count), expected: "0 or more, adding up")
            }
            sum = added
        }
        guard sum == model.parameters else {
            throw DomainError.inconsistent(
                "\(field: key.member("dtypes")) add up to \(sum), not \(field: key.member("parameters")) "
                    + "\(model.parameters)")
        }
        _ = try FreeText.line(model.architecture, field: key.member("architecture"))
        _ = try FreeText.line(model.name, field: key.member("name"))
    }

    /// A client's origin: a Hugging Face repository name and a 40-digit commit.
    static func check(_ origin: ArtifactOrigin) throws {
        let key = FieldKey("origin")
        guard origin.hub == "huggingface" else {
            throw DomainError.invalid(field: key.member("hub"), value: origin.hub, expected: "huggingface")
        }
        guard (try? ArtifactName(origin.repository)) != nil, !origin.repository.contains(":") else {
            throw DomainError.invalid(
                field: key.member("repository"), value: String(origin.repository.prefix(80)), expected: "org/name")
        }
        guard origin.revision.count == 40, origin.revision.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw DomainError.invalid(
                field: key.member("revision"), value: String(origin.revision.prefix(80)),
                expected: "a commit of 40 lowercase hex digits")
        }
        guard origin.refs.count <= 100, origin.refs.allSatisfy({ Self.isLine($0, 200) }) else {
            throw DomainError.invalid(
                field: key.member("refs"), value: "\(origin.refs.count) refs", expected: "at most 100 one-line refs")
        }
    }

    /// A client's model card facts: short single lines, bounded lists.
    static func check(_ card: ModelCardFacts) throws {
        let texts =
            card.baseModels + card.datasets + card.used
            + [card.relation, card.license, card.pipelineTag].compactMap { $0 }
        guard card.baseModels.count <= 50, card.datasets.count <= 50, card.used.count <= 3,
            card.used.allSatisfy({ ["kind", "parents", "name"].contains($0) }),
            texts.allSatisfy({ Self.isLine($0, 200) })
        else {
            throw DomainError.invalid(
                field: FieldKey("card"), value: "\(texts.count) values",
                expected: "at most 50 base models and datasets, each one line of up to 200 characters; used: kind, "
                    + "parents, name")
        }
    }

    static func isLine(_ text: String, _ limit: Int) -> Bool {
        !text.isEmpty && text.count <= limit && !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }
    }
}
