import Foundation
import LedgerCore

/// What a findings cache was made from: the ledger (its id, and the size and root of the log it
/// evaluated), the packs (`inputs`), and the day it was evaluated on with the days around it on
/// which the same findings hold (`from`, `until`; `DateSpan`).
public struct FindingsCacheState: Sendable, Equatable {
    /// The ledger's id: a cache beside another ledger is not this one's.
    public let ledger: String
    /// A digest of the evaluation's other inputs (packs and their digests, format, version).
    public let inputs: String
    /// The day the findings were evaluated on (the day written in them).
    public let date: LedgerDate
    /// The first day on which they hold (nil: every day before).
    public let from: LedgerDate?
    /// The first day on which they may not (nil: every day after).
    public let until: LedgerDate?
    /// Events evaluated: the log's size when the cache was brought up to date.
    public let size: Int64
    /// The log's root at `size`: a log rewritten or replaced since is evaluated again.
    public let root: [UInt8]
    /// Artifacts evaluated.
    public let artifacts: Int
    /// Deployments evaluated.
    public let deployments: Int

    /// A state with every field given.
    public init(
        ledger: String, inputs: String, date: LedgerDate, from: LedgerDate?, until: LedgerDate?, size: Int64,
        root: [UInt8], artifacts: Int, deployments: Int
    ) {
        self.ledger = ledger
        self.inputs = inputs
        self.date = date
        self.from = from
        self.until = until
        self.size = size
        self.root = root
        self.artifacts = artifacts
        self.deployments = deployments
    }
}

/// The findings of `flags` kept between runs, beside the ledger and never part of it: the
/// findings that need a person (encoded by the use case) and the codes of the others, per
/// artifact (by the event that registered it), so a run re-evaluates only what changed.
/// Disposable: deleting it costs one full evaluation.
public protocol FindingsCache: AnyObject {
    /// Where it is, for messages.
    var path: String { get }
    /// What it was made from; nil when it is empty.
    func state() throws -> FindingsCacheState?
    /// Runs `body` on one consistent snapshot.
    func read<T>(_ body: (any FindingsCacheReading) throws -> T) throws -> T
    /// Runs `body` in one transaction: every change it makes is kept, or none.
    func update(_ body: (any FindingsCacheUpdate) throws -> Void) throws
    /// Deletes the cache (damaged, or of another format); the next run rebuilds it.
    func discard()
}

/// One snapshot of a findings cache.
public protocol FindingsCacheReading {
    /// What it was made from; nil when it is empty.
    func state() throws -> FindingsCacheState?
    /// The kept findings that need a person, in registration order of their artifacts and, within
    /// one, in the order they were added.
    func forEachOpen(_ body: (_ artifact: Int64, _ entry: [UInt8]) throws -> Void) throws
    /// The artifacts with a kept finding that writes the evaluation's day (about the artifact,
    /// not a deployment of it): evaluated again on another day of the span.
    func datedArtifacts() throws -> [Int64]
    /// How many findings that need no person there are, by code.
    func informational() throws -> [String: Int]
}

/// The changes of one `FindingsCache.update`.
public protocol FindingsCacheUpdate: FindingsCacheReading {
    /// Forgets every artifact's findings.
    func clear() throws
    /// Forgets one artifact's findings (it is evaluated again).
    func remove(artifact: Int64) throws
    /// Keeps a finding that needs a person, after the artifact's others; `dated`: it writes the
    /// evaluation's day (`datedArtifacts`).
    func addOpen(artifact: Int64, position: Int, dated: Bool, entry: [UInt8]) throws
    /// Counts one finding that needs no person.
    func addInformational(artifact: Int64, code: String) throws
    /// Records what the cache now holds.
    func setState(_ state: FindingsCacheState) throws
}
