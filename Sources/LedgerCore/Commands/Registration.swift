import Foundation

/// What a registrant says about how an artifact was made, checked: the typed command behind
/// `register` (CLI options) and `POST /api/v1/artifacts` (JSON keys). Every rule about the facts
/// themselves is applied here, once; rules that need the ledger (parents resolve, names are
/// free, re-registration repeats the record) are the use case's.
public struct Registration: Equatable, Sendable {
    /// Names to bind (`org/model[:tag]`); each at most once.
    public var names: [ArtifactName]
    /// Nil: inferred from the parent count (and said so).
    public var kind: TrainingKind?
    /// What it was made from, as typed; resolved against the ledger when recorded.
    public var parents: [ArtifactReference]
    /// Base models by name (a model card's `base_model`, `--base-model`): each resolves to an artifact
    /// in the ledger (by name, else by the hub repository it was registered from) when recorded, and
    /// one that does not is recorded as a parent outside the ledger, its compute unknown.
    public var baseModels: [String]
    /// The country it was trained in (ISO 3166-1 alpha-2).
    public var trainedIn: CountryCode?
    /// Where in that country, free text, trimmed; nil when blank.
    public var site: String?
    /// This step's own training compute.
    public var compute: ComputeClaim
    /// Where and when the weights were published openly.
    public var published: Publication?
    /// The day training started.
    public var started: LedgerDate?
    /// The day training finished (not before `started`).
    public var finished: LedgerDate?
    /// The organisation that made this step (must be in the ledger: `org add`).
    public var developer: OrganisationName?
    /// A new name that looks like an existing one is meant (`NameRules`).
    public var allowSimilarName: Bool

    /// The facts as typed or sent, before checking. The JSON keys are the API's contract.
    public struct Draft: Codable, Equatable, Sendable {
        /// `names` (`--name`, repeatable).
        public var names: [String]?
        /// `kind` (`--kind`): a training kind.
        public var kind: String?
        /// `parents` (`--parent`, repeatable): digests, prefixes or names.
        public var parents: [String]?
        /// `baseModels` (`--base-model`, repeatable; a model card's `base_model`): names of base
        /// models, in the ledger or not.
        public var baseModels: [String]?
        /// `trainedIn` (`--trained-in`): an ISO 3166-1 alpha-2 code.
        public var trainedIn: String?
        /// `site` (`--site`): free text.
        public var site: String?
        /// `compute` (`--compute`, `--params` … `--hours`): at most one method.
        public var compute: ComputeDraft?
        /// `published` (`--published`): an http(s) URL.
        public var published: String?
        /// `publishedOn` (`--published-on`): YYYY-MM-DD; needs `published`.
        public var publishedOn: String?
        /// `started` (`--started`): YYYY-MM-DD.
        public var started: String?
        /// `finished` (`--finished`): YYYY-MM-DD.
        public var finished: String?
        /// `developer` (`--developer`): an organisation in the ledger.
        public var developer: String?
        /// `allowSimilarName` (`--allow-similar-name`): a name like an existing one is meant.
        public var allowSimilarName: Bool?

        /// A draft with the fields given; nil fields were not given.
        public init(
            names: [String]? = nil, kind: String? = nil, parents: [String]? = nil, trainedIn: String? = nil,
            site: String? = nil, compute: ComputeDraft? = nil, published: String? = nil, publishedOn: String? = nil,
            started: String? = nil, finished: String? = nil, developer: String? = nil, allowSimilarName: Bool? = nil,
            baseModels: [String]? = nil
        ) {
            self.baseModels = baseModels
            self.allowSimilarName = allowSimilarName
            self.developer = developer
            self.names = names
            self.kind = kind
            self.parents = parents
            self.trainedIn = trainedIn
            self.site = site
            self.compute = compute
            self.published = published
            self.publishedOn = publishedOn
            self.started = started
            self.finished = finished
        }
    }

    /// Checks every fact of `draft`, naming the field at fault by its key.
    public init(_ draft: Draft) throws {
        if draft.publishedOn != nil && draft.published == nil {
            throw DomainError.inconsistent("\(field: .publishedOn) needs \(field: .published) URL")
        }
        names = try FieldKey.names.parsing { try (draft.names ?? []).map { try ArtifactName($0) } }
        guard Set(names).count == names.count else {
            throw DomainError.inconsistent("the same \(field: .names) is given twice")
        }
        let publishedOn = try FieldKey.publishedOn.parsing { try draft.publishedOn.map { try LedgerDate($0) } }
        kind = try FieldKey.kind.parsing { try draft.kind.map { try TrainingKind(parsing: $0) } }
        parents = try FieldKey.parents.parsing { try (draft.parents ?? []).map { try ArtifactReference($0) } }
        baseModels = try Self.baseModels(draft.baseModels ?? [])
        trainedIn = try FieldKey.trainedIn.parsing { try draft.trainedIn.map { try CountryCode($0) } }
        site = try FreeText.line(draft.site, field: .site)
        compute = try (draft.compute ?? ComputeDraft()).claim()
        published = try FieldKey.published.parsing {
            try draft.published.map { try Publication(url: $0, date: publishedOn) }
        }
        started = try FieldKey.started.parsing { try draft.started.map { try LedgerDate($0) } }
        finished = try FieldKey.finished.parsing { try draft.finished.map { try LedgerDate($0) } }
        developer = try FieldKey.developer.parsing { try draft.developer.map { try OrganisationName($0) } }
        allowSimilarName = draft.allowSimilarName ?? false
    }

    /// True when any training fact was given (re-registration then checks them against the record).
    public var givesTrainingFacts: Bool {
        kind != nil || !parents.isEmpty || !baseModels.isEmpty || trainedIn != nil || site != nil || compute.isGiven
            || published != nil
            || started != nil || finished != nil || developer != nil
    }

    /// The training record these facts make with the parents resolved (`external`: the base models
    /// not in the ledger) and compute known; checks parents against kind and the dates' order.
    public func trainingRecord(
        parents resolved: [ArtifactDigest], external: [String] = [], compute known: Compute
    ) throws -> TrainingRecord {
        try TrainingRecord(
            kind: kind ?? TrainingKind.inferred(parentCount: resolved.count + external.count), parents: resolved,
            trainedIn: trainedIn, site: site, compute: known, published: published,
            started: started, finished: finished, developer: developer, externalParents: external)
    }

    /// At most 50 names of base models, each one line of at most 200 visible characters, none twice.
    static func baseModels(_ names: [String]) throws -> [String] {
        let key = FieldKey("baseModels")
        guard names.count <= 50 else { throw InputError("\(field: key) lists more than 50 names") }
        let checked = try names.map { name in
            guard let line = try FreeText.line(name, field: key, limit: ExternalParent.maximumLength) else {
                throw InputError("\(field: key) holds a blank name")
            }
            return line
        }
        guard Set(checked).count == checked.count else {
            throw DomainError.inconsistent("the same \(field: key) is given twice")
        }
        return checked
    }

    /// Re-registering known bytes may repeat their facts, never change them: corrections are
    /// separate events, so a pipeline that re-runs cannot silently rewrite history. Throws
    /// naming every fact that differs from `recorded`.
    /// A publication repeats a fact when the history holds it (`publish` may have recorded it later).
    public func checkRepeats(
        _ recorded: TrainingRecord, publications: PublicationHistory, parents resolved: [ArtifactDigest],
        compute known: Compute, digest: ArtifactDigest, external: [String] = []
    ) throws {
        var differences: [FieldMessage] = []
        func compare<T: Equatable>(_ field: FieldKey, _ given: T?, _ stored: T?, show: (T?) -> String) {
            if let given, given != stored {
                differences.append("\(field: field) \(show(given)) (recorded: \(show(stored)))")
            }
        }
        compare(.kind, kind, recorded.kind) { $0?.rawValue ?? "none" }
        if !resolved.isEmpty && resolved != recorded.parents {
            let given = resolved.map(\.short).joined(separator: ",")
            let stored = recorded.parents.map(\.short).joined(separator: ",")
            differences.append("\(field: .parents) \(given) (recorded: \(stored))")
        }
        if !external.isEmpty && external != recorded.externals {
            let stored = recorded.externals.isEmpty ? "none" : recorded.externals.joined(separator: ", ")
            differences.append(
                "parents outside the ledger \(external.joined(separator: ", ")) (recorded: \(stored))")
        }
        compare(.trainedIn, trainedIn, recorded.trainedIn) { $0?.code ?? "none" }
        compare(.site, site, recorded.site) { $0 ?? "none" }
        if known.method != .unknown && known != recorded.compute {
            differences.append(
                "compute \(Format.operations(known.operations)) by \(known.method.rawValue) "
                    + "(recorded: \(Format.operations(recorded.compute.operations)) by "
                    + "\(recorded.compute.method.rawValue))"
            )
        }
        if let published, !publications.changes.contains(where: { $0.value == published }) {
            let stored = publications.publication(on: nil)?.url ?? "none"
            differences.append("\(field: .published) \(published.url) (recorded: \(stored))")
        }
        compare(.started, started, recorded.started) { $0?.description ?? "none" }
        compare(.finished, finished, recorded.finished) { $0?.description ?? "none" }
        compare(.developer, developer, recorded.developer) { $0?.value ?? "none" }
        guard let first = differences.first else { return }
        let listed = differences.dropFirst().reduce(first) { $0 + "; " + $1 }
        throw InputError(
            "\(digest.short)… is already registered with other facts: " + listed
                + "; re-registering cannot change recorded facts: if they were recorded wrong, run "
                + "`weightledger correct \(digest.short) --FIELD VALUE --reason TEXT`, and for a later "
                + "publication `weightledger publish`")
    }
}
