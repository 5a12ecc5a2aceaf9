import Foundation
import Hashing
import LedgerCore
import LedgerStore
import TransparencyLog

/// `weightledger copy --from A --to B`: moves a ledger between backends (a file, a PostgreSQL
/// database) by replaying its events byte for byte into an empty ledger, in one transaction
/// of the target's: the copy has every event or none. The target's tree must then have the
/// source's root at the same size; `verify` on the target proves the rest.
public struct Copy {
    /// The copy: how many events, and the root both trees have at that size.
    public struct Result: Sendable, Equatable {
        /// Events copied.
        public let events: Int64
        /// The root of both trees at that size, hex.
        public let root: String
    }

    /// A copy use case (it needs no context: it names both ledgers).
    public init() {}

    /// Copies every event of `source` into the empty `target`; refuses a target with events.
    public func run(from source: any LedgerLocation, to target: any LedgerLocation) throws -> Result {
        guard source.description != target.description else {
            throw CopyRefused("--from and --to name the same ledger (\(source))")
        }
        let from = try source.open(.existing)
        defer { try? from.close() }
        // A copy that fails leaves the target as it was, or an empty ledger where there was none.
        let to = try target.open(.createIfMissing)
        defer { try? to.close() }
        let (count, root) = try from.read { reader -> (Int64, [UInt8]) in
            let count = try reader.eventCount()
            let root = try reader.merkle.root(size: UInt64(count))
            try to.write { writer in
                let held = try writer.reader.eventCount()
                guard held == 0 else {
                    throw CopyRefused("\(target) already holds \(held) events: copy fills an empty ledger only")
                }
                try reader.forEachEvent(after: 0) { event in
                    try writer.replicate(event)
                    return true
                }
                let written = try writer.reader.eventCount()
                guard written == count else {
                    throw StoreError.damaged(
                        path: source.description, reason: "it gave \(written) events of the \(count) it holds")
                }
            }
            return (count, root)
        }
        let copiedRoot = try to.read { try $0.merkle.root(size: UInt64(count)) }
        guard copiedRoot == root else {
            throw IntegrityFailure(problems: [
                "the copy's tree at size \(count) does not have the source's root (\(Hex.encode(root)))"
            ])
        }
        return Result(events: count, root: Hex.encode(root))
    }
}

/// A copy that cannot be made as asked (exit 2).
public struct CopyRefused: Error, CustomStringConvertible, Sendable {
    /// Why.
    public let description: String
    /// A refusal saying why.
    public init(_ description: String) { self.description = description }
}
