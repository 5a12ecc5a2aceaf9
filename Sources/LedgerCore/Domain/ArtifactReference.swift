/// What a user typed to point at an artifact: a digest, a unique hex prefix, a name, or the
/// alias of a Hugging Face snapshot it was registered from (`hf:org/name[@commit-or-ref]`).
public enum ArtifactReference: Equatable, Sendable, CustomStringConvertible {
    /// A full digest.
    case digest(ArtifactDigest)
    /// 12 to 63 hex digits, optionally after `sha256:`; must match exactly one artifact.
    case digestPrefix(String)
    /// `org/model[:tag]`.
    case name(ArtifactName)
    /// `hf:org/name[@revision]`: the artifact registered from a snapshot of that hub repository
    /// (at that commit, or the commit a recorded ref such as `main` pointed at).
    case hubAlias(repository: String, revision: String?)

    /// The fewest hex digits accepted as a prefix: fewer would collide too easily.
    public static let minimumPrefixLength = 12

    /// Classifies a reference; throws when it is none of the three forms.
    public init(_ text: String) throws {
        if text.hasPrefix("hf:") {
            let rest = text.dropFirst(3).split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
            let repository = String(rest[0])
            let revision = rest.count > 1 ? String(rest[1]) : nil
            guard let name = try? ArtifactName(repository), name.tag == nil, repository.contains("/"),
                revision.map({ !$0.isEmpty && $0.count <= 200 && !$0.contains(where: { $0.isWhitespace }) }) ?? true
            else {
                throw DomainError.invalid(
                    field: "reference", value: text, expected: "hf:org/name or hf:org/name@commit (or @ref)")
            }
            self = .hubAlias(repository: repository, revision: revision)
            return
        }
        let lower = text.lowercased()
        let hex = lower.hasPrefix("sha256:") ? String(lower.dropFirst(7)) : lower
        let allHex = !hex.isEmpty && hex.utf8.allSatisfy(ArtifactDigest.isHexDigit)
        if allHex && hex.utf8.count == 64 {
            self = .digest(try ArtifactDigest(hex))
        } else if allHex && hex.utf8.count >= ArtifactReference.minimumPrefixLength && hex.utf8.count < 64 {
            self = .digestPrefix(hex)
        } else if lower.hasPrefix("sha256:") || (allHex && hex.utf8.count > 64) {
            throw DomainError.invalid(field: "reference", value: text, expected: "sha256: and 12 to 64 hex digits")
        } else {
            do {
                self = .name(try ArtifactName(text))
            } catch {
                throw DomainError.invalid(
                    field: "reference", value: text,
                    expected: "a digest (sha256:…), a hex prefix of 12 or more digits, or a name org/model[:tag]")
            }
        }
    }

    /// True when text would be read as a digest or a digest prefix rather than a name.
    static func looksLikeDigest(_ text: String) -> Bool {
        let lower = text.lowercased()
        if lower.hasPrefix("sha256") { return true }
        return lower.utf8.count >= minimumPrefixLength && lower.utf8.allSatisfy(ArtifactDigest.isHexDigit)
    }

    public var description: String {
        switch self {
        case .digest(let digest): return digest.value
        case .digestPrefix(let prefix): return prefix
        case .name(let name): return name.description
        case .hubAlias(let repository, let revision): return "hf:\(repository)" + (revision.map { "@\($0)" } ?? "")
        }
    }
}
