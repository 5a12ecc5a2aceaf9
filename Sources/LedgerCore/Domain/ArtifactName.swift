/// A human name for an artifact, `org/model[:tag]`: an alias, never the identity.
///
/// A name with its tag is bound to one digest for good; binding it to other bytes is refused.
public struct ArtifactName: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The repository part, `org/model` (one or more `/`-separated segments).
    public let repository: String
    /// The tag after `:`, or nil.
    public let tag: String?

    /// Parses `org/model[:tag]`.
    public init(_ text: String) throws {
        let expected = "org/model[:tag] with letters, digits, '.', '_' or '-' (a segment starts with a letter or digit)"
        // Byte by byte: every byte a name may hold is ASCII, so a name is split where its bytes are
        // (a replay decodes a name per registration; splitting by characters was a tenth of it).
        let utf8 = text.utf8
        let colon = utf8.firstIndex(of: UInt8(ascii: ":"))
        let repository = utf8[..<(colon ?? utf8.endIndex)]
        let tag = colon.map { utf8[utf8.index(after: $0)...] }
        guard !repository.isEmpty, repository.count <= 200,
            repository.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).allSatisfy(
                ArtifactName.isSegment),
            tag.map({ !$0.isEmpty && $0.count <= 128 && ArtifactName.isSegment($0) }) ?? true
        else { throw DomainError.invalid(field: "name", value: text, expected: expected) }
        self.repository = String(decoding: repository, as: UTF8.self)
        self.tag = tag.map { String(decoding: $0, as: UTF8.self) }
        // A name that reads as a digest or a digest prefix would make references ambiguous.
        guard !ArtifactReference.looksLikeDigest(self.repository) else {
            throw DomainError.invalid(field: "name", value: text, expected: "a name that does not look like a digest")
        }
    }

    /// What `text` (a name or a repository) looks like, for telling look-alike names apart: the
    /// Unicode confusables skeleton (UTS #39, confusables.txt) restricted to the letters names may
    /// hold — `I` → `l`, then lowercase, then `0` → `o`, `1` → `l`, `m` → `rn` — so `acme/mode1:v1`,
    /// `acme/model:vl` and `ACME/MODEL:V1` all share the skeleton of `acme/model:v1`. The ledger's
    /// index computes the same (`LedgerSchema` v9); the rule using it is `NameRules`.
    public static func skeleton(_ text: String) -> String {
        var out = ""
        for character in text.replacingOccurrences(of: "I", with: "l").lowercased() {
            switch character {
            case "0": out.append("o")
            case "1": out.append("l")
            case "m": out.append("rn")
            default: out.append(character)
            }
        }
        return out
    }

    /// The written form, `org/model` or `org/model:tag`.
    public var description: String { tag.map { "\(repository):\($0)" } ?? repository }

    public static func < (lhs: ArtifactName, rhs: ArtifactName) -> Bool { lhs.description < rhs.description }

    private static func isSegment(_ segment: Substring.UTF8View) -> Bool {
        guard let first = segment.first, isAlphanumeric(first) else { return false }
        return segment.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    public init(from decoder: Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
