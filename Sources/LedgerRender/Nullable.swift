import LedgerCore
import LedgerPolicy
import LedgerStore
import LedgerUseCases

/// An optional that encodes as JSON `null` instead of being left out: scripts rely on every key.
public struct Nullable<Value: Encodable & Sendable>: Encodable, Sendable {
    let value: Value?
    /// The JSON view of `Value`.
    public init(_ value: Value?) { self.value = value }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}
