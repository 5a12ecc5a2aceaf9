/// A payload type `PayloadDecoder` can read straight from the scanned nodes, without `Codable`'s
/// containers: a registration is nine events in ten of a large ledger, and going through generic
/// keyed containers, one boxed call per field, was most of the time a replay spent decoding it.
///
/// The direct reading takes only the plain shape of the type and otherwise returns nil, and the
/// decoder then decodes the same document through the type's `init(from:)` as it always did: any
/// field absent, null, of another JSON type or refused by its own initialiser, a key written with
/// an escape, a rarely present part. So every error, and its message, is still `init(from:)`'s;
/// a value read directly is the value `init(from:)` makes (PayloadDirectTests holds the two
/// together, with Foundation's decoder as the judge). Leaf values (digests, names, countries,
/// dates, numbers) go through the same initialisers and conversions as in `init(from:)`.
protocol PayloadDirect {
    /// The value at `node`, or nil to leave the node to `init(from:)`.
    static func direct(_ node: Int, in document: PayloadDocument) -> Self?
}

extension PayloadDocument {
    /// The value nodes of `keys` in the object at `node` (the first of a key that repeats, as
    /// `KeyedNodes` finds it), -1 for a key that is absent; nil when `node` is not an object or one
    /// of its keys holds an escape (left to `init(from:)`).
    func members(_ node: Int, _ keys: [String]) -> [Int]? {
        guard nodes[node].kind == .object else { return nil }
        var found = [Int](repeating: -1, count: keys.count)
        var member = node + 1
        for _ in 0..<Int(nodes[node].count) {
            if nodes[member].flag { return nil }
            if let index = keys.indices.first(where: { found[$0] < 0 && string(member, equals: keys[$0]) }) {
                found[index] = member + 1
            }
            member = Int(nodes[member + 1].next)
        }
        return found
    }

    /// Whether the member is absent or null (an optional field `init(from:)` decodes as nil).
    func absent(_ node: Int) -> Bool { node < 0 || nodes[node].kind == .null }

    /// The string at `node`, or nil when it is not one.
    func directString(_ node: Int) -> String? {
        guard node >= 0, nodes[node].kind == .string else { return nil }
        return try? string(node)
    }

    /// The number at `node` as `init(from:)` decodes an `Int64`, or nil.
    func directInt64(_ node: Int) -> Int64? {
        guard node >= 0, nodes[node].kind == .number else { return nil }
        return try? integer(node, Int64.self, [])
    }

    /// The number at `node` as `init(from:)` decodes a `Double`, or nil.
    func directDouble(_ node: Int) -> Double? {
        guard node >= 0, nodes[node].kind == .number else { return nil }
        return try? floatingPoint(node, Double.self, [])
    }

    /// The string at `node` made into a value by `make` (a digest, a name, a date…), or nil when
    /// it is not a string or `make` refuses it.
    func directParsed<Value>(_ node: Int, _ make: (String) throws -> Value) -> Value? {
        directString(node).flatMap { try? make($0) }
    }

    /// The array at `node` with every element read by `element`, or nil when it is not an array
    /// or an element is refused.
    func directArray<Element>(_ node: Int, _ element: (Int) -> Element?) -> [Element]? {
        guard node >= 0, nodes[node].kind == .array else { return nil }
        return elements(ofArray: node) { position, _ in element(position) }
    }

    /// An optional field: `.some(nil)` when absent or null, `.some(value)` when `read` takes it,
    /// nil (leave the whole value to `init(from:)`) when `read` refuses it.
    func directOptional<Value>(_ node: Int, _ read: (Int) -> Value?) -> Value?? {
        if absent(node) { return .some(nil) }
        guard let value = read(node) else { return nil }
        return .some(value)
    }
}
