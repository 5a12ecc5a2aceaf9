/// An artifact's identity: `sha256:` and 64 lowercase hex digits.
public struct ArtifactDigest: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The written form, `sha256:<hex>`.
    public let value: String
    /// The first 64 bits of the digest: hashing uses it instead of the 71-character string, which
    /// makes the lineage and policy walks over large ledgers markedly faster.
    private let prefixBits: UInt64

    public static func == (lhs: ArtifactDigest, rhs: ArtifactDigest) -> Bool {
        lhs.prefixBits == rhs.prefixBits && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(prefixBits)
    }

    /// Accepts `sha256:<64 hex>` or bare 64 hex digits (normalised to lowercase).
    public init(_ text: String) throws {
        // Fast path: already canonical, as every digest read back from a ledger is.
        if let bits = text.utf8.withContiguousStorageIfAvailable(Self.canonicalBits), let bits {
            value = text
            prefixBits = bits
            return
        }
        let lower = text.lowercased()
        let hex = lower.hasPrefix("sha256:") ? String(lower.dropFirst(7)) : lower
        guard hex.utf8.count == 64, hex.utf8.allSatisfy(ArtifactDigest.isHexDigit) else {
            throw DomainError.invalid(field: "digest", value: text, expected: "sha256: followed by 64 hex digits")
        }
        // Canonical now: taken by the first path.
        self = try ArtifactDigest("sha256:" + hex)
    }

    /// A digest already in its canonical form (`sha256:` and 64 lowercase hex digits), as every
    /// digest read back from a ledger is; nil for any other text (which `init(_:)` may still
    /// accept, normalised).
    init?(canonical utf8: UnsafeBufferPointer<UInt8>) {
        guard let bits = Self.canonicalBits(utf8) else { return nil }
        value = String(decoding: utf8, as: UTF8.self)
        prefixBits = bits
    }

    /// The first 64 bits of a canonical digest's text, or nil when the text is not canonical.
    private static func canonicalBits(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard utf8.count == 71, utf8[0] == UInt8(ascii: "s"), utf8[1] == UInt8(ascii: "h"),
            utf8[2] == UInt8(ascii: "a"), utf8[3] == UInt8(ascii: "2"), utf8[4] == UInt8(ascii: "5"),
            utf8[5] == UInt8(ascii: "6"), utf8[6] == UInt8(ascii: ":")
        else { return nil }
        var bits: UInt64 = 0
        for index in 7..<71 {
            let byte = utf8[index]
            guard isHexDigit(byte) else { return nil }
            if index < 23 {
                bits =
                    bits << 4
                    | UInt64(byte <= UInt8(ascii: "9") ? byte - UInt8(ascii: "0") : byte - UInt8(ascii: "a") + 10)
            }
        }
        return bits
    }

    /// The 64 hex digits without the prefix.
    public var hex: String { String(value.dropFirst(7)) }
    /// A short form for human output: the prefix and the first 12 hex digits.
    public var short: String { String(value.prefix(19)) }
    public var description: String { value }

    public static func < (lhs: ArtifactDigest, rhs: ArtifactDigest) -> Bool { lhs.value < rhs.value }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }

    public init(from decoder: Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
