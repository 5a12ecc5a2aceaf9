import LedgerCore

/// The declarative condition language of policy packs. No scripting: each case is one
/// question about the artifact, its lineage or the deployment, combined with all/any/not.
public indirect enum Condition: Sendable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    /// `any` or `all` chosen by a parameter, e.g. whether two limits mean the lesser or the greater.
    case combine(mode: Operand, of: [Condition])
    /// A compute measure compared with a value.
    case compute(measure: Measure, op: Operand, value: Operand)
    /// One compute measure as a fraction of another, compared with a value.
    case ratio(numerator: Measure, denominator: Measure, op: Operand, value: Operand)
    /// Whether the weights are published (copies of the same weights inherit it).
    case published(Bool)
    /// Whether some ancestor's weights are published.
    case hasPublishedAncestor(Bool)
    /// The artifact's own kind is one of these.
    case kind([TrainingKind])
    /// The destination country is in the set, as of the date.
    case destinationIn(String)
    /// The artifact's training country is in the set, as of the date.
    case trainedIn(String)
    /// The deployment's kind is one of these.
    case deploymentKind([DeploymentKind])
    /// The artifact is named in these lists (digests, or names with or without a tag).
    case listed(digests: [ArtifactDigest], names: [String])
    /// A condition the pack defines by name in `definitions`.
    case defined(String)
    /// The exporter and every organisation above it, up to its ultimate parent, are headquartered
    /// in the set on the date (unknown when no exporter is recorded).
    case exporterHeadquarteredIn(String)
    /// The artifact's developer differs from a parent's developer (a downstream modifier); unknown
    /// when a developer is not recorded.
    case downstreamModifier(Bool)
    /// The developer's annual revenue for the calendar year `yearsBefore` years before the date's
    /// (the highest figure recorded for it or an organisation above it) compared with a value.
    case developerRevenue(op: Operand, value: Operand, yearsBefore: Operand)
    /// Whether a compute measure is known completely (no unknown compute in it).
    case computeKnown(Measure)
    /// A pack parameter holds this word (`yes`, `no`, …): rules that depend on a reading legal chooses.
    case parameterIs(name: String, value: String)
    /// Some artifact in the lineage (itself included) was made by one of these kinds.
    case lineageKind([TrainingKind])
    /// A fact the ledger does not record: always undetermined, naming it (never silently clear).
    case unrecorded(String)

    /// Whether the condition asks about a destination: such rules apply only to deployments and checks.
    public func needsDestination(_ definitions: [String: Condition]) -> Bool {
        switch self {
        case .all(let parts), .any(let parts), .combine(_, let parts):
            return parts.contains { $0.needsDestination(definitions) }
        case .not(let inner): return inner.needsDestination(definitions)
        case .destinationIn, .deploymentKind: return true
        case .defined(let name): return definitions[name]?.needsDestination(definitions) ?? false
        default: return false
        }
    }
}

/// A literal value or a reference to a pack parameter.
public enum Operand: Sendable, Equatable {
    case number(Double)
    case text(String)
    case parameter(String)
}

/// Which compute figure a condition reads.
public enum Measure: String, Sendable, CaseIterable {
    /// The artifact's own training step.
    case own
    /// The whole ancestry, each distinct artifact once (BRIEF "Cumulative compute").
    case cumulative
    /// Compute added since the nearest published ancestors (all of it when there are none).
    case sincePublished
    /// Cumulative compute of the nearest published ancestor (the smallest, when several).
    case publishedBase
    /// Cumulative compute of the parents' ancestry (what the artifact was made from).
    case parents
    /// Cumulative compute without the teachers of distillation steps: a distilled model's own
    /// training counts, the teacher's lineage does not (POLICY-BRIEF §1, distillation).
    case cumulativeWithoutTeachers
}

/// Comparison operators a pack may use.
public enum Comparison: String, Sendable, CaseIterable {
    case greater = ">"
    case greaterOrEqual = ">="
    case less = "<"
    case lessOrEqual = "<="

    func holds(_ lhs: Double, _ rhs: Double) -> Bool {
        switch self {
        case .greater: return lhs > rhs
        case .greaterOrEqual: return lhs >= rhs
        case .less: return lhs < rhs
        case .lessOrEqual: return lhs <= rhs
        }
    }
}
