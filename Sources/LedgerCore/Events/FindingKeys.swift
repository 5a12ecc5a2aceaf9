/// The keys of findings an audit records (`pack/rule/code/artifact[/destination@deployment]`),
/// in order: a list made in memory, or, decoded from a stored payload's text, where each key lies
/// in that text, made a string only when it is read. A replay or a copy applies a first audit's
/// keys one at a time: at 10 M artifacts its event lists 888,352 of them, about 170 MB as strings
/// and 7 MB as places in the text the replay holds anyway.
///
/// Decoded as an array of strings is decoded (the same values, the same errors) and encoded as one.
public struct FindingKeys: Sequence, Equatable, Sendable, Codable, ExpressibleByArrayLiteral {
    fileprivate struct Span: Sendable {
        let start: Int32
        let end: Int32
    }

    fileprivate enum Storage: Sendable {
        case list([String])
        /// The payload's text, each key's bytes in it, and the keys holding escapes (resolved once).
        case text(String, spans: [Span], escaped: [Int: String])
    }

    private let storage: Storage

    /// Keys made in memory.
    public init(_ keys: [String]) { storage = .list(keys) }

    /// Keys written out (tests, fixtures).
    public init(arrayLiteral keys: String...) { self.init(keys) }

    private init(storage: Storage) { self.storage = storage }

    /// How many keys.
    public var count: Int {
        switch storage {
        case .list(let keys): keys.count
        case .text(_, let spans, _): spans.count
        }
    }

    /// Every key as a string (for what needs them all at once; a replay reads them one at a time).
    public var all: [String] { Array(self) }

    /// The keys from the first.
    public func makeIterator() -> Iterator { Iterator(storage: storage) }

    /// The keys in order.
    public struct Iterator: IteratorProtocol {
        fileprivate let storage: Storage
        private var index = 0

        fileprivate init(storage: Storage) { self.storage = storage }

        /// The next key, made a string now; nil after the last.
        public mutating func next() -> String? {
            defer { index += 1 }
            switch storage {
            case .list(let keys):
                return index < keys.count ? keys[index] : nil
            case .text(let text, let spans, let escaped):
                guard index < spans.count else { return nil }
                if let key = escaped[index] { return key }
                let span = spans[index]
                return text.utf8.withContiguousStorageIfAvailable {
                    String(decoding: UnsafeBufferPointer(rebasing: $0[Int(span.start)..<Int(span.end)]), as: UTF8.self)
                } ?? String(decoding: Array(text.utf8)[Int(span.start)..<Int(span.end)], as: UTF8.self)
            }
        }
    }

    public static func == (lhs: FindingKeys, rhs: FindingKeys) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    public init(from decoder: any Decoder) throws {
        if let nodes = decoder as? NodeDecoder, let keys = Self.places(nodes) {
            self = keys
        } else {
            // Anything else (and anything wrong, so the error is the array's own).
            self.init(try [String](from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for key in self { try container.encode(key) }
    }

    /// The keys' places in a payload decoded from its text; nil when it is not an array of strings
    /// (the array's own decoding then says what is wrong) or the text is not at hand.
    private static func places(_ decoder: NodeDecoder) -> FindingKeys? {
        let document = decoder.document
        guard let text = document.owner, document.nodes[decoder.node].kind == .array else { return nil }
        let count = Int(document.nodes[decoder.node].count)
        var spans: [Span] = []
        spans.reserveCapacity(count)
        var escaped: [Int: String] = [:]
        var node = decoder.node + 1
        for index in 0..<count {
            let item = document.nodes[node]
            guard item.kind == .string else { return nil }
            if item.flag {
                guard let key = try? document.string(node) else { return nil }
                escaped[index] = key
            }
            spans.append(Span(start: item.start, end: item.end))
            node = Int(item.next)
        }
        return FindingKeys(storage: .text(text, spans: spans, escaped: escaped))
    }
}
