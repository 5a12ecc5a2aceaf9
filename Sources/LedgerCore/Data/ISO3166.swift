/// The ISO 3166-1 alpha-2 list, shipped as data (see ISO3166Table.swift and scripts/gen-countries.py).
public enum ISO3166 {
    /// Code → English short name, for every officially assigned code.
    public static let names: [String: String] = {
        var out: [String: String] = [:]
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: "\t", maxSplits: 1)
            out[String(fields[0])] = String(fields[1])
        }
        return out
    }()
}

/// A country as an ISO 3166-1 alpha-2 code, checked against the full list.
public struct CountryCode: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// Two uppercase letters, e.g. `US`.
    public let code: String

    /// Accepts a code in either case; throws when it is not an assigned ISO 3166-1 alpha-2 code.
    public init(_ text: String) throws {
        let upper = text.uppercased()
        guard ISO3166.names[upper] != nil else {
            throw DomainError.invalid(
                field: "country", value: text, expected: "an ISO 3166-1 alpha-2 code such as US, DE or SG")
        }
        code = upper
    }

    /// The English short name.
    public var name: String { ISO3166.names[code] ?? code }
    public var description: String { code }

    public static func < (lhs: CountryCode, rhs: CountryCode) -> Bool { lhs.code < rhs.code }

    public init(from decoder: Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
