/// The name of an organisation as the ledger records it: `Acme Labs Inc.`, `openlab`.
///
/// Printed in reports and pages, so it holds no control characters (terminal escapes, NUL), no
/// invisible formatting characters (right-to-left overrides) and no leading or trailing spaces;
/// names compare exactly.
public struct OrganisationName: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The name as given.
    public let value: String

    /// Accepts 1 to 120 characters, none of them control or formatting characters, without surrounding spaces.
    public init(_ text: String) throws {
        guard !text.isEmpty,
            Self.isPlainASCII(text)
                || (text.count <= 120 && text.trimmingSpaces == text
                    && !text.unicodeScalars.contains(where: FreeText.isHidden))
        else {
            throw DomainError.invalid(
                field: "organisation", value: String(text.prefix(60)),
                expected: "1 to 120 characters without control or invisible formatting characters or surrounding spaces"
            )
        }
        value = text
    }

    /// 1 to 120 printable ASCII characters, neither first nor last a space: what nearly every name
    /// is, accepted without the per-character checks above (a replay decodes a developer per
    /// registration).
    private static func isPlainASCII(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last, utf8.count <= 120, first != 0x20, last != 0x20 else {
            return false
        }
        return utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    public var description: String { value }
    public static func < (lhs: OrganisationName, rhs: OrganisationName) -> Bool { lhs.value < rhs.value }

    public init(from decoder: Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (no Foundation needed).
    var trimmingSpaces: String {
        let blank: Set<Character> = [" ", "\t", "\n", "\r"]
        guard let first = firstIndex(where: { !blank.contains($0) }),
            let last = lastIndex(where: { !blank.contains($0) })
        else { return "" }
        return String(self[first...last])
    }
}
