/// A sentence about input that names fields by key, so each surface can spell them its own way:
/// `"\(field: .publishedOn) needs \(field: .published)"` reads `--published-on needs --published`
/// on the CLI and `publishedOn needs published` from the API.
public struct FieldMessage: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// Text, or a field to be spelled by the surface.
    public enum Part: Sendable, Equatable {
        case text(String)
        case field(FieldKey)
    }

    /// The message in order: text and the fields it names.
    public let parts: [Part]

    /// A message of plain text.
    public init(_ text: String) { parts = [.text(text)] }

    /// A message from literal text.
    public init(stringLiteral text: String) { self.init(text) }

    /// A message built by interpolation: `\(field: key)` names a field, anything else is text.
    public init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }

    /// The parts of both messages, in order: long messages are written as several literals.
    public static func + (lhs: FieldMessage, rhs: FieldMessage) -> FieldMessage {
        FieldMessage(parts: lhs.parts + rhs.parts)
    }

    private init(parts: [Part]) { self.parts = parts }

    /// The message with every field spelled by `spell`.
    public func spelled(_ spell: (FieldKey) -> String) -> String {
        parts.map { part in
            switch part {
            case .text(let text): return text
            case .field(let key): return spell(key)
            }
        }.joined()
    }

    /// The fields the message names, in order (the first is the one at fault).
    public var fields: [FieldKey] {
        parts.compactMap { if case .field(let key) = $0 { return key } else { return nil } }
    }

    /// Spelled with the JSON keys.
    public var description: String { spelled(\.path) }

    /// Collects text and fields.
    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        /// Starts an empty message.
        public init(literalCapacity: Int, interpolationCount: Int) {}

        /// Literal text, as is.
        public mutating func appendLiteral(_ literal: String) {
            guard !literal.isEmpty else { return }
            parts.append(.text(literal))
        }

        /// A field, spelled by the surface that shows the message.
        public mutating func appendInterpolation(field key: FieldKey) {
            parts.append(.field(key))
        }

        /// Any other value, as text.
        public mutating func appendInterpolation<T>(_ value: T) {
            parts.append(.text(String(describing: value)))
        }
    }
}
