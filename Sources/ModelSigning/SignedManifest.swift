import Hashing
import LedgerCore

/// The in-toto statement inside a model_signing bundle: the model's name and root digest, and the
/// SHA-256 of every file it signed (predicate `https://model_signing/signature/v1.0`, or the
/// older `https://model_signing/Digests/v0.1`, whose subjects are the files themselves).
public struct SignedManifest: Sendable, Equatable {
    /// One signed file: its path relative to the model (`.` for a model that is one file).
    public struct Resource: Sendable, Equatable {
        /// The path, `/`-separated.
        public let name: String
        /// Its SHA-256, lowercase hex.
        public let sha256: String
    }

    /// The predicate type of model_signing 1.x.
    public static let predicateV1 = "https://model_signing/signature/v1.0"
    /// The predicate type of model_signing 0.2.
    public static let predicateV01 = "https://model_signing/Digests/v0.1"
    /// The in-toto statement type.
    public static let statementType = "https://in-toto.io/Statement/v1"

    /// Which predicate the statement uses.
    public let predicateType: String
    /// The subject's name (the model folder's name when it was signed).
    public let subjectName: String
    /// The subject's SHA-256 over the resource digests (hex); nil for v0.1 statements.
    public let subjectDigest: String?
    /// Every signed file, in the statement's order.
    public let resources: [Resource]
    /// The paths the signer left out (the signature file, `.git`…), relative to the model.
    public let ignorePaths: [String]
    /// Whether the signer followed symbolic links.
    public let allowSymlinks: Bool

    /// The most files a statement may list.
    public static let maximumResources = 1_000_000
    /// The longest subject name, path or ignore path read (bytes).
    public static let maximumName = 4096

    /// Reads the statement from a DSSE payload, checking its types, every digest and, for v1.0,
    /// that the subject digest is the SHA-256 of the resource digests in the listed order.
    public init(payload: [UInt8]) throws {
        let root: JSONValue
        do { root = try JSONParser.parse(payload) } catch { throw SigningError.malformed("the statement is not JSON") }
        guard root["_type"]?.stringValue == Self.statementType else {
            throw SigningError.malformed("the payload is not an in-toto Statement v1")
        }
        predicateType = root["predicateType"]?.stringValue ?? ""
        let subjects = root["subject"]?.arrayValue ?? []
        switch predicateType {
        case Self.predicateV1:
            guard subjects.count == 1, let name = subjects[0]["name"]?.stringValue,
                let digest = subjects[0]["digest"]?["sha256"]?.stringValue, Self.isDigest(digest)
            else { throw SigningError.malformed("a v1.0 statement has exactly one subject with a SHA-256") }
            guard let predicate = root["predicate"], let serialization = predicate["serialization"] else {
                throw SigningError.malformed("no predicate serialization")
            }
            let method = serialization["method"]?.stringValue ?? ""
            guard method == "files" else {
                throw SigningError.malformed(
                    "serialization method \(SigningError.shown(method)) "
                        + "(only `files`, model_signing's default, is read)")
            }
            let hashType = serialization["hash_type"]?.stringValue ?? ""
            guard hashType == "sha256" else {
                throw SigningError.malformed("hash type \(SigningError.shown(hashType)) (only sha256 is read)")
            }
            let listed = predicate["resources"]?.arrayValue ?? []
            guard listed.count <= Self.maximumResources else { throw SigningError.malformed("too many resources") }
            resources = try listed.map { resource in
                guard resource["algorithm"]?.stringValue == "sha256", let name = resource["name"]?.stringValue,
                    let digest = resource["digest"]?.stringValue, Self.isDigest(digest)
                else { throw SigningError.malformed("a resource without a name and a SHA-256 digest") }
                return Resource(name: name, sha256: digest.lowercased())
            }
            subjectName = name
            subjectDigest = digest.lowercased()
            ignorePaths = (serialization["ignore_paths"]?.arrayValue ?? []).compactMap(\.stringValue)
            allowSymlinks = serialization["allow_symlinks"] == .bool(true)
            guard try Self.rootDigest(resources) == subjectDigest else {
                throw SigningError.notVerified(
                    "the subject digest is not the SHA-256 of the resource digests (the statement is inconsistent)")
            }
        case Self.predicateV01:
            guard subjects.count <= Self.maximumResources else { throw SigningError.malformed("too many subjects") }
            resources = try subjects.map { subject in
                guard let name = subject["name"]?.stringValue, let digest = subject["digest"]?["sha256"]?.stringValue,
                    Self.isDigest(digest)
                else { throw SigningError.malformed("a subject without a name and a SHA-256 digest") }
                return Resource(name: name, sha256: digest.lowercased())
            }
            subjectName = ""
            subjectDigest = nil
            ignorePaths = []
            allowSymlinks = false
        default:
            throw SigningError.malformed("predicate type \(SigningError.shown(predicateType)) is not model_signing's")
        }
        guard !resources.isEmpty else { throw SigningError.malformed("the statement signs no file") }
        // Names go into the ledger's events: bounded like every other recorded text.
        guard subjectName.utf8.count <= Self.maximumName, ignorePaths.count <= 1_000,
            (ignorePaths + resources.map(\.name)).allSatisfy({ !$0.isEmpty && $0.utf8.count <= Self.maximumName })
        else { throw SigningError.malformed("a name or path is empty or longer than \(Self.maximumName) bytes") }
        guard Set(resources.map(\.name)).count == resources.count else {
            throw SigningError.malformed("a file is listed twice")
        }
    }

    /// A v1.0 statement for `resources` (sorted by path as model_signing sorts them).
    init(name: String, resources: [Resource], ignorePaths: [String], allowSymlinks: Bool) throws {
        predicateType = Self.predicateV1
        subjectName = name
        self.resources = resources.sorted { Self.precedes($0.name, $1.name) }
        subjectDigest = try Self.rootDigest(self.resources)
        self.ignorePaths = ignorePaths
        self.allowSymlinks = allowSymlinks
    }

    /// The statement's JSON (canonical: sorted keys, no spaces).
    func payload() throws -> [UInt8] {
        let resourceValues: [JSONValue] = resources.map {
            .object(["algorithm": .string("sha256"), "name": .string($0.name), "digest": .string($0.sha256)])
        }
        let statement: JSONValue = .object([
            "_type": .string(Self.statementType),
            "subject": .array([
                .object(["name": .string(subjectName), "digest": .object(["sha256": .string(subjectDigest ?? "")])])
            ]),
            "predicateType": .string(predicateType),
            "predicate": .object([
                "resources": .array(resourceValues),
                "serialization": .object([
                    "method": .string("files"), "hash_type": .string("sha256"),
                    "allow_symlinks": .bool(allowSymlinks), "ignore_paths": .array(ignorePaths.map { .string($0) }),
                ]),
            ]),
        ])
        return try CanonicalJSON.bytes(of: statement)
    }

    /// SHA-256 over the 32-byte digests in order, as model_signing computes the subject digest.
    static func rootDigest(_ resources: [Resource]) throws -> String {
        let hasher = try SHA256()
        for resource in resources { try hasher.update(Hex.decode(resource.sha256) ?? []) }
        return try hasher.finish().hex
    }

    static func isDigest(_ text: String) -> Bool { text.utf8.count == 64 && text.allSatisfy(\.isHexDigit) }

    /// Code-point order, as Python sorts the paths.
    static func precedes(_ left: String, _ right: String) -> Bool {
        left.unicodeScalars.map(\.value).lexicographicallyPrecedes(right.unicodeScalars.map(\.value))
    }
}
