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

    /// Every artifact in registration order, each with its cumulative compute.
    public func all() throws -> [ArtifactDetails] {
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { reader in
            let records = try reader.records()
            let graph = LineageGraph(nodes: records.map(\.lineageNode))
            var children: [ArtifactDigest: [ArtifactDigest]] = [:]
            for record in records {
                for parent in record.training.parents { children[parent, default: []].append(record.digest) }
            }
            return records.map {
                ArtifactDetails(
                    record: $0, cumulative: graph.cumulativeCompute(of: $0.digest), children: children[$0.digest] ?? [])
            }
        }
    }
}
