import LedgerCore
import LedgerStore

/// Reads artifacts: one with its cumulative compute (`show`), or all (`list`).
public struct Show {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The use case in `context`.
    public init(context: AppContext) { self.context = context }

    /// One artifact by reference, with cumulative compute over its ancestry and its children, its
    /// facts as they stood on `date` (nil: today) with every correction applied, and with
    /// `history`, every change to them with its event.
    public func artifact(
        _ reference: ArtifactReference, on date: LedgerDate? = nil, history: Bool = false
    ) throws -> ArtifactDetails {
        let day = context.date(date)
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { reader in
            let digest = try reader.resolve(reference)
            guard let record = try reader.record(digest) else {
                throw StoreError.unknownReference(reference.description)
            }
            let cumulative = try reader.ancestryGraph(of: digest).cumulativeCompute(of: digest)
            return ArtifactDetails(
                record: record, cumulative: cumulative, children: try reader.children(of: digest), asOf: day,
                history: history ? try FactHistoryEntry.entries(try reader.factEvents(of: digest)) : nil,
                signatures: try reader.signatures(of: digest))
        }
    }

    /// Artifacts whose name or digest contains `text`, newest first (the API's `q`, the search page).
    /// Text with control or formatting characters is refused (a NUL would end the pattern early).
    public func search(_ text: String, limit: Int) throws -> [ArtifactDetails] {
        let text = try FreeText.line(text, field: .query) ?? ""
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { reader in
            try reader.search(text, limit: limit).map {
                ArtifactDetails(
                    record: $0, cumulative: try reader.ancestryGraph(of: $0.digest).cumulativeCompute(of: $0.digest),
                    children: try reader.children(of: $0.digest))
            }
        }
    }

    /// At most `limit` artifacts (nil: every one) registered after event `after` (nil: from the
    /// first), in registration order, each with its cumulative compute and children, handed to
    /// `body` one at a time: memory holds one page and a bounded window of ancestors, however
    /// large the ledger. Returns the cursor to continue from (the last artifact's registration
    /// event) when artifacts remain, else nil.
    @discardableResult
    public func page(
        after: Int64? = nil, limit: Int? = nil, _ body: (ArtifactDetails) throws -> Void
    ) throws -> Int64? {
        try PageBounds.check(after: after, limit: limit)
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { reader in
            let window = AncestryWindow(reader: reader)
            var cursor = after ?? 0
            var remaining = limit ?? .max
            while remaining > 0 {
                let records = try reader.records(after: cursor, limit: min(Self.pageSize, remaining))
                guard let last = records.last else { return nil }
                window.add(records.map(\.lineageNode))
                let children = try reader.children(ofAny: records.map(\.digest))
                for record in records {
                    let cumulative = try window.graph(of: record.digest).cumulativeCompute(of: record.digest)
                    try body(
                        ArtifactDetails(record: record, cumulative: cumulative, children: children[record.digest] ?? [])
                    )
                }
                cursor = last.registeredSeq
                remaining -= records.count
                if records.count < Self.pageSize && remaining > 0 { return nil }
            }
            return try reader.records(after: cursor, limit: 1).isEmpty ? nil : cursor
        }
    }

    /// Artifacts read from the ledger at once by `page`.
    static let pageSize = 1_000

    /// Every artifact in registration order, each with its cumulative compute (small ledgers,
    /// tests: `page` walks any ledger in bounded memory).
    public func all() throws -> [ArtifactDetails] {
        var all: [ArtifactDetails] = []
        try page { all.append($0) }
        return all
    }
}
