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
        let bad = DomainError.invalid(
            field: "organisation", value: String(text.prefix(60)),
            expected: "1 to 120 characters without control or invisible formatting characters or surrounding spaces")
        guard !text.isEmpty, text.count <= 120, text.trimmingSpaces == text,
            !text.unicodeScalars.contains(where: FreeText.isHidden)
        else { throw bad }
        value = text
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
