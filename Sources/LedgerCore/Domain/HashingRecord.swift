/// How a location's bytes were hashed when it was recorded, where that differs from the rules
/// every ledger has used since 0.3.0 (symbolic links inside a directory refused; the default
/// ignores of `Hashing.HashOptions`). `audit` re-hashes a location with the options it was
/// recorded with; an event without them was hashed with the defaults.
public struct HashingRecord: Codable, Equatable, Sendable {
    /// Symbolic links inside a directory were followed (their targets hashed) rather than refused.
    public let followSymlinks: Bool
    /// Ignore patterns applied besides the defaults (fnmatch globs; a trailing `/` matches
    /// directories only), in the order given.
    public let ignore: [String]

    /// A record of the options; nil when they are the defaults (nothing needs recording).
    public static func recording(followSymlinks: Bool, ignore: [String]) -> HashingRecord? {
        followSymlinks || !ignore.isEmpty ? HashingRecord(followSymlinks: followSymlinks, ignore: ignore) : nil
    }

    init(followSymlinks: Bool, ignore: [String]) {
        self.followSymlinks = followSymlinks
        self.ignore = ignore
    }

    enum CodingKeys: String, CodingKey { case followSymlinks, ignore }

    /// Decodes a recorded (or sent) record, refusing patterns that could not have been given.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        followSymlinks = try container.decodeIfPresent(Bool.self, forKey: .followSymlinks) ?? false
        ignore = try container.decodeIfPresent([String].self, forKey: .ignore) ?? []
        guard ignore.count <= 1_000, ignore.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 1_000 }) else {
            throw DecodingError.dataCorruptedError(
                forKey: .ignore, in: container, debugDescription: "at most 1,000 non-empty patterns of 1,000 bytes")
        }
    }

    /// The options as the CLI spells them.
    public var description: String {
        ((followSymlinks ? ["--follow-symlinks"] : []) + ignore.map { "--ignore \($0)" }).joined(separator: " ")
    }
}
