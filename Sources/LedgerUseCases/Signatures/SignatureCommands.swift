import Foundation
import Hashing
import LedgerCore
import LedgerStore
import ModelFiles
import ModelSigning

/// What `signature verify` found for files on disk.
public struct SignatureVerification: Sendable {
    /// The path checked.
    public let path: String
    /// The signature and how the files compared.
    public let check: SignatureCheck
}

/// What `signature attach` did.
public struct SignatureAttachment: Sendable {
    /// The artifact.
    public let digest: ArtifactDigest
    /// The event that recorded it; nil when this bundle was already recorded (nothing written).
    public let seq: Int64?
    /// The signature as recorded.
    public let check: SignatureCheck
}

/// `signature verify`, `signature attach` and `sign`: model_signing bundles against files on disk
/// or an artifact's recorded files.
public struct Signatures {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The use case in `context`.
    public init(context: AppContext) { self.context = context }

    /// Verifies a bundle against the files at `path`, hashed as the signer hashed them (symbolic
    /// links followed when it allowed them or the folder is a Hugging Face cache snapshot; the
    /// bundle itself left out when it lies inside). Needs no ledger.
    public static func verify(
        path: String, _ input: SignatureInput, hasher: ArtifactHasher
    ) throws -> SignatureVerification {
        let (verified, bundleSHA256) = try ModelSignatures.verify(input)
        var hasher = hasher
        hasher.options = Self.options(for: path, bundlePath: input.bundlePath, base: hasher.options)
        if verified.manifest.allowSymlinks { hasher.options.followSymlinks = true }
        // Only the bytes: a signature says nothing of model headers, which are not read here.
        let hashed = try hasher.hash(path: path)
        let check = try ModelSignatures.check(
            verified, bundleSHA256: bundleSHA256, files: try ArtifactSubmission.files(of: hashed),
            form: hashed.form == .file ? .file : .directory)
        return SignatureVerification(path: path, check: check)
    }

    /// Hashing options for `path` with a signature at `bundlePath`: a bundle inside the folder is
    /// left out of the digest (as model_signing leaves it out), and so is every model_signing bundle
    /// at the folder's top (`ModelSignatures.bundles(in:)`); a cache snapshot's links are followed.
    public static func options(for path: String, bundlePath: String?, base: HashOptions) -> HashOptions {
        var options = base
        let inside = bundlePath.flatMap { ModelSignatures.ignorePattern(bundlePath: $0, folder: path) }
        for pattern in [inside].compactMap({ $0 }) + ModelSignatures.bundles(in: path)
        where !options.ignore.contains(pattern) {
            options.ignore.append(pattern)
        }
        if HFSnapshot.detect(path: path) != nil { options.followSymlinks = true }
        return options
    }

    /// Verifies a bundle against the files recorded for `reference` and records it in one
    /// `signature.attached` event; the same bundle twice records nothing the second time.
    public func attach(_ reference: ArtifactReference, _ input: SignatureInput) throws -> SignatureAttachment {
        let (verified, bundleSHA256) = try ModelSignatures.verify(input)
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.write { writer in
            let digest = try writer.reader.resolve(reference)
            guard let record = try writer.reader.record(digest) else { throw StoreError.unknownReference(digest.value) }
            let check = try ModelSignatures.check(
                verified, bundleSHA256: bundleSHA256, files: record.files, form: record.form)
            if try writer.reader.signatures(of: digest).contains(where: { $0.signature.bundleSHA256 == bundleSHA256 }) {
                return SignatureAttachment(digest: digest, seq: nil, check: check)
            }
            let event = LedgerEvent.signatureAttached(SignatureAttached(digest: digest, signature: check.record))
            let seq = try writer.append(event, actor: context.actor, at: context.timestamp())
            return SignatureAttachment(digest: digest, seq: seq, check: check)
        }
    }

    /// A model_signing bundle over the files recorded for `reference`, signed with the private key
    /// at `keyPath`: the ledger's digests are what is signed, so the files need not be here. The
    /// subject is named after the first location's folder (else the first name); the signer's
    /// ignore paths are the default ignores, the literal `--ignore` patterns it was hashed with, and
    /// `outPath` when it lies inside that location.
    public func sign(
        _ reference: ArtifactReference, keyPath: String, outPath: String?
    ) throws -> (
        digest: ArtifactDigest, bundle: [UInt8]
    ) {
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        let (record, hashing) = try ledger.read { reader -> (ArtifactRecord, HashingRecord?) in
            let digest = try reader.resolve(reference)
            guard let record = try reader.record(digest) else { throw StoreError.unknownReference(digest.value) }
            let location = record.locations.first
            return (record, try location.flatMap { try reader.locationHashing(of: digest, path: $0) })
        }
        let location = record.locations.first.flatMap { $0.hasPrefix("/") ? $0 : nil }
        let name =
            location.map { URL(fileURLWithPath: $0).lastPathComponent }
            ?? record.names.first.map { String($0.repository.split(separator: "/").last ?? "model") } ?? "model"
        var ignore = [".git", ".github", ".gitattributes", ".gitignore"]
        ignore += (hashing?.ignore ?? []).filter { !$0.contains(where: { "*?[]\\".contains($0) }) }.map {
            $0.hasSuffix("/") ? String($0.dropLast()) : $0
        }
        if let outPath, let location, record.form == .directory,
            let inside = ModelSignatures.relativePath(outPath, in: location)
        {
            ignore.append(inside)
        }
        let bundle = try ModelSignatures.sign(
            files: record.files, form: record.form, name: name, ignorePaths: ignore,
            allowSymlinks: hashing?.followSymlinks ?? false, keyPath: keyPath)
        return (record.digest, bundle)
    }
}
