/// Where a value sits in the document: a key (or an array index) below its parent's place. The
/// coding path is made from it only when something asks (an error, a type's own `init(from:)`):
/// building an array for every decoded field was a fifth of decoding an event.
final class CodingPlace {
    let parent: CodingPlace?
    let key: any CodingKey

    init(_ key: any CodingKey, in parent: CodingPlace?) {
        self.parent = parent
        self.key = key
    }

    /// The keys from the document's top to `place` (none for the top).
    static func path(_ place: CodingPlace?) -> [any CodingKey] {
        var keys: [any CodingKey] = []
        var place = place
        while let current = place {
            keys.append(current.key)
            place = current.parent
        }
        return keys.reversed()
    }

    /// The path of `key` below `place`.
    static func path(_ key: any CodingKey, in place: CodingPlace?) -> [any CodingKey] { path(place) + [key] }
}

/// `Decoder` over one node of a scanned payload.
struct NodeDecoder: Decoder {
    let document: PayloadDocument
    let node: Int
    let place: CodingPlace?
    var codingPath: [any CodingKey] { CodingPlace.path(place) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        try document.expect(.object, node, [String: Any].self, codingPath)
        return KeyedDecodingContainer(KeyedNodes<Key>(document: document, node: node, place: place))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try document.expect(.array, node, [Any].self, codingPath)
        return UnkeyedNodes(document: document, node: node, place: place)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleNode(document: document, node: node, place: place)
    }
}

extension PayloadDocument {
    // The path is made only for an error.
    func expect(_ kind: Kind, _ node: Int, _ type: Any.Type, _ path: @autoclosure () -> [any CodingKey]) throws {
        guard nodes[node].kind == kind else {
            throw DecodingError.typeMismatch(
                type,
                DecodingError.Context(
                    codingPath: path(), debugDescription: "Expected to decode \(type) but found \(nodes[node].kind)."))
        }
    }

    func bool(_ node: Int, _ path: @autoclosure () -> [any CodingKey]) throws -> Bool {
        try expect(.bool, node, Bool.self, path())
        return nodes[node].flag
    }

    func string(_ node: Int, _ path: @autoclosure () -> [any CodingKey]) throws -> String {
        try expect(.string, node, String.self, path())
        return try string(node)
    }

    func integer<T: FixedWidthInteger>(
        _ node: Int, _ type: T.Type, _ path: @autoclosure () -> [any CodingKey]
    ) throws -> T {
        try expect(.number, node, type, path())
        let text = numberText(node)
        if let value = T(text) { return value }
        // A fraction or an exponent (whole numbers are accepted), or out of range.
        guard let double = Double(text), double.isFinite, let exact = T(exactly: double) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: path(), debugDescription: "Number \(text) does not fit in \(type)."))
        }
        return exact
    }

    func floatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(
        _ node: Int, _ type: T.Type, _ path: @autoclosure () -> [any CodingKey]
    ) throws -> T {
        try expect(.number, node, type, path())
        let text = numberText(node)
        guard let value = T(String(text)), value.isFinite else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: path(), debugDescription: "Number \(text) is not representable in Swift."))
        }
        return value
    }

    /// Any `Decodable`: the common scalars directly, the rest through their `init(from:)`; `key`
    /// below `place` is where the value sits (nil: the value is the container's own, at `place`).
    func decode<T: Decodable>(_ type: T.Type, _ node: Int, _ key: (any CodingKey)?, in place: CodingPlace?) throws -> T
    {
        func path() -> [any CodingKey] { key.map { CodingPlace.path($0, in: place) } ?? CodingPlace.path(place) }
        if T.self == String.self { return try string(node, path()) as! T }
        if T.self == Int64.self { return try integer(node, Int64.self, path()) as! T }
        if T.self == Int.self { return try integer(node, Int.self, path()) as! T }
        if T.self == Double.self { return try floatingPoint(node, Double.self, path()) as! T }
        if T.self == Bool.self { return try bool(node, path()) as! T }
        let at = key.map { CodingPlace($0, in: place) } ?? place
        if let array = T.self as? any PayloadArray.Type { return try array.elements(of: node, in: self, at: at) as! T }
        return try T(from: NodeDecoder(document: self, node: node, place: at))
    }
}

/// An array decoded element by element straight from its nodes: `Array`'s own `init(from:)` goes
/// through an unkeyed container and generic calls per element, which were a third of decoding a
/// registration (its files, names and parents are arrays). The same values and errors.
protocol PayloadArray {
    static func elements(of node: Int, in document: PayloadDocument, at place: CodingPlace?) throws -> Self
}

extension Array: PayloadArray where Element: Decodable {
    static func elements(of node: Int, in document: PayloadDocument, at place: CodingPlace?) throws -> Self {
        try document.expect(.array, node, [Any].self, CodingPlace.path(place))
        // Every element is decoded or throws: the walk never stops short.
        let elements = try document.elements(ofArray: node) { element, index -> Element? in
            try document.decode(Element.self, element, UnkeyedNodes.Index(intValue: index), in: place)
        }
        return elements ?? []
    }
}

extension PayloadDocument {
    /// The elements of the array at `node`, each made by `element` from its node and index, in
    /// order; nil as soon as `element` returns nil.
    func elements<Element>(
        ofArray node: Int, _ element: (_ node: Int, _ index: Int) throws -> Element?
    ) rethrows -> [Element]? {
        let count = Int(nodes[node].count)
        var elements: [Element] = []
        elements.reserveCapacity(count)
        var position = node + 1
        for index in 0..<count {
            guard let value = try element(position, index) else { return nil }
            elements.append(value)
            position = Int(nodes[position].next)
        }
        return elements
    }
}

/// An object's members, found by comparing keys' bytes.
struct KeyedNodes<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let document: PayloadDocument
    let node: Int
    let place: CodingPlace?
    var codingPath: [any CodingKey] { CodingPlace.path(place) }

    /// The value node of `key` (the first, if the key repeats, as in Foundation), or nil.
    private func find(_ key: Key) -> Int? {
        let name = key.stringValue
        var member = node + 1
        for _ in 0..<Int(document.nodes[node].count) {
            if document.string(member, equals: name) { return member + 1 }
            member = Int(document.nodes[member + 1].next)
        }
        return nil
    }

    private func value(_ key: Key) throws -> Int {
        guard let value = find(key) else {
            throw DecodingError.keyNotFound(
                key,
                DecodingError.Context(
                    codingPath: codingPath,
                    debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return value
    }

    private func path(_ key: Key) -> [any CodingKey] { CodingPlace.path(key, in: place) }

    var allKeys: [Key] {
        var keys: [Key] = []
        var seen: Set<String> = []
        var member = node + 1
        for _ in 0..<Int(document.nodes[node].count) {
            if let name = try? document.string(member), seen.insert(name).inserted, let key = Key(stringValue: name) {
                keys.append(key)
            }
            member = Int(document.nodes[member + 1].next)
        }
        return keys
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { document.nodes[try value(key)].kind == .null }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try document.bool(try value(key), path(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try document.string(try value(key), path(key))
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try document.floatingPoint(try value(key), type, path(key))
    }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        try document.floatingPoint(try value(key), type, path(key))
    }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        try document.integer(try value(key), type, path(key))
    }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 {
        try document.integer(try value(key), type, path(key))
    }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 {
        try document.integer(try value(key), type, path(key))
    }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
        try document.integer(try value(key), type, path(key))
    }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
        try document.integer(try value(key), type, path(key))
    }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt {
        try document.integer(try value(key), type, path(key))
    }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 {
        try document.integer(try value(key), type, path(key))
    }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
        try document.integer(try value(key), type, path(key))
    }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
        try document.integer(try value(key), type, path(key))
    }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
        try document.integer(try value(key), type, path(key))
    }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try document.decode(type, try value(key), key, in: place)
    }

    /// Absent or null: nil (one search for the key, where the default implementation makes three).
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = find(key), document.nodes[value].kind != .null else { return nil }
        return try document.decode(type, value, key, in: place)
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let value = find(key), document.nodes[value].kind != .null else { return nil }
        return try document.string(value, path(key))
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        guard let value = find(key), document.nodes[value].kind != .null else { return nil }
        return try document.integer(value, type, path(key))
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let value = find(key), document.nodes[value].kind != .null else { return nil }
        return try document.integer(value, type, path(key))
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        guard let value = find(key), document.nodes[value].kind != .null else { return nil }
        return try document.floatingPoint(value, type, path(key))
    }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let value = find(key), document.nodes[value].kind != .null else { return nil }
        return try document.bool(value, path(key))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try NodeDecoder(document: document, node: try value(key), place: CodingPlace(key, in: place)).container(
            keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try NodeDecoder(document: document, node: try value(key), place: CodingPlace(key, in: place))
            .unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        guard let key = Key(stringValue: "super") else {
            return NodeDecoder(document: document, node: node, place: place)
        }
        return try superDecoder(forKey: key)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        NodeDecoder(document: document, node: try value(key), place: CodingPlace(key, in: place))
    }
}

/// An array's elements, in order.
struct UnkeyedNodes: UnkeyedDecodingContainer {
    let document: PayloadDocument
    let place: CodingPlace?
    var codingPath: [any CodingKey] { CodingPlace.path(place) }
    let count: Int?
    private(set) var currentIndex = 0
    private var position: Int

    init(document: PayloadDocument, node: Int, place: CodingPlace?) {
        self.document = document
        self.place = place
        count = Int(document.nodes[node].count)
        position = node + 1
    }

    var isAtEnd: Bool { currentIndex >= count ?? 0 }

    struct Index: CodingKey {
        let intValue: Int?
        var stringValue: String { "Index \(intValue ?? 0)" }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }

    /// The next element's node and its index's key, moving past it.
    private mutating func next(_ type: Any.Type) throws -> (node: Int, key: any CodingKey) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type, DecodingError.Context(codingPath: codingPath, debugDescription: "Unkeyed container is at end."))
        }
        let node = position
        let key = Index(intValue: currentIndex)
        position = Int(document.nodes[node].next)
        currentIndex += 1
        return (node, key)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, document.nodes[position].kind == .null else { return false }
        _ = try next(Any.self)
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (node, key) = try next(type)
        return try document.decode(type, node, key, in: place)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let (node, key) = try next([String: Any].self)
        return try NodeDecoder(document: document, node: node, place: CodingPlace(key, in: place)).container(
            keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (node, key) = try next([Any].self)
        return try NodeDecoder(document: document, node: node, place: CodingPlace(key, in: place)).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (node, key) = try next(Any.self)
        return NodeDecoder(document: document, node: node, place: CodingPlace(key, in: place))
    }
}

/// One value.
struct SingleNode: SingleValueDecodingContainer {
    let document: PayloadDocument
    let node: Int
    let place: CodingPlace?
    var codingPath: [any CodingKey] { CodingPlace.path(place) }

    func decodeNil() -> Bool { document.nodes[node].kind == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try document.bool(node, codingPath) }
    func decode(_ type: String.Type) throws -> String { try document.string(node, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try document.floatingPoint(node, type, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { try document.floatingPoint(node, type, codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try document.integer(node, type, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try document.integer(node, type, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try document.integer(node, type, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try document.integer(node, type, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try document.integer(node, type, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try document.integer(node, type, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try document.integer(node, type, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try document.integer(node, type, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try document.integer(node, type, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try document.integer(node, type, codingPath) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try document.decode(type, node, nil, in: place) }
}
