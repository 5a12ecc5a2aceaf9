/// An audit ran (`weightledger audit`): what it checked, what it found, and the log it saw.
public struct AuditRecorded: Codable, Equatable, Sendable {
    /// One stored location re-hashed.
    public struct LocationCheck: Codable, Equatable, Sendable {
        /// The artifact whose location it is.
        public let artifact: ArtifactDigest
        /// The location as recorded.
        public let path: String
        /// Whether the bytes there still have the recorded digest.
        public let ok: Bool
        /// What was wrong: `missing`, `changed: FILE`, `new file: FILE`, … (absent when ok).
        public let problem: String?

        /// A check with every field given.
        public init(artifact: ArtifactDigest, path: String, ok: Bool, problem: String?) {
            self.artifact = artifact
            self.path = path
            self.ok = ok
            self.problem = problem
        }
    }

    /// The evaluation date.
    public let date: LedgerDate
    /// `all`, `stale` or `none`.
    public let rehash: String
    /// `clean`, `findings` or `integrity-failure`.
    public let status: String
    /// Stopped by a signal before it finished; what was done is recorded.
    public let interrupted: Bool
    /// The log this audit verified: its size and base64 root (the next audit checks it still holds).
    public let treeSize: Int64
    /// Base64 of the tree's root at `treeSize`.
    public let rootHash: String
    /// Bytes re-hashed.
    public let checkedBytes: Int64
    /// Every location re-hashed, in the order checked.
    public let locations: [LocationCheck]
    /// Event format of 0.3.0 until 2026-12: the keys of every finding that needed a person
    /// (`pack/rule/code/artifact[/destination@deployment]`), sorted. Audits now record what changed
    /// (`newFindings`, `resolvedFindings`); this is read from older events, never written.
    public let findings: FindingKeys?
    /// Keys of the findings that need a person and the previous audit did not report, sorted.
    public let newFindings: FindingKeys?
    /// Keys of the findings the previous audit reported that no longer apply, sorted.
    public let resolvedFindings: FindingKeys?
    /// How many findings need a person after this audit (the previous ones, less the resolved,
    /// plus the new).
    public let openFindings: Int64?

    /// An audit record of the current format: what changed since the previous audit.
    public init(
        date: LedgerDate, rehash: String, status: String, interrupted: Bool, treeSize: Int64, rootHash: String,
        checkedBytes: Int64, locations: [LocationCheck], newFindings: [String], resolvedFindings: [String],
        openFindings: Int64
    ) {
        self.init(
            date: date, rehash: rehash, status: status, interrupted: interrupted, treeSize: treeSize,
            rootHash: rootHash, checkedBytes: checkedBytes, locations: locations,
            findings: (nil, FindingKeys(newFindings), FindingKeys(resolvedFindings), openFindings))
    }

    /// An audit record of the earlier format, listing every open finding's key (tests of ledgers
    /// written before audits recorded changes).
    public init(
        date: LedgerDate, rehash: String, status: String, interrupted: Bool, treeSize: Int64, rootHash: String,
        checkedBytes: Int64, locations: [LocationCheck], findings: [String]
    ) {
        self.init(
            date: date, rehash: rehash, status: status, interrupted: interrupted, treeSize: treeSize,
            rootHash: rootHash, checkedBytes: checkedBytes, locations: locations,
            findings: (FindingKeys(findings), nil, nil, nil))
    }

    private init(
        date: LedgerDate, rehash: String, status: String, interrupted: Bool, treeSize: Int64, rootHash: String,
        checkedBytes: Int64, locations: [LocationCheck],
        findings: (all: FindingKeys?, new: FindingKeys?, resolved: FindingKeys?, open: Int64?)
    ) {
        self.date = date
        self.rehash = rehash
        self.status = status
        self.interrupted = interrupted
        self.treeSize = treeSize
        self.rootHash = rootHash
        self.checkedBytes = checkedBytes
        self.locations = locations
        self.findings = findings.all
        self.newFindings = findings.new
        self.resolvedFindings = findings.resolved
        self.openFindings = findings.open
    }

    private enum CodingKeys: String, CodingKey {
        case date, rehash, status, interrupted, treeSize, rootHash, checkedBytes, locations, findings, newFindings
        case resolvedFindings, openFindings
    }

    /// Decodes either format, and refuses a record that mixes them or lacks part of the current one.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        date = try container.decode(LedgerDate.self, forKey: .date)
        rehash = try container.decode(String.self, forKey: .rehash)
        status = try container.decode(String.self, forKey: .status)
        interrupted = try container.decode(Bool.self, forKey: .interrupted)
        treeSize = try container.decode(Int64.self, forKey: .treeSize)
        rootHash = try container.decode(String.self, forKey: .rootHash)
        checkedBytes = try container.decode(Int64.self, forKey: .checkedBytes)
        locations = try container.decode([LocationCheck].self, forKey: .locations)
        findings = try container.decodeIfPresent(FindingKeys.self, forKey: .findings)
        newFindings = try container.decodeIfPresent(FindingKeys.self, forKey: .newFindings)
        resolvedFindings = try container.decodeIfPresent(FindingKeys.self, forKey: .resolvedFindings)
        openFindings = try container.decodeIfPresent(Int64.self, forKey: .openFindings)
        let changes = [newFindings == nil, resolvedFindings == nil, openFindings == nil]
        guard findings == nil ? changes == [false, false, false] : changes == [true, true, true],
            (openFindings ?? 0) >= 0
        else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: [],
                    debugDescription: "an audit records either findings or newFindings, resolvedFindings and "
                        + "openFindings"))
        }
    }
}

extension AuditRecorded {
    /// What the next audit and `verify --since-checkpoint` read of an audit: its verdict and the
    /// tree it verified, decoded without the keys it lists (the first audit of a large ledger
    /// names every open finding).
    public struct Standing: Decodable, Equatable, Sendable {
        /// `clean`, `findings` or `integrity-failure`.
        public let status: String
        /// The log size it verified.
        public let treeSize: Int64
        /// Base64 of the tree's root at `treeSize`.
        public let rootHash: String

        /// The standing a stored event records; nil when it is not an audit.
        public static func decode(type: String, payload: String) throws -> Standing? {
            guard type == "audit.completed" else { return nil }
            return try PayloadDecoder.decode(Standing.self, fromText: payload)
        }
    }
}
