/// Where registered bytes came from, when the registrant's copy says: a snapshot of the Hugging
/// Face hub cache (`models--ORG--NAME/snapshots/COMMIT/`) names its repository, commit and refs.
/// `hf:ORG/NAME@COMMIT` is the alias other registrations' model cards resolve to.
public struct ArtifactOrigin: Codable, Equatable, Sendable {
    /// `huggingface`.
    public let hub: String
    /// `org/name` on the hub.
    public let repository: String
    /// The commit the snapshot is of (40 hex digits).
    public let revision: String
    /// The refs (`main`, tags) that pointed at that commit in the cache, sorted.
    public let refs: [String]

    /// An origin with every field given.
    public init(hub: String, repository: String, revision: String, refs: [String]) {
        self.hub = hub
        self.repository = repository
        self.revision = revision
        self.refs = refs.sorted()
    }

    /// `hf:org/name@commit`.
    public var alias: String { "hf:\(repository)@\(revision)" }
}

/// What a model card's YAML front matter says, as read when the artifact was registered, and
/// which of the registration's facts were taken from it (a flag given on the command line wins).
public struct ModelCardFacts: Codable, Equatable, Sendable {
    /// `base_model`: the repositories it was made from.
    public let baseModels: [String]
    /// `base_model_relation`: `adapter`, `merge`, `quantized` or `finetune`.
    public let relation: String?
    /// `license`.
    public let license: String?
    /// `datasets`.
    public let datasets: [String]
    /// `pipeline_tag`.
    public let pipelineTag: String?
    /// The facts of the registration that came from the card: `kind`, `parents`, `name`.
    public let used: [String]

    /// Card facts with every field given.
    public init(
        baseModels: [String], relation: String?, license: String?, datasets: [String], pipelineTag: String?,
        used: [String] = []
    ) {
        self.baseModels = baseModels
        self.relation = relation
        self.license = license
        self.datasets = datasets
        self.pipelineTag = pipelineTag
        self.used = used
    }

    /// The same facts, saying which the registration used.
    public func using(_ used: [String]) -> ModelCardFacts {
        ModelCardFacts(
            baseModels: baseModels, relation: relation, license: license, datasets: datasets,
            pipelineTag: pipelineTag, used: used)
    }

    /// The training kind `base_model_relation` means; nil when it names none (or is absent).
    public var kind: TrainingKind? {
        switch relation?.lowercased() {
        case "adapter"?: return .adapter
        case "merge"?: return .merge
        case "quantized"?: return .quantize
        case "finetune"?: return .finetune
        default: return nil
        }
    }
}
