import Foundation
import Hashing
import LedgerCore
import LedgerStore
import ModelFiles

/// What `register` did.
public struct RegisterOutcome: Sendable {
    /// New artifact, or bytes already known.
    public enum Status: String, Sendable {
        /// New bytes: an `artifact.registered` event.
        case registered
        /// Known bytes, new names or location: an `artifact.reregistered` event.
        case reregistered
        /// Known bytes, nothing new to record: no event.
        case unchanged
    }

    public let status: Status
    public let record: ArtifactRecord
    /// Cumulative compute over the artifact's ancestry, itself included.
    public let cumulative: CumulativeCompute
    /// Names and locations this call added (for a new artifact: all of them).
    public let addedNames: [ArtifactName]
    public let addedLocations: [String]
    /// True when the kind was inferred from the parent count rather than given.
    public let kindInferred: Bool
    /// True when this call created the ledger file.
    public let createdLedger: Bool
}

/// Registers a file or directory of weights with the facts of how it was made.
public struct Register {
    public let context: AppContext
    public let hasher: ArtifactHasher

    public init(context: AppContext, hasher: ArtifactHasher = ArtifactHasher()) {
        self.context = context
        self.hasher = hasher
    }

    /// Validates, hashes, then records everything in one transaction, or nothing.
    public func run(_ request: RegisterRequest) throws -> RegisterOutcome {
        _ = try request.validated()  // bad facts are refused before hours of hashing
        return try record(try ArtifactSubmission.hashing(path: request.path, hasher: hasher), request)
    }

    /// Records bytes already hashed (locally, or by a client of the server) with the request's
    /// facts; `request.path` is not read.
    public func record(_ submission: ArtifactSubmission, _ request: RegisterRequest) throws -> RegisterOutcome {
        var input = try request.validated()
        if case .countingFromHeaders(let tokens) = request.compute {
            guard let model = submission.model, model.parameters > 0 else {
                throw InputError("--params auto: \(request.path) has no safetensors or GGUF header to count parameters from; give --params N")
            }
            input.compute = try .counting(parameters: Double(model.parameters), tokens: tokens)
        }
        let digest = submission.digest
        let location = submission.location
        if !input.parents.isEmpty && context.shared == nil && !Ledger.exists(at: context.ledgerPath) {
            throw StoreError.unknownReference("\(input.parents[0]) (no ledger at \(context.ledgerPath) yet)")
        }
        let ledger = try context.openLedger(.createIfMissing)
        defer { context.release(ledger) }
        let time = context.timestamp()
        return try ledger.write { writer in
            let reader = writer.reader
            func cumulative() throws -> CumulativeCompute { try reader.ancestryGraph(of: digest).cumulativeCompute(of: digest) }
            let createdLedger = try writer.createIfNeeded(actor: context.actor, at: time)
            let parents = try input.parents.map { try reader.resolve($0) }
            if parents.contains(digest) {
                throw DomainError.inconsistent("an artifact cannot be its own parent (\(digest.short)… is the path being registered)")
            }
            for name in input.names {
                if let bound = try reader.binding(of: name), bound != digest {
                    throw InputError("name \(name) is already bound to other bytes (\(bound.short)…); names are permanent, choose another tag")
                }
            }
            if try reader.contains(digest), let existing = try reader.record(digest) {
                if request.givesTrainingFacts {
                    try RegisterFacts.check(input, parents: parents, against: existing.training, digest: digest)
                }
                let newNames = input.names.filter { !existing.names.contains($0) }
                let newLocations = location.map { existing.locations.contains($0) ? [] : [$0] } ?? []
                guard !newNames.isEmpty || !newLocations.isEmpty else {
                    return RegisterOutcome(status: .unchanged, record: existing, cumulative: try cumulative(), addedNames: [], addedLocations: [],
                                           kindInferred: false, createdLedger: createdLedger)
                }
                try writer.append(.artifactReregistered(ArtifactReregistered(digest: digest, names: newNames, locations: newLocations)),
                                  actor: context.actor, at: time)
                return RegisterOutcome(status: .reregistered, record: try reader.record(digest)!, cumulative: try cumulative(), addedNames: newNames,
                                       addedLocations: newLocations, kindInferred: false, createdLedger: createdLedger)
            }
            let kind = input.kind ?? TrainingKind.inferred(parentCount: parents.count)
            let training = try TrainingRecord(kind: kind, parents: parents, trainedIn: input.trainedIn, site: input.site,
                                              compute: input.compute, published: input.published,
                                              started: input.started, finished: input.finished)
            let event = ArtifactRegistered(digest: digest, form: submission.form, sizeBytes: submission.sizeBytes, files: submission.files,
                                           names: input.names, location: location, training: training, model: submission.model)
            let seq = try writer.append(.artifactRegistered(event), actor: context.actor, at: time)
            // The record as the projections now hold it, built from the event rather than read back.
            let record = ArtifactRecord(digest: digest, form: submission.form, sizeBytes: submission.sizeBytes,
                                        files: submission.files.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) },
                                        names: input.names.sorted { Array($0.description.utf8).lexicographicallyPrecedes(Array($1.description.utf8)) },
                                        training: training, locations: location.map { [$0] } ?? [], registeredSeq: seq, registeredAt: time,
                                        model: submission.model)
            assert(record == (try? reader.record(digest)), "a registered record differs from its projection")
            return RegisterOutcome(status: .registered, record: record, cumulative: try cumulative(), addedNames: input.names,
                                   addedLocations: location.map { [$0] } ?? [], kindInferred: input.kind == nil, createdLedger: createdLedger)
        }
    }
}

/// Re-registering known bytes may repeat their facts, never change them: corrections are
/// separate events, so a pipeline that re-runs cannot silently rewrite history.
enum RegisterFacts {
    static func check(_ input: RegisterRequest.Validated, parents: [ArtifactDigest], against recorded: TrainingRecord,
                      digest: ArtifactDigest) throws {
        var differences: [String] = []
        func compare<T: Equatable>(_ field: String, _ given: T?, _ stored: T?, show: (T?) -> String) {
            if let given, given != stored { differences.append("\(field) \(show(given)) (recorded: \(show(stored)))") }
        }
        compare("--kind", input.kind, recorded.kind) { $0?.rawValue ?? "none" }
        if !parents.isEmpty && parents != recorded.parents {
            differences.append("--parent \(parents.map(\.short).joined(separator: ",")) (recorded: \(recorded.parents.map(\.short).joined(separator: ",")))")
        }
        compare("--trained-in", input.trainedIn, recorded.trainedIn) { $0?.code ?? "none" }
        compare("--site", input.site, recorded.site) { $0 ?? "none" }
        if input.compute.method != .unknown && input.compute != recorded.compute {
            differences.append("compute \(Format.operations(input.compute.operations)) by \(input.compute.method.rawValue) (recorded: \(Format.operations(recorded.compute.operations)) by \(recorded.compute.method.rawValue))")
        }
        compare("--published", input.published, recorded.published) { $0?.url ?? "none" }
        compare("--started", input.started, recorded.started) { $0?.description ?? "none" }
        compare("--finished", input.finished, recorded.finished) { $0?.description ?? "none" }
        guard differences.isEmpty else {
            throw InputError("\(digest.short)… is already registered with other facts: \(differences.joined(separator: "; ")); re-registering cannot change recorded facts")
        }
    }
}
