/// Input the domain refuses, phrased for the person who typed it: what was wrong and what was
/// expected. Fields are named by key; each surface spells them (`--trained-in`, `trainedIn`).
public enum DomainError: Error, Equatable, CustomStringConvertible, Sendable {
    /// `value` is not acceptable for `field`.
    case invalid(field: FieldKey, value: String, expected: String)
    /// A combination of inputs that contradicts itself.
    case inconsistent(FieldMessage)

    /// The field at fault, when one is.
    public var field: FieldKey? {
        switch self {
        case .invalid(let field, _, _): return field
        case .inconsistent(let message): return message.fields.first
        }
    }

    /// The message with fields spelled by `spell`.
    public func message(spelling spell: (FieldKey) -> String) -> String {
        switch self {
        case .invalid(let field, let value, let expected):
            return "invalid \(spell(field)) '\(value)': expected \(expected)"
        case .inconsistent(let message): return message.spelled(spell)
        }
    }

    /// The same error about `field` instead of the generic field a domain type named
    /// (`CountryCode` says `country`; the caller knows it was `trainedIn`).
    public func about(_ field: FieldKey) -> DomainError {
        guard case .invalid(_, let value, let expected) = self else { return self }
        return .invalid(field: field, value: value, expected: expected)
    }

    public var description: String { message(spelling: \.path) }
}

/// Input a use case refuses for a reason outside the domain types: a conflict with what the
/// ledger holds, or a file it cannot read. Fields in the message are spelled by the surface.
public struct InputError: Error, CustomStringConvertible, Sendable {
    /// What was refused, naming fields by key.
    public let message: FieldMessage
    /// A refusal in words, naming fields with `\(field: key)`.
    public init(_ message: FieldMessage) { self.message = message }
    /// The field at fault, when the message names one.
    public var field: FieldKey? { message.fields.first }
    public var description: String { message.description }
}

extension FieldKey {
    /// Runs `parse` on this field's input, naming this field in the error a domain type throws.
    public func parsing<T>(_ parse: () throws -> T) throws -> T {
        do { return try parse() } catch let error as DomainError { throw error.about(self) }
    }
}
