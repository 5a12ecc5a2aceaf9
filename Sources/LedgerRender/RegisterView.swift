import LedgerUseCases
import LedgerCore

/// `register --json`: what happened, and the artifact as `show --json` prints it.
public struct RegisterView: Encodable, Sendable {
    public let status: String
    public let addedNames: [String]
    public let addedLocations: [String]
    public let kindInferred: Bool
    public let createdLedger: Bool
    public let artifact: ArtifactView

    public init(_ outcome: RegisterOutcome) {
        status = outcome.status.rawValue
        addedNames = outcome.addedNames.map(\.description)
        addedLocations = outcome.addedLocations
        kindInferred = outcome.kindInferred
        createdLedger = outcome.createdLedger
        // Cumulative compute is what `show` is for; register reports its own step.
        artifact = ArtifactView(ArtifactDetails(record: outcome.record, cumulative: outcome.cumulative, children: []))
    }
}

/// `register` as text.
public enum RegisterText {
    public static func render(_ outcome: RegisterOutcome) -> String {
        let record = outcome.record
        let label = record.names.first?.description ?? record.digest.short
        switch outcome.status {
        case .registered:
            let inferred = outcome.kindInferred ? " (kind inferred from \(record.training.parents.count) parent\(record.training.parents.count == 1 ? "" : "s"); pass --kind to state it)" : ""
            let model = record.model.map { "\n  \($0.format) header: \($0.parameters) parameters in \($0.tensors) tensors (\($0.dtypeMix))" } ?? ""
            return "registered \(record.digest.value) \(label)\n  \(record.training.kind.rawValue)\(inferred) · \(record.training.trainedIn?.code ?? "country unknown") · own compute \(Format.operations(record.training.compute.operations))\(record.training.compute.method == .unknown ? "" : " (\(record.training.compute.method.rawValue))") · \(record.files.count) file\(record.files.count == 1 ? "" : "s"), \(Format.bytes(record.sizeBytes))" + model
        case .reregistered:
            var added: [String] = []
            if !outcome.addedNames.isEmpty { added.append("name \(outcome.addedNames.map(\.description).joined(separator: ", "))") }
            if !outcome.addedLocations.isEmpty { added.append("location \(outcome.addedLocations.joined(separator: ", "))") }
            return "already registered: \(record.digest.value) (\(label)); added \(added.joined(separator: " and ")); no second artifact"
        case .unchanged:
            return "already registered: \(record.digest.value) (\(label)); names and location already recorded, nothing changed"
        }
    }
}
