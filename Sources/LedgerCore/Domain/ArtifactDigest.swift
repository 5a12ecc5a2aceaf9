/// An artifact's identity: `sha256:` and 64 lowercase hex digits.
public struct ArtifactDigest: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The written form, `sha256:<hex>`.
    public let value: String

    /// Accepts `sha256:<64 hex>` or bare 64 hex digits (normalised to lowercase).
    public init(_ text: String) throws {
        let lower = text.lowercased()
        let hex = lower.hasPrefix("sha256:") ? String(lower.dropFirst(7)) : lower
        guard hex.utf8.count == 64, hex.utf8.allSatisfy(ArtifactDigest.isHexDigit) else {
            throw DomainError.invalid(field: "digest", value: text, expected: "sha256: followed by 64 hex digits")
        }
        value = "sha256:" + hex
    }

    /// The 64 hex digits without the prefix.
    public var hex: String { String(value.dropFirst(7)) }
    /// A short form for human output: the prefix and the first 12 hex digits.
    public var short: String { String(value.prefix(19)) }
    public var description: String { value }

    public static func < (lhs: ArtifactDigest, rhs: ArtifactDigest) -> Bool { lhs.value < rhs.value }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }

    public init(from decoder: Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
