import LedgerCore
import LedgerUseCases

/// `register --json`: what happened, and the artifact as `show --json` prints it.
public struct RegisterView: Encodable, Sendable {
    let status: String
    let addedNames: [String]
    let addedLocations: [String]
    let kindInferred: Bool
    let createdLedger: Bool
    let artifact: ArtifactView

    /// The JSON view of `RegisterOutcome`.
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
    /// What `register` did, in one to three lines.
    public static func render(_ outcome: RegisterOutcome) -> String {
        let record = outcome.record
        let label = record.names.first?.description ?? record.digest.short
        switch outcome.status {
        case .registered:
            let inferred =
                outcome.kindInferred
                ? " (kind inferred from \(record.training.parents.count) "
                    + "parent\(record.training.parents.count == 1 ? "" : "s"); pass --kind to state it)"
                : ""
            let model =
                record.model.map {
                    "\n  \($0.format) header: \($0.parameters) parameters in \($0.tensors) tensors (\($0.dtypeMix))"
                } ?? ""
            let training = record.training
            let method = training.compute.method == .unknown ? "" : " (\(training.compute.method.rawValue))"
            let plural = record.files.count == 1 ? "" : "s"
            let files = "\(record.files.count) file\(plural), \(Format.bytes(record.sizeBytes))"
            let facts = [
                "\(training.kind.rawValue)\(inferred)", training.trainedIn?.code ?? "country unknown",
                "own compute \(Format.operations(training.compute.operations))\(method)", files,
            ]
            return "registered \(record.digest.value) \(label)\n  " + facts.joined(separator: " · ") + model
        case .reregistered:
            var added: [String] = []
            if !outcome.addedNames.isEmpty {
                added.append("name \(outcome.addedNames.map(\.description).joined(separator: ", "))")
            }
            if !outcome.addedLocations.isEmpty {
                added.append("location \(outcome.addedLocations.joined(separator: ", "))")
            }
            return
                "already registered: \(record.digest.value) (\(label)); added \(added.joined(separator: " and ")); "
                    + "no second artifact"
        case .unchanged:
            return
                "already registered: \(record.digest.value) (\(label)); names and location already recorded, "
                    + "nothing changed"
        }
    }
}
