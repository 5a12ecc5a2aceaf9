import Foundation
import LedgerCore
import LedgerPolicy
import LedgerStore

/// The standard formats an artifact is exported in (`export --format`, `?format=`).
public enum ExportFormat: String, CaseIterable, Sendable {
    /// An in-toto Statement v1 with an SLSA Provenance v1 predicate.
    case inToto = "in-toto"
    /// A CycloneDX 1.6 JSON BOM with a machine-learning-model component.
    case cyclonedx
    /// An SPDX 3.0.1 JSON-LD document with the AI profile.
    case spdx
    /// The lines `sha256sum -c` reads.
    case sha256sums

    /// Parses `--format`/`?format=`, naming the choices when it is none of them.
    public init(parsing text: String) throws {
        guard let format = ExportFormat(rawValue: text) else {
            throw InputError(
                "format \(text) is not one of \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = format
    }
}

/// One artifact of an export, with what the ledger proves about it.
public struct ExportMember: Sendable {
    /// Everything recorded about it.
    public let record: ArtifactRecord
    /// Its cumulative compute over its ancestry.
    public let cumulative: CumulativeCompute
    /// Its `artifact.registered` event with the inclusion proof against `ExportSource.evidence`.
    public let registration: ProvenEvent
    /// Its artifact-level policy findings on the export's date (no destination).
    public let check: CheckReport
}

/// What an export states: the artifact (and, with its lineage, every ancestor), the records of
/// every parent it names, and the log it was read from.
public struct ExportSource: Sendable {
    /// The artifact first, then its ancestors (with `--with-lineage`), each once, nearest first.
    public let members: [ExportMember]
    /// Every artifact a member names as a parent, by digest (names and form for dependencies).
    public let parents: [ArtifactDigest: ArtifactRecord]
    /// The ledger id, the log size and root the export was read at.
    public let evidence: LogEvidence
    /// The date the policy outcomes hold on.
    public let date: LedgerDate
    /// When the export was made (RFC 3339).
    public let generatedAt: String
}

/// `export REF --format …`: reads the artifact (and its ancestry) in one snapshot, proves each
/// registration against the log, and evaluates its artifact-level rules, for a renderer to write.
public struct Export {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The packs whose outcomes the exports carry.
    public let library: PolicyLibrary

    /// The use case in `context`.
    public init(context: AppContext, library: PolicyLibrary) {
        self.context = context
        self.library = library
    }

    /// The source of an export of `reference`; `withLineage` adds every ancestor.
    public func run(
        _ reference: ArtifactReference, withLineage: Bool, on date: LedgerDate? = nil
    ) throws
        -> ExportSource
    {
        let day = context.date(date)
        let packs = try library.select([])
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { reader in
            let digest = try reader.resolve(reference)
            let walk = try Lineage.walk(reader, from: digest, direction: .ancestors, limit: .max).view
            let nodes = withLineage ? walk.nodes : walk.nodes.filter { $0.record.digest == digest }
            var parents: [ArtifactDigest: ArtifactRecord] = [:]
            for node in walk.nodes { parents[node.record.digest] = node.record }
            var evidence = ReportEvidence(reader: reader)
            try evidence.check(records: walk.nodes.map(\.record))
            let log = try evidence.finish()
            let proofs = Dictionary(log.events.map { ($0.seq, $0) }, uniquingKeysWith: { first, _ in first })
            let evaluation = PolicyEvaluation(packs: packs)
            let members = try nodes.map { node in
                guard let registration = proofs[node.record.registeredSeq] else {
                    throw IntegrityFailure(problems: ["no proven registration for \(node.record.digest.value)"])
                }
                return ExportMember(
                    record: node.record, cumulative: node.cumulative, registration: registration,
                    check: try evaluation.report(
                        reader: reader, digest: node.record.digest, destination: nil, kind: nil, date: day))
            }
            // Whole seconds: SPDX's DateTime and CycloneDX's timestamps both take them.
            var time = context.timestamp()
            if let dot = time.firstIndex(of: "."), time.hasSuffix("Z") { time = String(time[..<dot]) + "Z" }
            return ExportSource(members: members, parents: parents, evidence: log, date: day, generatedAt: time)
        }
    }
}
