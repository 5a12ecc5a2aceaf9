import LedgerCore

/// A pack refused at load: which file, where in it (a JSON path), and what was expected.
public struct PolicyPackError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file (or `built-in:ID`) the pack came from.
    public let source: String
    /// JSON path of the offending value, e.g. `$.rules[2].when.compute.op`.
    public let path: String
    /// What would have been accepted.
    public let expected: String

    public var description: String { "policy pack \(source): at \(path): expected \(expected)" }
}

/// A JSON value with its path, for reading a pack with precise errors.
struct PackCursor {
    let value: JSONValue
    let path: String
    let source: String

    func fail(_ expected: String) -> PolicyPackError { PolicyPackError(source: source, path: path, expected: expected) }

    func child(_ key: String) -> PackCursor? {
        guard case .object(let members) = value, let inner = members[key] else { return nil }
        return PackCursor(value: inner, path: "\(path).\(key)", source: source)
    }

    func required(_ key: String) throws -> PackCursor {
        guard case .object = value else { throw fail("an object") }
        guard let inner = child(key) else {
            throw PolicyPackError(source: source, path: "\(path).\(key)", expected: "a value (missing)")
        }
        return inner
    }

    func string() throws -> String {
        guard case .string(let text) = value, !text.isEmpty else { throw fail("a non-empty string") }
        return text
    }

    func number() throws -> Double {
        guard case .number(let number) = value else { throw fail("a number") }
        return number
    }

    func bool() throws -> Bool {
        guard case .bool(let flag) = value else { throw fail("true or false") }
        return flag
    }

    func array() throws -> [PackCursor] {
        guard case .array(let elements) = value else { throw fail("an array") }
        return elements.enumerated().map { PackCursor(value: $1, path: "\(path)[\($0)]", source: source) }
    }

    /// Members of an object, sorted by key so errors come out in a stable order.
    func members() throws -> [(String, PackCursor)] {
        guard case .object(let members) = value else { throw fail("an object") }
        return members.keys.sorted().map {
            ($0, PackCursor(value: members[$0]!, path: "\(path).\($0)", source: source))
        }
    }

    /// Refuses keys outside `allowed`: a misspelt key must not silently drop a rule's meaning.
    func onlyKeys(_ allowed: Set<String>) throws {
        for (key, _) in try members() where !allowed.contains(key) {
            throw PolicyPackError(
                source: source, path: "\(path).\(key)",
                expected: "one of the keys " + allowed.sorted().joined(separator: ", "))
        }
    }

    func optionalString(_ key: String) throws -> String? { try child(key).map { try $0.string() } }

    func oneOf<T: RawRepresentable & CaseIterable>(_ type: T.Type) throws -> T where T.RawValue == String {
        let text = try string()
        guard let parsed = T(rawValue: text) else {
            throw fail("one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return parsed
    }

    func date() throws -> LedgerDate {
        let text = try string()
        guard let date = try? LedgerDate(text) else { throw fail("a date YYYY-MM-DD") }
        return date
    }
}
