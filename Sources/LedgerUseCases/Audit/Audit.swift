import Foundation
import Hashing
import LedgerCore
import LedgerStore
import TransparencyLog

/// A finding an audit reports: its key (stable across audits) and what it says.
public struct AuditFinding: Sendable, Encodable {
    /// Stable across audits: `pack/rule/code/artifact[/destination@deployment]`.
    public let key: String
    /// The pack's id.
    public let pack: String
    /// The finding's code.
    public let code: String
    /// warn or block.
    public let severity: String
    /// The artifact's first name, else its digest.
    public let artifact: String
    /// What applies and why.
    public let explanation: String
    /// Whether its rule is enforced on the audit's date.
    public let enforced: Bool
}

/// What one audit found and recorded.
public struct AuditOutcome: Sendable {
    /// The audit's verdict: clean, new findings, or an integrity failure.
    public enum Status: String, Sendable {
        case clean, findings
        case integrityFailure = "integrity-failure"
    }
    /// The verdict.
    public let status: Status
    /// The evaluation date.
    public let date: LedgerDate
    /// Distinct artifacts whose locations were re-hashed.
    public let checkedArtifacts: Int
    /// Bytes re-hashed.
    public let checkedBytes: Int64
    /// Locations whose bytes changed.
    public let mismatches: [AuditRecorded.LocationCheck]
    /// Locations whose bytes are gone.
    public let missing: [AuditRecorded.LocationCheck]
    /// Locations clients of the server recorded (their own paths) that no `--audit-roots` entry
    /// covers: not opened, not re-hashed.
    public let remoteSkipped: Int
    /// Findings that need a person and the previous audit did not report (with `--enforced-only`,
    /// those of rules not enforced are listed but do not make the status `findings`), most severe
    /// first; read back from disk as they are listed.
    public let newFindings: AuditFindings
    /// Keys of findings the previous audit reported that no longer apply.
    public let resolvedFindings: [String]
    /// Findings reported before and still open.
    public let unchangedFindings: Int
    /// Events in the log verified.
    public let treeSize: Int64
    /// The log's root at that size.
    public let root: [UInt8]
    /// The log still holds the tree the previous audit saw (true when there was none).
    public let consistent: Bool
    /// The verified tree the log check started from (`sinceCheckpoint`); nil: from the first event.
    public let verifiedFrom: VerifiedTree?
    /// What `verify` found, and whether the log still extends the last audit's tree.
    public let logProblems: [String]
    /// Stopped by a signal before every planned location was re-hashed.
    public let interrupted: Bool
    /// The `audit.completed` event that records it.
    public let event: Int64

    /// 3 on an integrity failure, 2 when interrupted, 1 for new findings, else 0.
    public var exitStatus: ExitStatus {
        if status == .integrityFailure { return .integrity }
        if interrupted { return .input }
        return status == .findings ? .findings : .ok
    }
}

/// `audit`: verify the log (and that it extends what the last audit saw), re-hash stored locations,
/// re-evaluate every pack and compare with the last audit, then record the audit as one event.
public struct Audit {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The policy packs it evaluates.
    public let library: PolicyLibrary
    /// The use case in `context`, evaluating `library`'s packs.
    public init(context: AppContext, library: PolicyLibrary) {
        self.context = context
        self.library = library
    }

    /// Runs the audit under the ledger's audit lock and records it as one event.
    public func run(_ request: AuditRequest) throws -> AuditOutcome {
        let date = context.date(request.date)
        // One connection for the whole audit: the verify, the flags, its own reads and its event.
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        var local = context
        local.shared = ledger
        let lock = try ledger.lock(.audit, wait: request.wait)
        defer { withExtendedLifetime(lock) {} }
        if request.origin == .commandLine { StopSignal.install() }

        // 1. The log, and the tree the last audit saw.
        let previous = try lastAudit(ledger)
        let since = request.sinceCheckpoint ? try Verify.lastVerifiedTree(ledger) : nil
        let report = try LogVerifier.run(
            ledger, rootsAt: Set(previous.map { [UInt64(max(0, $0.treeSize))] } ?? []), since: since)
        var logProblems = report.problems.map(\.description)
        var consistent = true
        if let previous {
            let root = Data(base64Encoded: previous.rootHash).map(Array.init) ?? []
            let (size, logSize) = (UInt64(max(0, previous.treeSize)), UInt64(report.events))
            let relation =
                (try? LogExtension.of(size: size, root: root, logSize: logSize, rootAt: report.root(size:)))
                ?? .rewritten
            if let problem = relation.problem(seen: "the tree the previous audit saw", size: size, logSize: logSize) {
                consistent = false
                logProblems.append(problem)
            }
        }

        // 2. Stored locations, oldest checked first.
        let (locations, remoteSkipped) = try plannedLocations(request, ledger: ledger)
        var checks: [AuditRecorded.LocationCheck] = []
        var checkedBytes: Int64 = 0
        var interrupted = false
        let hasher = ArtifactHasher(jobs: request.jobs)
        // Tests stop the audit after N locations, as a signal would (WEIGHTLEDGER_AUDIT_STOP_AFTER=N).
        let stopAfter = ProcessInfo.processInfo.environment["WEIGHTLEDGER_AUDIT_STOP_AFTER"].flatMap(Int.init)
        for location in locations {
            if let stopAfter, checks.count >= stopAfter { StopSignal.requested = 1 }
            if StopSignal.isRequested {
                interrupted = true
                break
            }
            // The recorded files are read only when the bytes differ, to name what changed.
            var hasher = hasher
            if let hashing = location.hashing {
                hasher.options = HashOptions(extraIgnores: hashing.ignore, followSymlinks: hashing.followSymlinks)
            }
            let (check, bytes) = Self.rehash(location, hasher: hasher) {
                try ledger.read { try $0.record(location.digest) }
            }
            checks.append(check)
            checkedBytes += bytes
        }
        if StopSignal.isRequested && checks.count < locations.count { interrupted = true }

        // 3. Findings now, against the last audit's: both in key order, a page of the previous
        // ones at a time, so neither set is held (`AuditComparison`).
        // A full audit evaluates every artifact again (and keeps the result); one from the last
        // checkpoint evaluates what changed since the findings were kept (`Flags.needingAttention`).
        let current = SortedSpill()
        _ = try Flags(context: local, library: library).needingAttention(
            date: date, fresh: !request.sinceCheckpoint
        ) { entry in
            let finding = entry.finding.finding
            var key = "\(finding.pack)/\(finding.rule)/\(finding.code)/\(finding.artifact.value)"
            if let deployment = entry.deployment { key += "/\(deployment.destination.code)@\(deployment.seq)" }
            let audited = AuditFinding(
                key: key, pack: finding.pack, code: finding.code, severity: finding.severity.rawValue,
                artifact: entry.artifact.names.first?.description ?? finding.artifact.value,
                explanation: finding.explanation, enforced: finding.enforced)
            try current.add(key: Array(key.utf8), record: audited.bytes)
        }
        let comparison = try AuditComparison(current: current) { after in
            try ledger.read { try $0.openAuditFindings(after: after, limit: 10_000) }
        }
        let newFindings = comparison.new

        let mismatches = checks.filter { !$0.ok && $0.problem != "missing" }
        let missing = checks.filter { $0.problem == "missing" }
        let status: AuditOutcome.Status =
            !logProblems.isEmpty || !mismatches.isEmpty || !missing.isEmpty
            ? .integrityFailure
            : comparison.newEnforced > 0 || (!request.enforcedOnly && !newFindings.isEmpty) ? .findings : .clean

        // 4. The audit itself, one event.
        let event = AuditRecorded(
            date: date, rehash: request.rehash.rawValue, status: status.rawValue, interrupted: interrupted,
            treeSize: report.events,
            rootHash: Data(report.root).base64EncodedString(), checkedBytes: checkedBytes, locations: checks,
            newFindings: comparison.newKeys, resolvedFindings: comparison.resolved, openFindings: comparison.open)
        let seq = try ledger.write {
            try $0.append(.auditRecorded(event), actor: context.actor, at: context.timestamp())
        }
        return AuditOutcome(
            status: status, date: date, checkedArtifacts: Set(checks.map(\.artifact)).count, checkedBytes: checkedBytes,
            mismatches: mismatches, missing: missing, remoteSkipped: remoteSkipped, newFindings: newFindings,
            resolvedFindings: comparison.resolved,
            unchangedFindings: comparison.unchanged, treeSize: report.events, root: report.root,
            consistent: consistent, verifiedFrom: report.since, logProblems: logProblems, interrupted: interrupted,
            event: seq)
    }

    /// The most recent audit's standing (not the keys it lists).
    func lastAudit(_ ledger: any LedgerStore) throws -> AuditRecorded.Standing? {
        try ledger.read { reader in
            guard let seq = try reader.lastAuditEvent(), let event = try reader.events(seq...seq).first else {
                return nil
            }
            return try AuditRecorded.Standing.decode(type: event.type, payload: event.payload)
        }
    }

    struct PlannedLocation {
        let digest: ArtifactDigest
        /// The location as recorded (what the check names).
        let recorded: String
        /// The file or directory to open.
        let path: String
        /// The prefix it must stay under once symbolic links are resolved (an audit root's).
        let within: String?
        let size: Int64
        /// How it was hashed when recorded (nil: the defaults); it is re-hashed the same way.
        let hashing: HashingRecord?
    }

    /// `all`: every location; `stale`: least recently checked first, within --max-bytes (at least
    /// one); `none`: none. Remote locations no audit root covers are left out and counted.
    func plannedLocations(
        _ request: AuditRequest, ledger: any LedgerStore
    ) throws -> (planned: [PlannedLocation], remoteSkipped: Int) {
        guard request.rehash != .none else { return ([], 0) }
        var skipped = 0
        let all = try ledger.read { try $0.locationsByStaleness() }.compactMap { row -> PlannedLocation? in
            guard let (path, within) = request.roots.openable(row.location) else {
                skipped += 1
                return nil
            }
            return PlannedLocation(
                digest: row.digest, recorded: row.location.text, path: path, within: within, size: row.size,
                hashing: row.hashing)
        }
        guard request.rehash == .stale, let budget = request.maxBytes else { return (all, skipped) }
        var planned: [PlannedLocation] = []
        var total: Int64 = 0
        for location in all {
            if !planned.isEmpty && total + location.size > budget { break }
            planned.append(location)
            total += location.size
        }
        return (planned, skipped)
    }

    /// Re-hashes one location and says what differs from the record.
    static func rehash(
        _ location: PlannedLocation, hasher: ArtifactHasher,
        record: () throws -> ArtifactRecord?
    ) -> (AuditRecorded.LocationCheck, Int64) {
        func check(_ ok: Bool, _ problem: String?) -> AuditRecorded.LocationCheck {
            AuditRecorded.LocationCheck(artifact: location.digest, path: location.recorded, ok: ok, problem: problem)
        }
        guard FileManager.default.fileExists(atPath: location.path) else { return (check(false, "missing"), 0) }
        if let within = location.within, !LinkedPath.stays(location.path, under: within) {
            return (check(false, "outside the audit root \(within) once symbolic links are resolved; not opened"), 0)
        }
        do {
            let hashed = try hasher.hash(path: location.path)
            if hashed.digest.description == location.digest.value { return (check(true, nil), hashed.sizeBytes) }
            guard let record = try record(), record.form == .directory, hashed.form == .directory else {
                return (check(false, "bytes changed (now \(hashed.digest.description.prefix(19))…)"), hashed.sizeBytes)
            }
            let recorded = Dictionary(uniqueKeysWithValues: record.files.map { ($0.path, $0.sha256.value) })
            let now = Dictionary(uniqueKeysWithValues: hashed.manifest.entries.map { ($0.path, $0.sha256.description) })
            var problems: [String] = []
            problems += recorded.keys.sorted().filter { now[$0] == nil }.map { "missing file: \($0)" }
            problems += recorded.keys.sorted().filter { now[$0] != nil && now[$0] != recorded[$0] }.map {
                "changed: \($0)"
            }
            problems += now.keys.sorted().filter { recorded[$0] == nil }.map { "new file: \($0)" }
            return (
                check(false, problems.isEmpty ? "manifest changed" : problems.joined(separator: "; ")), hashed.sizeBytes
            )
        } catch {
            return (check(false, "cannot hash: \(error)"), 0)
        }
    }
}
