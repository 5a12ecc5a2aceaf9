/// How an artifact came to be from its parents.
public enum TrainingKind: String, CaseIterable, Codable, Sendable {
    case pretrain
    case continuedPretrain = "continued-pretrain"
    case finetune
    case adapter
    case merge
    case distill
    case quantize
    case prune
    case convert

    /// Parses a kind name; the error lists the accepted names.
    public init(parsing text: String) throws {
        guard let kind = TrainingKind(rawValue: text.lowercased()) else {
            throw DomainError.invalid(
                field: "kind", value: text,
                expected: TrainingKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self = kind
    }

    /// Kinds that produce the same weights in another form (inherit their parent's status).
    public var isSameWeights: Bool { self == .quantize || self == .convert || self == .prune }

    /// The kind assumed when none is given: a root is a pretrain, one parent a fine-tune,
    /// several a merge. Printed back to the user, so the guess is visible.
    public static func inferred(parentCount: Int) -> TrainingKind {
        switch parentCount {
        case 0: return .pretrain
        case 1: return .finetune
        default: return .merge
        }
    }

    /// Refuses parent counts that cannot describe this kind, so lineage cannot silently lose
    /// an ancestor (and with it, compute).
    public func validate(parentCount: Int) throws {
        switch self {
        case .pretrain where parentCount > 0:
            throw DomainError.inconsistent(
                "kind pretrain takes no \(field: .parents) (use continued-pretrain or finetune for training on top "
                    + "of a model)"
            )
        case .merge where parentCount < 2:
            throw DomainError.inconsistent(
                "kind merge needs at least two \(field: .parents) artifacts, got \(parentCount)")
        case .pretrain, .merge:
            return
        default:
            if parentCount == 0 {
                throw DomainError.inconsistent(
                    "kind \(rawValue) needs \(field: .parents): the artifact it was made from must be registered first")
            }
        }
    }
}
