/// The facts of one artifact as its own events state them: the registration, then every later
/// publication, withdrawal and correction in the order recorded. A report built for filing
/// compares these with the record the projection tables hold, so a table edited by hand cannot
/// change what the report says without the report refusing (the events are checked against the
/// Merkle tree; the tables are not part of it).
public struct ArtifactEventFacts: Equatable, Sendable {
    /// The registration as recorded.
    public let registration: ArtifactRegistered
    /// Its event.
    public let registeredSeq: Int64
    /// The training record with every correction applied (the registration's own publication kept).
    public let training: TrainingRecord
    /// Every publication and withdrawal, dated, the registration's included.
    public let publications: PublicationHistory
    /// The event of the latest correction, if any.
    public let correctedSeq: Int64?

    /// Folds an artifact's fact events (as `LedgerReading.factEvents` lists them, in order).
    /// Throws `DomainError.inconsistent` naming the event when one is not about this artifact,
    /// is not a fact event, or comes before the registration.
    public static func fold(
        _ digest: ArtifactDigest, events: [(seq: Int64, event: LedgerEvent)]
    ) throws -> ArtifactEventFacts {
        guard let first = events.first, case .artifactRegistered(let registered) = first.event,
            registered.digest == digest
        else {
            throw DomainError.inconsistent("no artifact.registered event for \(digest.value) heads its fact events")
        }
        var training = registered.training
        var changes = registered.training.published.map {
            [Dated<Publication?>(from: $0.date, value: $0, seq: first.seq)]
        }
        var correctedSeq: Int64?
        for (seq, event) in events.dropFirst() {
            switch event {
            case .artifactPublished(let published) where published.digest == digest:
                let publication: Publication? = published.publication
                changes = (changes ?? []) + [Dated(from: publication?.date, value: publication, seq: seq)]
            case .artifactUnpublished(let withdrawn) where withdrawn.digest == digest:
                changes = (changes ?? []) + [Dated(from: withdrawn.on, value: nil, seq: seq)]
            case .artifactCorrected(let corrected) where corrected.digest == digest:
                training = try corrected.training.publishedAs(registered.training.published)
                correctedSeq = seq
            default:
                throw DomainError.inconsistent("event \(seq) (\(event.type)) is not a fact event of \(digest.value)")
            }
        }
        return ArtifactEventFacts(
            registration: registered, registeredSeq: first.seq, training: training,
            publications: PublicationHistory(changes ?? []), correctedSeq: correctedSeq)
    }

    /// Each way `record` (read from the tables) differs from these facts, as "FIELD: the tables say
    /// X, the events say Y"; empty when they agree.
    public func disagreements(with record: ArtifactRecord) -> [String] {
        var found: [String] = []
        func compare<T: Equatable>(_ field: String, _ table: T, _ events: T) {
            if table != events { found.append("\(field): the tables say \(table), its events say \(events)") }
        }
        let ours = training
        let theirs = record.training
        compare("registered event", record.registeredSeq, registeredSeq)
        compare("form", record.form.rawValue, registration.form.rawValue)
        compare("size", record.sizeBytes, registration.sizeBytes)
        compare("files", record.files.map(\.description), registration.files.map(\.description))
        if record.model != registration.model { found.append("model header: the tables differ from its event") }
        compare("kind", theirs.kind.rawValue, ours.kind.rawValue)
        compare("parents", theirs.parents.map(\.value), ours.parents.map(\.value))
        compare("trained in", theirs.trainedIn?.code ?? "unknown", ours.trainedIn?.code ?? "unknown")
        compare("site", theirs.site ?? "none", ours.site ?? "none")
        compare("compute", Self.describe(theirs.compute), Self.describe(ours.compute))
        if theirs.compute.inputs != ours.compute.inputs {
            found.append("compute inputs: the tables differ from its events")
        }
        compare("started", theirs.started?.description ?? "none", ours.started?.description ?? "none")
        compare("finished", theirs.finished?.description ?? "none", ours.finished?.description ?? "none")
        compare("developer", theirs.developer?.value ?? "none", ours.developer?.value ?? "none")
        compare("publications", record.publications.changes.map(Self.describe), publications.changes.map(Self.describe))
        compare(
            "latest correction", record.correctedSeq.map { "event \($0)" } ?? "none",
            correctedSeq.map { "event \($0)" } ?? "none")
        return found
    }

    static func describe(_ compute: Compute) -> String {
        "\(Format.operations(compute.operations)) operations (\(compute.method.rawValue))"
    }

    static func describe(_ change: Dated<Publication?>) -> String {
        let day = change.from?.description ?? "undated"
        return "event \(change.seq): "
            + (change.value.map { "published \($0.url) from \(day)" } ?? "withdrawn from \(day)")
    }
}

extension ArtifactFile: CustomStringConvertible {
    /// `PATH (SIZE bytes, sha256:…)`, for comparisons a person reads.
    public var description: String { "\(path) (\(size) bytes, \(sha256.value))" }
}

extension TrainingRecord {
    /// The same record with its registration publication set to `published`.
    func publishedAs(_ published: Publication?) throws -> TrainingRecord {
        try TrainingRecord(
            kind: kind, parents: parents, trainedIn: trainedIn, site: site, compute: compute, published: published,
            started: started, finished: finished, developer: developer, externalParents: externals)
    }
}
