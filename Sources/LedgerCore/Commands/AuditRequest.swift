/// What an audit re-hashes of the stored weights.
public enum RehashMode: String, CaseIterable, Codable, Sendable {
    /// Every recorded location.
    case all
    /// Least recently checked first, within a byte budget.
    case stale
    /// None: the log and the packs only.
    case none

    /// Where an audit starts decides what it re-hashes when not told, and this is the one place
    /// that says so. From the command line (cron) it is the nightly job: `stale`. Through the
    /// server it runs inside an HTTP request, on the server's own view of the paths: `none`
    /// (docs/server.md, docs/openapi.yaml).
    public static func defaultMode(for origin: AuditRequest.Origin) -> RehashMode {
        switch origin {
        case .commandLine: return .stale
        case .server: return .none
        }
    }
}

/// An audit to run, checked: the typed command behind `audit` and `POST /api/v1/audits`.
public struct AuditRequest: Equatable, Sendable {
    /// Who starts the audit: decides the default re-hash and whether signals stop it.
    public enum Origin: Sendable, Equatable {
        /// `weightledger audit`: SIGTERM and SIGINT stop the re-hashing and record what was done.
        case commandLine
        /// `POST /api/v1/audits`: the server leaves its signals to itself.
        case server
    }

    /// Where the audit was started.
    public var origin: Origin
    /// What it re-hashes.
    public var rehash: RehashMode
    /// With `stale`: stop after about this many bytes (at least one location).
    public var maxBytes: Int64?
    /// Nil: today.
    public var date: LedgerDate?
    /// Wait for a running audit instead of refusing.
    public var wait: Bool
    /// Files hashed at once.
    public var jobs: Int
    /// New findings of rules not enforced on the date do not make the audit's status `findings` (exit 1).
    public var enforcedOnly: Bool
    /// Which remote locations (recorded by clients of the server) it may open: the operator's
    /// `--audit-roots`, never the client's.
    public var roots: AuditRoots
    /// Verify the log from the tree the last clean audit verified, not from the first event.
    public var sinceCheckpoint: Bool

    /// The audit as sent to the API. The JSON keys are the API's contract.
    public struct Draft: Codable, Equatable, Sendable {
        /// `rehash`: all, stale or none (the server's default: none).
        public var rehash: String?
        /// `maxBytes`: with stale, stop after about this many bytes.
        public var maxBytes: Int64?
        /// `on`: YYYY-MM-DD.
        public var on: String?
        /// `enforcedOnly`: gate the status on findings of enforced rules alone.
        public var enforcedOnly: Bool?
        /// `sinceCheckpoint`: verify the log from the tree the last clean audit verified.
        public var sinceCheckpoint: Bool?

        /// A draft with the fields given; nil fields were not given.
        public init(
            rehash: String? = nil, maxBytes: Int64? = nil, on: String? = nil, enforcedOnly: Bool? = nil,
            sinceCheckpoint: Bool? = nil
        ) {
            self.enforcedOnly = enforcedOnly
            self.sinceCheckpoint = sinceCheckpoint
            self.rehash = rehash
            self.maxBytes = maxBytes
            self.on = on
        }
    }

    /// Checks the fields, naming the one at fault by its key.
    public init(
        origin: Origin, rehash: RehashMode? = nil, maxBytes: Int64? = nil, on: String? = nil, wait: Bool = false,
        jobs: Int = 1, enforcedOnly: Bool = false, roots: AuditRoots = .none, sinceCheckpoint: Bool = false
    ) throws {
        self.enforcedOnly = enforcedOnly
        self.sinceCheckpoint = sinceCheckpoint
        self.roots = roots
        if let maxBytes, maxBytes < 1 { throw InputError("\(field: .maxBytes) must be positive") }
        self.origin = origin
        self.rehash = rehash ?? RehashMode.defaultMode(for: origin)
        self.maxBytes = maxBytes
        self.date = try FieldKey.on.parsing { try on.map { try LedgerDate($0) } }
        self.wait = wait
        self.jobs = max(1, jobs)
    }

    /// An audit from an API body: the server's defaults, waiting for a running audit; remote
    /// locations are opened only under the server operator's `roots`.
    public init(_ draft: Draft, roots: AuditRoots = .none) throws {
        let mode = try draft.rehash.map { text in
            guard let mode = RehashMode(rawValue: text) else {
                throw DomainError.invalid(
                    field: .rehash, value: text, expected: RehashMode.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return mode
        }
        try self.init(
            origin: .server, rehash: mode, maxBytes: draft.maxBytes, on: draft.on, wait: true,
            enforcedOnly: draft.enforcedOnly ?? false, roots: roots, sinceCheckpoint: draft.sinceCheckpoint ?? false)
    }
}
