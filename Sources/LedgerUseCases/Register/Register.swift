import Foundation
import Hashing
import LedgerCore
import LedgerStore
import ModelFiles
import ModelSigning

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

    /// What happened.
    public let status: Status
    /// The artifact as recorded now.
    public let record: ArtifactRecord
    /// Cumulative compute over the artifact's ancestry, itself included.
    public let cumulative: CumulativeCompute
    /// Names and locations this call added (for a new artifact: all of them).
    public let addedNames: [ArtifactName]
    /// Locations this call recorded.
    public let addedLocations: [String]
    /// True when the kind was inferred from the parent count rather than given.
    public let kindInferred: Bool
    /// True when this call created the ledger file.
    public let createdLedger: Bool
}

/// Registers a file or directory of weights with the facts of how it was made.
public struct Register {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// Hashes the bytes (jobs, ignores, progress).
    public let hasher: ArtifactHasher

    /// Registers in `context`, hashing with `hasher`.
    public init(context: AppContext, hasher: ArtifactHasher = ArtifactHasher()) {
        self.context = context
        self.hasher = hasher
    }

    /// Hashes `path`, then records it with the facts in one transaction, or nothing. The facts
    /// are checked before this is called (`Registration`), so bad ones never cost hours of hashing.
    /// A `signature` (verified already, `ModelSignatures.verify`) must sign the hashed files.
    public func run(
        path: String, _ registration: Registration, plan: HubPlan? = nil,
        signature: (verified: VerifiedSignature, bundleSHA256: String)? = nil
    ) throws -> RegisterOutcome {
        var submission = try ArtifactSubmission.hashing(path: path, hasher: hasher).with(plan, path: path)
        if let signature {
            submission.signature =
                try ModelSignatures.check(
                    signature.verified, bundleSHA256: signature.bundleSHA256, files: submission.files,
                    form: submission.form
                ).record
        }
        return try record(submission, registration)
    }

    /// Records bytes already hashed (locally, or by a client of the server) with the facts.
    public func record(_ submission: ArtifactSubmission, _ registration: Registration) throws -> RegisterOutcome {
        let compute = try registration.compute.resolved(
            model: submission.model, path: submission.location ?? submission.digest.value)
        if !registration.parents.isEmpty && !context.ledgerExists {
            throw StoreError.unknownReference("\(registration.parents[0]) (no ledger at \(context.location) yet)")
        }
        let ledger = try context.openLedger(.createIfMissing)
        defer { context.release(ledger) }
        return try ledger.write { writer in try record(submission, registration, compute: compute, in: writer) }
    }

    /// Records bytes already hashed with the facts inside a write the caller holds (the
    /// server's group commit: `LedgerStore.writeInBatch`).
    public func record(
        _ submission: ArtifactSubmission, _ registration: Registration, in writer: any LedgerWriting
    ) throws -> RegisterOutcome {
        let compute = try registration.compute.resolved(
            model: submission.model, path: submission.location ?? submission.digest.value)
        return try record(submission, registration, compute: compute, in: writer)
    }

    private func record(
        _ submission: ArtifactSubmission, _ registration: Registration, compute: Compute,
        in writer: any LedgerWriting
    ) throws -> RegisterOutcome {
        let digest = submission.digest
        let location = submission.location
        let time = context.timestamp()
        let reader = writer.reader
        func cumulative() throws -> CumulativeCompute {
            try reader.ancestryGraph(of: digest).cumulativeCompute(of: digest)
        }
        let createdLedger = try writer.createIfNeeded(actor: context.actor, at: time, id: context.newLedgerID())
        let bases = try BaseModels.resolve(registration.baseModels, reader: reader)
        let given = try registration.parents.map { try reader.resolve($0) }
        let parents = given + bases.parents.filter { !given.contains($0) }
        if parents.contains(digest) {
            throw DomainError.inconsistent(
                "an artifact cannot be its own parent (\(digest.short)… is the path being registered)")
        }
        if let developer = registration.developer {
            try Organisations.requireKnown(developer, in: try reader.organisations())
        }
        for name in registration.names {
            let bound = try reader.binding(of: name)
            if let bound, bound != digest {
                throw InputError(
                    "name \(name) is already bound to other bytes (\(bound.short)…); names are permanent, choose "
                        + "another tag"
                )
            }
            if bound == nil { try NameRules.check(name, reader: reader, allowSimilar: registration.allowSimilarName) }
        }
        if try reader.contains(digest), let existing = try reader.record(digest) {
            if submission.signature != nil {
                throw InputError(
                    "\(digest.short)… is already registered: record its signature with "
                        + "`weightledger signature attach \(digest.short) --signature FILE --key PUB` "
                        + "(one event for one change)")
            }
            if registration.givesTrainingFacts {
                try registration.checkRepeats(
                    existing.training, publications: existing.publications, parents: parents, compute: compute,
                    digest: digest, external: bases.external)
            }
            let newNames = registration.names.filter { !existing.names.contains($0) }
            let newLocations = location.map { existing.locations.contains($0) ? [] : [$0] } ?? []
            guard !newNames.isEmpty || !newLocations.isEmpty else {
                return RegisterOutcome(
                    status: .unchanged, record: existing, cumulative: try cumulative(), addedNames: [],
                    addedLocations: [], kindInferred: false, createdLedger: createdLedger)
            }
            let event = ArtifactReregistered(
                digest: digest, names: newNames, locations: newLocations,
                hashing: newLocations.isEmpty ? nil : submission.hashing)
            try writer.append(.artifactReregistered(event), actor: context.actor, at: time)
            return RegisterOutcome(
                status: .reregistered, record: try reader.record(digest)!, cumulative: try cumulative(),
                addedNames: newNames, addedLocations: newLocations, kindInferred: false,
                createdLedger: createdLedger)
        }
        let training = try registration.trainingRecord(parents: parents, external: bases.external, compute: compute)
        let event = ArtifactRegistered(
            digest: digest, form: submission.form, sizeBytes: submission.sizeBytes,
            files: submission.files, names: registration.names, location: location,
            training: training, model: submission.model, hashing: location == nil ? nil : submission.hashing,
            origin: submission.origin, card: submission.card, signature: submission.signature)
        let seq = try writer.append(.artifactRegistered(event), actor: context.actor, at: time)
        // The record as the projections now hold it, built from the event rather than read back.
        let record = ArtifactRecord(registered: event, seq: seq, at: time)
        assert(record == (try? reader.record(digest)), "a registered record differs from its projection")
        return RegisterOutcome(
            status: .registered, record: record, cumulative: try cumulative(),
            addedNames: registration.names, addedLocations: location.map { [$0] } ?? [],
            kindInferred: registration.kind == nil, createdLedger: createdLedger)
    }
}
