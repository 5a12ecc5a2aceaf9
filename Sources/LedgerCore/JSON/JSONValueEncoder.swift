/// Encodes an `Encodable` value straight into a `JSONValue`, without Foundation's JSONEncoder and a
/// re-parse: canonical payloads are computed for every event appended and replayed, and the
/// round trip through text was most of an append's cost.
///
/// Follows JSONEncoder's defaults: nil optionals via `encodeIfPresent` are left out; non-finite
/// numbers are refused (RFC 8785 has no form for them); integers become doubles (JSON numbers).
struct JSONValueEncoder {
    func encode<Value: Encodable>(_ value: Value) throws -> JSONValue {
        let encoder = TreeEncoder(codingPath: [])
        try value.encode(to: encoder)
        return encoder.storage.value
    }
}

/// A node of the value being built: containers are filled in after they are handed out. Members
/// and elements are stored properties, appended in place: kept inside an enum payload, every
/// append copied the array (quadratic for an audit's hundred thousand finding keys).
private final class Node {
    enum Kind {
        case empty
        case single(JSONValue)
        case object
        case array
    }
    var kind: Kind = .empty
    var members: [String: Node] = [:]
    var elements: [Node] = []

    var value: JSONValue {
        switch kind {
        case .empty: return .object([:])
        case .single(let value): return value
        case .object: return .object(members.mapValues(\.value))
        case .array: return .array(elements.map(\.value))
        }
    }

    /// Makes this node an object, keeping the members it already has.
    func becomeObject() {
        if case .object = kind { return }
        kind = .object
        members = [:]
    }

    /// Makes this node an array, keeping the elements it already has.
    func becomeArray() {
        if case .array = kind { return }
        kind = .array
        elements = []
    }

    /// Takes `other`'s contents (a nested value encoded through a single-value container).
    func adopt(_ other: Node) {
        kind = other.kind
        members = other.members
        elements = other.elements
    }
}

private final class TreeEncoder: Encoder {
    let storage = Node()
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(codingPath: [CodingKey]) { self.codingPath = codingPath }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        storage.becomeObject()
        return KeyedEncodingContainer(KeyedContainer<Key>(node: storage, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        storage.becomeArray()
        return UnkeyedContainer(node: storage, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleContainer(node: storage, codingPath: codingPath)
    }
}

private func scalar(_ value: Double) throws -> JSONValue {
    guard value.isFinite else { throw CanonicalJSON.Failure.nonFiniteNumber }
    return .number(value)
}

/// Encodes a nested value into a fresh node.
private func encodeNested<T: Encodable>(_ value: T, codingPath: [CodingKey]) throws -> Node {
    let encoder = TreeEncoder(codingPath: codingPath)
    try value.encode(to: encoder)
    return encoder.storage
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    let codingPath: [CodingKey]

    private func set(_ key: Key, _ child: Node) {
        guard case .object = node.kind else { return }
        node.members[key.stringValue] = child
    }
    private func set(_ key: Key, _ value: JSONValue) {
        let child = Node()
        child.kind = .single(value)
        set(key, child)
    }

    mutating func encodeNil(forKey key: Key) throws { set(key, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(key, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(key, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(key, try scalar(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(key, try scalar(Double(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(key, .number(Double(value))) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(key, .number(Double(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(key, .number(Double(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(key, .number(Double(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(key, .number(Double(value))) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(key, .number(Double(value))) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(key, .number(Double(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(key, .number(Double(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(key, .number(Double(value))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(key, .number(Double(value))) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        set(key, try encodeNested(value, codingPath: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let child = Node()
        child.kind = .object
        set(key, child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let child = Node()
        child.kind = .array
        set(key, child)
        return UnkeyedContainer(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> Encoder { TreeEncoder(codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> Encoder {
        let encoder = TreeEncoder(codingPath: codingPath + [key])
        set(key, encoder.storage)
        return encoder
    }
}

private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { String(intValue ?? 0) }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: Node
    let codingPath: [CodingKey]
    var count: Int {
        if case .array = node.kind { return node.elements.count }
        return 0
    }

    private func append(_ child: Node) {
        guard case .array = node.kind else { return }
        node.elements.append(child)
    }
    private func append(_ value: JSONValue) {
        let child = Node()
        child.kind = .single(value)
        append(child)
    }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(try scalar(value)) }
    mutating func encode(_ value: Float) throws { append(try scalar(Double(value))) }
    mutating func encode(_ value: Int) throws { append(.number(Double(value))) }
    mutating func encode(_ value: Int8) throws { append(.number(Double(value))) }
    mutating func encode(_ value: Int16) throws { append(.number(Double(value))) }
    mutating func encode(_ value: Int32) throws { append(.number(Double(value))) }
    mutating func encode(_ value: Int64) throws { append(.number(Double(value))) }
    mutating func encode(_ value: UInt) throws { append(.number(Double(value))) }
    mutating func encode(_ value: UInt8) throws { append(.number(Double(value))) }
    mutating func encode(_ value: UInt16) throws { append(.number(Double(value))) }
    mutating func encode(_ value: UInt32) throws { append(.number(Double(value))) }
    mutating func encode(_ value: UInt64) throws { append(.number(Double(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        append(try encodeNested(value, codingPath: codingPath + [IndexKey(count)]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let child = Node()
        child.kind = .object
        let path = codingPath + [IndexKey(count)]
        append(child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let child = Node()
        child.kind = .array
        let path = codingPath + [IndexKey(count)]
        append(child)
        return UnkeyedContainer(node: child, codingPath: path)
    }

    mutating func superEncoder() -> Encoder {
        let encoder = TreeEncoder(codingPath: codingPath + [IndexKey(count)])
        append(encoder.storage)
        return encoder
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let node: Node
    let codingPath: [CodingKey]

    private func set(_ value: JSONValue) { node.kind = .single(value) }

    mutating func encodeNil() throws { set(.null) }
    mutating func encode(_ value: Bool) throws { set(.bool(value)) }
    mutating func encode(_ value: String) throws { set(.string(value)) }
    mutating func encode(_ value: Double) throws { set(try scalar(value)) }
    mutating func encode(_ value: Float) throws { set(try scalar(Double(value))) }
    mutating func encode(_ value: Int) throws { set(.number(Double(value))) }
    mutating func encode(_ value: Int8) throws { set(.number(Double(value))) }
    mutating func encode(_ value: Int16) throws { set(.number(Double(value))) }
    mutating func encode(_ value: Int32) throws { set(.number(Double(value))) }
    mutating func encode(_ value: Int64) throws { set(.number(Double(value))) }
    mutating func encode(_ value: UInt) throws { set(.number(Double(value))) }
    mutating func encode(_ value: UInt8) throws { set(.number(Double(value))) }
    mutating func encode(_ value: UInt16) throws { set(.number(Double(value))) }
    mutating func encode(_ value: UInt32) throws { set(.number(Double(value))) }
    mutating func encode(_ value: UInt64) throws { set(.number(Double(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        node.adopt(try encodeNested(value, codingPath: codingPath))
    }
}
