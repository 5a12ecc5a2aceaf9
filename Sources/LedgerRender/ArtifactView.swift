import LedgerCore
import LedgerUseCases

/// An artifact as `show --json` and the API print it. Keys are a contract (README "JSON").
///
/// Optional values are written as `null`, never left out, so scripts can rely on every key.
public struct ArtifactView: Encodable, Sendable {
    let record: ArtifactRecord
    let cumulative: CumulativeCompute
    /// Digests of artifacts made directly from this one.
    let children: [ArtifactDigest]

    /// The view of one artifact's details.
    public init(_ details: ArtifactDetails) {
        record = details.record
        cumulative = details.cumulative
        children = details.children
    }

    enum Keys: String, CodingKey {
        case digest, names, form, kind, files, sizeBytes, trainedIn, site, compute, cumulativeCompute, parents, children
        case published, locations, started, finished, registeredAt, registeredSeq, model
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
        try out.encode(CumulativeView(cumulative), forKey: .cumulativeCompute)
        try out.encode(training.parents, forKey: .parents)
        try out.encode(children, forKey: .children)
        try out.encode(training.published.map(PublishedView.init), forKey: .published)
        try out.encode(record.locations, forKey: .locations)
        try out.encode(training.started, forKey: .started)
        try out.encode(training.finished, forKey: .finished)
        try out.encode(record.registeredAt, forKey: .registeredAt)
        try out.encode(record.registeredSeq, forKey: .registeredSeq)
        try out.encode(record.model.map(ModelView.init), forKey: .model)
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

/// `{operations, complete, unknownAncestors}`; `operations` is a lower bound when not complete.
public struct CumulativeView: Encodable, Sendable {
    let cumulative: CumulativeCompute
    /// The JSON view of `CumulativeCompute`.
    public init(_ cumulative: CumulativeCompute) { self.cumulative = cumulative }
    enum Keys: String, CodingKey { case operations, complete, unknownAncestors, artifactCount }
    public func encode(to encoder: Encoder) throws {
        var out = encoder.container(keyedBy: Keys.self)
        try out.encode(cumulative.operations, forKey: .operations)
        try out.encode(cumulative.complete, forKey: .complete)
        try out.encode(cumulative.unknownAncestors, forKey: .unknownAncestors)
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

    init(_ model: ModelInfo) {
        format = model.format
        parameters = model.parameters
        dtypes = model.dtypes
        tensors = model.tensors
        architecture = Nullable(model.architecture)
        name = Nullable(model.name)
        files = model.files
    }
}
