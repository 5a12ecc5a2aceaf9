import LedgerCore
import LedgerUseCases

/// An artifact as `show --json` and the API print it. Keys are a contract (README "JSON").
///
/// Optional values are written as `null`, never left out, so scripts can rely on every key.
public struct ArtifactView: Encodable, Sendable {
    let details: ArtifactDetails
    var record: ArtifactRecord { details.record }

    /// The view of one artifact's details.
    public init(_ details: ArtifactDetails) { self.details = details }

    enum Keys: String, CodingKey {
        case digest, names, form, kind, files, sizeBytes, trainedIn, site, compute, cumulativeCompute, parents, children
        case published, locations, started, finished, registeredAt, registeredSeq, model
        case asOf, publications, developer, correctedSeq, history, origin, card, externalParents, signatures
    }

    public func encode(to encoder: Encoder) throws {
        let training = record.training
        var out = encoder.container(keyedBy: Keys.self)
        try out.encode(record.digest, forKey: .digest)
        try out.encode(record.names, forKey: .names)
        try out.encode(record.form, forKey: .form)
        try out.encode(training.kind, forKey: .kind)
        try out.encode(record.files.map(FileView.init), forKey: .files)
        try out.encode(record.sizeBytes, forKey: .sizeBytes)
        try out.encode(training.trainedIn, forKey: .trainedIn)
        try out.encode(training.site, forKey: .site)
        try out.encode(ComputeView(training.compute), forKey: .compute)
        try out.encode(CumulativeView(details.cumulative), forKey: .cumulativeCompute)
        try out.encode(training.parents, forKey: .parents)
        try out.encode(training.externals, forKey: .externalParents)
        try out.encode(details.children, forKey: .children)
        try out.encode(details.publication.map(PublishedView.init), forKey: .published)
        try out.encode(record.locations, forKey: .locations)
        try out.encode(training.started, forKey: .started)
        try out.encode(training.finished, forKey: .finished)
        try out.encode(record.registeredAt, forKey: .registeredAt)
        try out.encode(record.registeredSeq, forKey: .registeredSeq)
        try out.encode(record.model.map(ModelView.init), forKey: .model)
        try out.encode(record.origin, forKey: .origin)
        try out.encode(record.card, forKey: .card)
        try out.encode(details.asOf, forKey: .asOf)
        try out.encode(record.publications.changes.map(PublicationChangeView.init), forKey: .publications)
        try out.encode(training.developer, forKey: .developer)
        try out.encode(record.correctedSeq, forKey: .correctedSeq)
        try out.encode(details.history?.map(HistoryEntryView.init), forKey: .history)
        try out.encode(
            details.signatures.map { list in list.map { SignatureEntryView(seq: $0.seq, signature: $0.signature) } },
            forKey: .signatures)
    }
}

/// One entry of `signatures`: the record with the event that made it (`seq`).
struct SignatureEntryView: Encodable {
    let seq: Int64
    let signature: ModelSignatureRecord
}

/// One entry of `publications`: `{seq, from, url, withdrawn}`; `url` is null for a withdrawal.
struct PublicationChangeView: Encodable {
    let change: Dated<Publication?>
    init(_ change: Dated<Publication?>) { self.change = change }
    enum Keys: String, CodingKey { case seq, from, url, withdrawn }
    func encode(to encoder: Encoder) throws {
        var out = encoder.container(keyedBy: Keys.self)
        try out.encode(change.seq, forKey: .seq)
        try out.encode(change.from, forKey: .from)
        try out.encode(change.value?.url, forKey: .url)
        try out.encode(change.value == nil, forKey: .withdrawn)
    }
}

/// One entry of `history`: `{seq, recordedAt, actor, type, summary, changes, reason}`.
struct HistoryEntryView: Encodable {
    let entry: FactHistoryEntry
    init(_ entry: FactHistoryEntry) { self.entry = entry }
    enum Keys: String, CodingKey { case seq, recordedAt, actor, type, summary, changes, reason }
    struct ChangeView: Encodable {
        let field: String
        let from: String
        let to: String
    }
    func encode(to encoder: Encoder) throws {
        var out = encoder.container(keyedBy: Keys.self)
        try out.encode(entry.seq, forKey: .seq)
        try out.encode(entry.recordedAt, forKey: .recordedAt)
        try out.encode(entry.actor, forKey: .actor)
        try out.encode(entry.type, forKey: .type)
        try out.encode(entry.summary, forKey: .summary)
        switch entry.change {
        case .corrected(let changes, let reason):
            try out.encode(changes.map { ChangeView(field: $0.field, from: $0.from, to: $0.to) }, forKey: .changes)
            try out.encode(reason, forKey: .reason)
        case .withdrawn(_, let reason):
            try out.encode([ChangeView](), forKey: .changes)
            try out.encode(reason, forKey: .reason)
        default:
            try out.encode([ChangeView](), forKey: .changes)
            try out.encodeNil(forKey: .reason)
        }
    }
}

/// `{path, size, sha256}`.
struct FileView: Encodable {
    let path: String
    let size: Int64
    let sha256: String
    init(_ file: ArtifactFile) {
        path = file.path
        size = file.size
        sha256 = file.sha256.value
    }
}

/// `{operations, method, inputs}`; `operations` is a number or null.
public struct ComputeView: Encodable, Sendable {
    let compute: Compute
    /// The JSON view of `Compute`.
    public init(_ compute: Compute) { self.compute = compute }
    enum Keys: String, CodingKey { case operations, method, inputs }
    public func encode(to encoder: Encoder) throws {
        var out = encoder.container(keyedBy: Keys.self)
        try out.encode(compute.operations, forKey: .operations)
        try out.encode(compute.method, forKey: .method)
        try out.encode(compute.inputs, forKey: .inputs)
    }
}

/// `{operations, complete, unknownAncestors, unknownExternalParents, artifactCount}`; `operations` is
/// a lower bound when not complete.
public struct CumulativeView: Encodable, Sendable {
    let cumulative: CumulativeCompute
    /// The JSON view of `CumulativeCompute`.
    public init(_ cumulative: CumulativeCompute) { self.cumulative = cumulative }
    enum Keys: String, CodingKey { case operations, complete, unknownAncestors, unknownExternalParents, artifactCount }
    public func encode(to encoder: Encoder) throws {
        var out = encoder.container(keyedBy: Keys.self)
        try out.encode(cumulative.operations, forKey: .operations)
        try out.encode(cumulative.complete, forKey: .complete)
        try out.encode(cumulative.unknownAncestors, forKey: .unknownAncestors)
        try out.encode(cumulative.unknownExternal, forKey: .unknownExternalParents)
        try out.encode(cumulative.artifactCount, forKey: .artifactCount)
    }
}

/// `{url, date}`; `date` is null when unknown.
struct PublishedView: Encodable {
    let publication: Publication
    init(_ publication: Publication) { self.publication = publication }
    enum Keys: String, CodingKey { case url, date }
    func encode(to encoder: Encoder) throws {
        var out = encoder.container(keyedBy: Keys.self)
        try out.encode(publication.url, forKey: .url)
        try out.encode(publication.date, forKey: .date)
    }
}

/// `model` in `show --json`: what the safetensors or GGUF headers say; null when there are none.
struct ModelView: Encodable {
    let format: String
    let parameters: Int64
    let dtypes: [String: Int64]
    let tensors: Int
    let architecture: Nullable<String>
    let name: Nullable<String>
    let files: Int
    let activeParameters: Nullable<Int64>
    let experts: Nullable<Int>
    let expertsUsed: Nullable<Int>
    let splitCount: Nullable<Int>
    let skippedVariants: [String]
    let quantization: Nullable<String>

    init(_ model: ModelInfo) {
        quantization = Nullable(model.quantization)
        activeParameters = Nullable(model.activeParameters)
        experts = Nullable(model.experts)
        expertsUsed = Nullable(model.expertsUsed)
        splitCount = Nullable(model.splitCount)
        skippedVariants = model.skippedVariants ?? []
        format = model.format
        parameters = model.parameters
        dtypes = model.dtypes
        tensors = model.tensors
        architecture = Nullable(model.architecture)
        name = Nullable(model.name)
        files = model.files
    }
}
