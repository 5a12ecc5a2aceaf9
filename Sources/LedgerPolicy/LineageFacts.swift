import LedgerCore

/// A compute figure as policy sees it: a value that may be only a lower bound.
public struct ComputeFigure: Sendable, Equatable {
    /// Sum of the known figures; nil when none is known, or when the measure does not apply.
    public let value: Double?
    /// False when some artifact's compute is unknown: `value` is then a lower bound.
    public let complete: Bool
    /// The artifacts whose compute is unknown.
    public let missing: [ArtifactDigest]
    /// The parents outside the ledger whose compute is unknown, by name.
    public let missingExternal: [String]

    /// A figure; `missingExternal` names parents outside the ledger.
    public init(value: Double?, complete: Bool, missing: [ArtifactDigest], missingExternal: [String] = []) {
        self.value = value
        self.complete = complete
        self.missing = missing
        self.missingExternal = missingExternal
    }

    /// A measure that does not apply (e.g. the published base of a model with no published ancestor).
    public static let notApplicable = ComputeFigure(value: nil, complete: true, missing: [])

    /// What a rule on this figure waits for: the artifacts, and the parents outside the ledger in words.
    var undetermined: Truth {
        .unknown(
            missing: Set(missing),
            facts: Set(missingExternal.map { "the compute of \(ExternalParent.label($0))" }))
    }

    /// True when there is a figure, or one might exist (unknowns).
    public var isApplicable: Bool { value != nil || !complete }

    /// Compares with a threshold, three-valued: a lower bound settles `>`/`>=` only when it
    /// already exceeds, and `<`/`<=` only when it already fails.
    func compare(_ op: Comparison, _ threshold: Double) -> Truth {
        guard isApplicable else { return .no }
        let known = value ?? 0
        if complete { return op.holds(known, threshold) ? .yes : .no }
        switch op {
        case .greater, .greaterOrEqual: return op.holds(known, threshold) ? .yes : undetermined
        case .less, .lessOrEqual: return op.holds(known, threshold) ? undetermined : .no
        }
    }
}

/// The compute and publication facts of one artifact's lineage that rules ask about.
///
/// Copies of the same weights (quantize, convert, prune) inherit their parent's status: they
/// are published when their parents are, and an unknown own figure of theirs adds nothing
/// (their weights were trained by their ancestors), where any other unknown makes a lower bound.
public struct LineageFacts: Sendable, Equatable {
    /// The artifact.
    public let digest: ArtifactDigest
    /// Its own step's compute.
    public let own: ComputeFigure
    /// The sum over its whole ancestry, itself included.
    public let cumulative: ComputeFigure
    /// Compute since its nearest published ancestor.
    public let sincePublished: ComputeFigure
    /// The cumulative compute of that published ancestor.
    public let publishedBase: ComputeFigure
    /// The cumulative compute of what it was made from.
    public let parents: ComputeFigure
    /// The cumulative compute without the lineage of distillation teachers.
    public let cumulativeWithoutTeachers: ComputeFigure
    /// The kinds of every step in the lineage, itself included.
    public let lineageKinds: Set<TrainingKind>
    /// Published itself, or a same-weights copy of published weights.
    public let published: Bool
    /// The nearest published ancestors (none of which is an ancestor of another), sorted.
    public let publishedAncestors: [ArtifactDigest]
    /// The date the facts hold on (nil: every publication counts, whatever its date).
    public let date: LedgerDate?
    /// The publication dates in the lineage: the facts are the same on any other date on which
    /// each of these has, or has not yet, come (`holds(on:)`).
    public let publicationDates: [LedgerDate]

    /// Whether these facts are also the facts on `other`: no publication or withdrawal in the
    /// lineage falls between the two dates.
    public func holds(on other: LedgerDate) -> Bool {
        guard let date else { return publicationDates.isEmpty }
        return publicationDates.allSatisfy { ($0 <= date) == ($0 <= other) }
    }

    /// The figure a rule's measure names.
    public func figure(_ measure: Measure) -> ComputeFigure {
        switch measure {
        case .own: return own
        case .cumulative: return cumulative
        case .sincePublished: return sincePublished
        case .publishedBase: return publishedBase
        case .parents: return parents
        case .cumulativeWithoutTeachers: return cumulativeWithoutTeachers
        }
    }

    /// Computes the facts of `digest` on `date` from a graph holding its whole ancestry: weights
    /// count as published only from their publication date. Without a date, every publication counts.
    public init(of digest: ArtifactDigest, in graph: LineageGraph, on date: LedgerDate? = nil) {
        self = ChainedFacts(of: digest, in: graph, on: date).facts
    }

    /// The facts with every field given (`ChainedFacts` builds them).
    init(
        digest: ArtifactDigest, own: ComputeFigure, cumulative: ComputeFigure, sincePublished: ComputeFigure,
        publishedBase: ComputeFigure, parents: ComputeFigure, cumulativeWithoutTeachers: ComputeFigure,
        lineageKinds: Set<TrainingKind>, published: Bool, publishedAncestors: [ArtifactDigest], date: LedgerDate?,
        publicationDates: [LedgerDate]
    ) {
        self.digest = digest
        self.own = own
        self.cumulative = cumulative
        self.sincePublished = sincePublished
        self.publishedBase = publishedBase
        self.parents = parents
        self.cumulativeWithoutTeachers = cumulativeWithoutTeachers
        self.lineageKinds = lineageKinds
        self.published = published
        self.publishedAncestors = publishedAncestors
        self.date = date
        self.publicationDates = publicationDates
    }
}

extension ComputeFigure {
    /// The figure of a sum.
    init(_ parts: ComputeParts) {
        self.init(
            value: parts.operations, complete: parts.complete, missing: parts.unknown,
            missingExternal: parts.external.sorted())
    }
}
