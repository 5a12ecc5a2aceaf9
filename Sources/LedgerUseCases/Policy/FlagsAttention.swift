import Foundation
import Hashing
import LedgerCore
import LedgerPolicy
import LedgerStore

/// What `Flags.needingAttention` found besides the findings it handed over.
public struct AttentionSummary: Sendable {
    /// How the findings cache served the run.
    public enum CacheUse: String, Sendable {
        /// Nothing had changed: every finding came from the cache.
        case reused
        /// Only what changed since was evaluated (new artifacts, new deployments, licenses, names;
        /// on another day of the same `DateSpan`, the artifacts whose findings write the day).
        case updated
        /// Everything was evaluated and kept (first run, a day outside the span, other packs, a
        /// fact that changes lineages, `fresh`).
        case rebuilt
        /// No cache could be used (none beside the ledger, read-only, damaged, busy): evaluated without.
        case unavailable
    }

    /// The counts, as `Flags.stream` gives them.
    public let summary: FlagsSummary
    /// How many findings needed no person, by code.
    public let informational: [String: Int]
    /// How the cache served.
    public let cache: CacheUse
}

/// A findings cache that cannot be used: damaged (discarded), or busy or changed by another run
/// meanwhile (left alone). Never the ledger's fault: the run evaluates without the cache.
struct CacheFailure: Error {
    let discard: Bool
}

/// Errors of the ledger and of the caller raised inside a cache operation, kept apart from the
/// cache's own: they come out of `FlagsCacheRun.call` as themselves.
final class ForeignErrors {
    private(set) var error: (any Error)?

    func run<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch {
            self.error = error
            throw error
        }
    }

    /// Runs a cache operation: a foreign error comes out as itself, any other as a `CacheFailure`.
    func call<T>(_ operation: () throws -> T) throws -> T {
        do { return try operation() } catch {
            if let foreign = self.error { throw foreign }
            if let failure = error as? CacheFailure { throw failure }
            let busy = (error as? StoreError).map { if case .busy = $0 { return true } else { return false } } ?? false
            throw CacheFailure(discard: !busy)
        }
    }
}

extension Flags {
    /// Every finding that needs a person, in registration order of the artifacts (each artifact's
    /// own findings, then its deployments'), and the others counted by code: what `flags` prints
    /// and `audit` compares, without evaluating what has not changed.
    ///
    /// The findings are kept in the findings cache beside the ledger (`FindingsCache`) with what
    /// they were made from: the ledger (id, log size and root), the packs, the binary's version,
    /// and the day with the days around it on which every finding holds (`DateSpan`: between the
    /// packs', organisations' and lineages' dated facts and new years). A later run evaluates only
    /// the artifacts registered since and those that gained a deployment, a license or a name, and,
    /// on another day of the span, those whose findings write the day; any other event that changes
    /// facts (a correction, a publication, an organisation), a day outside the span, other packs, a
    /// log that does not extend the one evaluated, or `fresh` evaluates everything again. A cache
    /// that cannot be used is never an error: the run evaluates without it.
    public func needingAttention(
        date: LedgerDate? = nil, policies: [String] = [], fresh: Bool = false, _ body: (FlagEntry) throws -> Void
    ) throws -> AttentionSummary {
        let day = context.date(date)
        let packs = try library.select(policies)
        // No ledger: no cache file made beside nothing (the evaluation below says there is no ledger).
        for attempt in 0..<2 where context.ledgerExists {
            guard let cache = try? context.location.findingsCache() else { break }
            do {
                return try FlagsCacheRun(flags: self, cache: cache, day: day, packs: packs, fresh: fresh).run(body)
            } catch let failure as CacheFailure {
                if !failure.discard || attempt == 1 { break }
                cache.discard()
            }
        }
        var informational: [String: Int] = [:]
        let summary = try stream(date: day, policies: policies) { entry in
            if entry.finding.unresolved {
                try body(entry)
            } else {
                informational[entry.finding.finding.code, default: 0] += 1
            }
        }
        return AttentionSummary(summary: summary, informational: informational, cache: .unavailable)
    }
}

/// One run of `Flags.needingAttention` with a cache: bring it up to date, then hand its findings over.
struct FlagsCacheRun {
    let flags: Flags
    let cache: any FindingsCache
    let day: LedgerDate
    let packs: [LoadedPack]
    let fresh: Bool
    let foreign = ForeignErrors()

    /// What the evaluation depends on besides the ledger and the day: the packs (with their
    /// digests) and the binary's version (an evaluator that changed evaluates again).
    var inputs: String {
        var text = "weightledger-findings-cache/2 \(WeightLedgerVersion.current)"
        for loaded in packs { text += " \(loaded.pack.id)@\(loaded.pack.version)=\(loaded.digest)" }
        return (try? SHA256.hash(Array(text.utf8)).hex) ?? text
    }

    /// What must be evaluated again.
    enum Plan {
        /// Nothing: the same log, the same day.
        case current
        /// The artifacts registered after `known.size`, those the events since changed, and, on
        /// another day of the span, those whose kept findings write the day.
        case extend(changed: Set<ArtifactDigest>, deployments: Int, redate: Bool)
        /// Everything.
        case rebuild
    }

    func run(_ body: (FlagEntry) throws -> Void) throws -> AttentionSummary {
        let ledger = try flags.context.openLedger(.existing)
        defer { flags.context.release(ledger) }
        return try ledger.read { reader in
            let size = try reader.eventCount()
            let root = try reader.merkle.root(size: UInt64(size))
            let id = try reader.ledgerID() ?? ""
            let organisations = try reader.organisations()
            let evaluation = FlagsInputs(organisations: organisations, packs: packs, day: day)
            let span = DateSpan(evaluatingOn: day, packs: packs.map(\.pack), organisations: organisations)
            let known = fresh ? nil : try foreign.call { try cache.state() }
            var plan = Plan.rebuild
            if let known, known.ledger == id, known.inputs == inputs, known.size <= size, known.size > 0,
                DateSpan(from: known.from, until: known.until).contains(day),
                try reader.merkle.root(size: UInt64(known.size)) == known.root
            {
                plan =
                    known.size == size && known.date == day
                    ? .current : try Self.plan(after: known.size, reader: reader, redate: known.date != day)
            }
            var state = known
            var use = AttentionSummary.CacheUse.reused
            switch plan {
            case .current: break
            case .extend(let changed, let deployments, let redate):
                guard let known else { throw CacheFailure(discard: false) }
                use = .updated
                state = try update(expecting: known) { writer in
                    let window = AncestryWindow(reader: reader)
                    var again = Set<Int64>()
                    for digest in changed {
                        if let record = try foreign.run({ try reader.record(digest) }),
                            record.registeredSeq <= known.size
                        {
                            again.insert(record.registeredSeq)
                        }
                    }
                    if redate { again.formUnion(try writer.update.datedArtifacts()) }
                    var kept = try Self.reevaluate(
                        again.sorted(), window: window, reader: reader, inputs: evaluation, into: writer)
                    let added = try Self.walk(
                        after: known.size, window: window, reader: reader, inputs: evaluation, into: writer)
                    kept = kept.intersection(added.span).intersection(span)
                        .intersection(DateSpan(from: known.from, until: known.until))
                    return FindingsCacheState(
                        ledger: id, inputs: inputs, date: day, from: kept.from, until: kept.until, size: size,
                        root: root, artifacts: known.artifacts + added.artifacts,
                        deployments: known.deployments + deployments)
                }
            case .rebuild:
                use = .rebuilt
                state = try update(expecting: nil) { writer in
                    try writer.clear()
                    let window = AncestryWindow(reader: reader)
                    let all = try Self.walk(after: 0, window: window, reader: reader, inputs: evaluation, into: writer)
                    let kept = all.span.intersection(span)
                    return FindingsCacheState(
                        ledger: id, inputs: inputs, date: day, from: kept.from, until: kept.until, size: size,
                        root: root, artifacts: all.artifacts, deployments: all.deployments)
                }
            }
            guard let state else { throw CacheFailure(discard: true) }
            return try hand(state, use: use, body)
        }
    }

    /// Runs `body` in one cache transaction that first checks the cache still holds `expected`
    /// (another run may have changed it since it was read; nil: anything), and records the state
    /// `body` returns.
    private func update(
        expecting expected: FindingsCacheState?, _ body: (CacheWriter) throws -> FindingsCacheState
    ) throws -> FindingsCacheState {
        var made: FindingsCacheState?
        try foreign.call {
            try cache.update { update in
                if let expected, try update.state() != expected { throw CacheFailure(discard: false) }
                let state = try body(CacheWriter(update: update, foreign: foreign))
                try update.setState(state)
                made = state
            }
        }
        guard let made else { throw CacheFailure(discard: true) }
        return made
    }

    /// Hands the kept findings to `body` from one snapshot of the cache, after reading them all
    /// once: a damaged entry is found before anything was handed over.
    private func hand(
        _ state: FindingsCacheState, use: AttentionSummary.CacheUse, _ body: (FlagEntry) throws -> Void
    ) throws -> AttentionSummary {
        try foreign.call {
            try cache.read { snapshot in
                guard try snapshot.state() == state else { throw CacheFailure(discard: false) }
                var count = 0
                try snapshot.forEachOpen { _, bytes in
                    _ = try CachedFlagEntry.decode(bytes)
                    count += 1
                }
                let informational = try snapshot.informational()
                try snapshot.forEachOpen { _, bytes in
                    let entry = try CachedFlagEntry.decode(bytes)
                    try foreign.run { try body(entry) }
                }
                let summary = FlagsSummary(
                    date: day, artifactCount: state.artifacts, deploymentCount: state.deployments,
                    packs: packs.map { ($0, $0.pack.status(on: day)) }, unresolvedCount: count, next: nil)
                return AttentionSummary(summary: summary, informational: informational, cache: use)
            }
        }
    }

    /// The events after `size`: the artifacts whose own findings alone they change (new ones are
    /// walked); an event that changes facts lineages read (a publication, a correction, an
    /// organisation) asks for a rebuild.
    static func plan(after size: Int64, reader: any LedgerReading, redate: Bool) throws -> Plan {
        var changed = Set<ArtifactDigest>()
        var deployments = 0
        var rebuild = false
        try reader.forEachEvent(after: size) { stored in
            let event = try LedgerEvent.decode(type: stored.type, payloadText: stored.payload)
            switch event {
            case .artifactRegistered: break
            case .deploymentRecorded(let deployment):
                deployments += 1
                changed.insert(deployment.digest)
            case .licenseAdded(let license): changed.formUnion(license.artifacts)
            case .nameAdded(let name): changed.insert(name.digest)
            case .artifactReregistered(let again): changed.insert(again.digest)
            case .checkpointRecorded, .auditRecorded, .tokenCreated, .tokenRevoked, .approvalRecorded,
                .signatureAttached, .locationRemoved, .locationMoved:
                break
            default:
                rebuild = true
            }
            return !rebuild
        }
        return rebuild ? .rebuild : .extend(changed: changed, deployments: deployments, redate: redate)
    }

    /// Evaluates again the artifacts registered by events `seqs` (in order), replacing their
    /// kept findings; returns the days their lineages read the same publications on.
    static func reevaluate(
        _ seqs: [Int64], window: AncestryWindow, reader: any LedgerReading, inputs: FlagsInputs,
        into writer: CacheWriter
    ) throws -> DateSpan {
        var span = DateSpan.always
        for seq in seqs {
            let page = try writer.foreign.run { try reader.policyFacts(after: seq - 1, limit: 1) }
            guard page.first?.seq == seq else { continue }
            try writer.remove(artifact: seq)
            let evaluated = try writer.foreign.run {
                try Flags.evaluate(page: page, window: window, reader: reader, inputs: inputs)
            }
            try writer.keep(evaluated.findings[0], artifact: seq)
            span = span.intersection(evaluated.span)
        }
        return span
    }

    /// Evaluates every artifact registered after event `after`, a page at a time, and keeps their findings.
    static func walk(
        after: Int64, window: AncestryWindow, reader: any LedgerReading, inputs: FlagsInputs, into writer: CacheWriter
    ) throws -> (artifacts: Int, deployments: Int, span: DateSpan) {
        var (cursor, artifacts, deployments, span) = (after, 0, 0, DateSpan.always)
        while true {
            let page = try writer.foreign.run { try reader.policyFacts(after: cursor, limit: Flags.pageSize) }
            guard let last = page.last else { break }
            let evaluated = try writer.foreign.run {
                try Flags.evaluate(page: page, window: window, reader: reader, inputs: inputs)
            }
            for (facts, entries) in zip(page, evaluated.findings) { try writer.keep(entries, artifact: facts.seq) }
            artifacts += page.count
            deployments += evaluated.deployments
            span = span.intersection(evaluated.span)
            cursor = last.seq
        }
        return (artifacts, deployments, span)
    }
}

/// Writes one artifact's findings into a cache transaction.
struct CacheWriter {
    let update: any FindingsCacheUpdate
    let foreign: ForeignErrors

    func clear() throws { try update.clear() }

    func remove(artifact: Int64) throws { try update.remove(artifact: artifact) }

    /// The findings that need a person are kept whole; the others counted by code.
    func keep(_ entries: [FlagEntry], artifact: Int64) throws {
        for (position, entry) in entries.enumerated() {
            if entry.finding.unresolved {
                try update.addOpen(
                    artifact: artifact, position: position, dated: entry.deployment == nil,
                    entry: try CachedFlagEntry.encode(entry))
            } else {
                try update.addInformational(artifact: artifact, code: entry.finding.finding.code)
            }
        }
    }
}
