/// Input the domain refuses, phrased for the person who typed it: what was wrong and what was expected.
public enum DomainError: Error, Equatable, CustomStringConvertible, Sendable {
    /// `value` is not acceptable for `field`.
    case invalid(field: String, value: String, expected: String)
    /// A combination of inputs that contradicts itself.
    case inconsistent(String)

    public var description: String {
        switch self {
        case .invalid(let field, let value, let expected): return "invalid \(field) '\(value)': expected \(expected)"
        case .inconsistent(let message): return message
        }
    }
}
