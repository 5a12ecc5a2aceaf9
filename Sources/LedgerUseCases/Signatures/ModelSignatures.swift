import Foundation
import Hashing
import LedgerCore
import ModelSigning

/// What a model signature is verified with: the signer's public key, or the certificates that
/// anchor a signing certificate's chain.
public enum SignatureTrust: Sendable {
    /// A PEM public key (`--key`).
    case key(path: String)
    /// A PEM file of trusted certificates (`--certificate-chain`).
    case certificateChain(path: String)
    /// A Sigstore `trusted_root.json` (`--trusted-root`): its certificate authorities' chains are
    /// the trusted certificates; its transparency logs are not consulted.
    case trustedRoot(path: String)
}

/// A model_signing bundle file and what to verify it with.
public struct SignatureInput: Sendable {
    /// The bundle file.
    public let bundlePath: String
    /// The key or chain.
    public let trust: SignatureTrust

    /// The input for `bundlePath` verified with `trust`.
    public init(bundlePath: String, trust: SignatureTrust) {
        self.bundlePath = bundlePath
        self.trust = trust
    }
}

/// A signature checked against files: the record to keep and how the files compared.
public struct SignatureCheck: Sendable {
    /// What verified.
    public let verified: VerifiedSignature
    /// The files against the signed ones.
    public let files: SignedFiles
    /// The record an event keeps.
    public let record: ModelSignatureRecord
}

/// OpenSSF model signatures: verifying a bundle with a key or a chain, matching it to files, and
/// making one. The one place these rules live; `signature verify`, `register --signature`,
/// `signature attach` and `sign` call it.
public enum ModelSignatures {
    /// Reads and verifies the bundle (the signature, the key hint or chain, the statement), not yet
    /// the files; returns it with the SHA-256 of the bundle file's bytes.
    public static func verify(_ input: SignatureInput) throws -> (VerifiedSignature, bundleSHA256: String) {
        let bytes = try read(input.bundlePath, limit: SignatureBundle.maximumSize, what: "signature")
        let bundle = try SignatureBundle(json: bytes)
        let verified: VerifiedSignature
        switch input.trust {
        case .key(let path):
            verified = try SignatureVerifier.verify(bundle, key: try key(path, private: false))
        case .certificateChain(let path):
            let chain: [Certificate]
            do {
                chain = try Certificate.pemChain(
                    String(decoding: try read(path, limit: 1_048_576, what: "certificate chain"), as: UTF8.self))
            } catch let error as OpenSSLError { throw InputError("\(path): not a PEM certificate chain: \(error)") }
            verified = try SignatureVerifier.verify(bundle, trusted: chain)
        case .trustedRoot(let path):
            verified = try SignatureVerifier.verify(bundle, trusted: try trustedRoot(path))
        }
        return (verified, try SHA256.hash(bytes).hex)
    }

    /// Matches a verified signature to an artifact's files. Every file must be signed with its
    /// bytes, except those the signer's ignore paths leave out (recorded as unsigned), and every
    /// signed file must be in the artifact; else the signature does not verify for these files.
    public static func check(
        _ verified: VerifiedSignature, bundleSHA256: String, files: [ArtifactFile], form: ArtifactForm
    ) throws -> SignatureCheck {
        let compared = SignedFiles(
            verified.manifest, files: files.map { ($0.path, String($0.sha256.value.dropFirst(7))) },
            singleFile: form == .file)
        guard compared.agree else { throw SigningError.notVerified(compared.problem) }
        guard compared.matched > 0 else { throw SigningError.notVerified("it signs none of the artifact's files") }
        let manifest = verified.manifest
        let record = ModelSignatureRecord(
            predicateType: manifest.predicateType, subjectName: manifest.subjectName,
            subjectDigest: manifest.subjectDigest, scheme: verified.scheme.rawValue, keyHint: verified.keyHint,
            certificateSubject: verified.certificateSubject, certificateSHA256: verified.certificateSHA256,
            signedFiles: compared.matched, unsignedFiles: compared.ignoredBySigner,
            signerIgnorePaths: manifest.ignorePaths, bundleSHA256: bundleSHA256,
            transparencyLogEntries: verified.transparencyLogEntries)
        return SignatureCheck(verified: verified, files: compared, record: record)
    }

    /// The hashing rule for a signature file inside the folder being hashed: its path relative to
    /// the folder as an ignore pattern (glob characters escaped); nil when it is outside.
    public static func ignorePattern(bundlePath: String, folder: String) -> String? {
        guard let relative = relativePath(bundlePath, in: folder) else { return nil }
        var escaped = ""
        for character in relative {
            if "*?[]\\".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// The model_signing bundles at the top of `folder` (regular `*.sig` files of at most 16 MiB that
    /// read as a Sigstore bundle holding a model_signing statement), as ignore patterns: the
    /// signature of a model is not part of the model. Nothing is verified here.
    public static func bundles(in folder: String) -> [String] {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue,
            let names = try? manager.contentsOfDirectory(atPath: folder)
        else { return [] }
        return names.sorted().filter { name in
            guard name.hasSuffix(".sig"), !name.contains(where: { "*?[]\\".contains($0) }) else { return false }
            let path = folder + "/" + name
            guard let attributes = try? manager.attributesOfItem(atPath: path),
                attributes[.type] as? FileAttributeType == .typeRegular,
                (attributes[.size] as? Int ?? .max) <= 16 * 1_048_576,
                let bytes = try? read(path, limit: 16 * 1_048_576, what: "signature"),
                let bundle = try? SignatureBundle(json: bytes)
            else { return false }
            return (try? SignedManifest(payload: bundle.payload)) != nil
        }
    }

    /// The path of `file` relative to `folder` when it lies inside it, links resolved.
    public static func relativePath(_ file: String, in folder: String) -> String? {
        let inner = URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath().path
        let root = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath().path
        guard inner.hasPrefix(root + "/") else { return nil }
        return String(inner.dropFirst(root.count + 1))
    }

    /// A bundle signing an artifact's recorded files with the PEM private key at `keyPath`, as the
    /// model `name`, leaving out `ignorePaths`; `model_signing verify key` accepts it.
    public static func sign(
        files: [ArtifactFile], form: ArtifactForm, name: String, ignorePaths: [String], allowSymlinks: Bool,
        keyPath: String
    ) throws -> [UInt8] {
        let key = try key(keyPath, private: true)
        return try SignatureMaker.bundle(
            name: name, files: files.map { ($0.path, String($0.sha256.value.dropFirst(7))) }, singleFile: form == .file,
            ignorePaths: ignorePaths, allowSymlinks: allowSymlinks, key: key
        ).json()
    }

    /// The certificates of every certificate authority a Sigstore trusted root lists
    /// (`certificateAuthorities[].certChain.certificates[].rawBytes`).
    static func trustedRoot(_ path: String) throws -> [Certificate] {
        let bytes = try read(path, limit: 4 * 1_048_576, what: "trusted root")
        guard let root = try? JSONParser.parse(bytes),
            root["mediaType"]?.stringValue?.hasPrefix(
                "application/vnd.dev.sigstore.trustedroot") == true
        else { throw InputError("\(path): not a Sigstore trusted root (trusted_root.json)") }
        var certificates: [Certificate] = []
        for authority in root["certificateAuthorities"]?.arrayValue ?? [] {
            for entry in authority["certChain"]?["certificates"]?.arrayValue ?? [] {
                guard let text = entry["rawBytes"]?.stringValue, let der = Data(base64Encoded: text),
                    let certificate = try? Certificate.der(Array(der))
                else { throw InputError("\(path): a certificate authority's certificate cannot be read") }
                certificates.append(certificate)
            }
        }
        guard !certificates.isEmpty else {
            throw InputError("\(path): the trusted root lists no certificate authority")
        }
        return certificates
    }

    /// A PEM key file (text before the PEM block, as `key generate` writes, is skipped); a private
    /// key when `private`, refused when it is only public.
    static func key(_ path: String, private wantPrivate: Bool) throws -> SigningKey {
        let text = String(decoding: try read(path, limit: 65_536, what: "key"), as: UTF8.self)
        let key: SigningKey
        do { key = try SigningKey.pem(text) } catch let error as OpenSSLError {
            throw InputError("\(path): not a usable \(wantPrivate ? "private" : "public") key: \(error)")
        }
        if wantPrivate, !key.isPrivate { throw InputError("\(path): a public key cannot sign; give the private key") }
        return key
    }

    static func read(_ path: String, limit: Int, what: String) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError("cannot read the \(what) \(path)")
        }
        defer { try? handle.close() }
        let data = try handle.read(upToCount: limit + 1) ?? Data()
        guard data.count <= limit else { throw InputError("the \(what) \(path) is larger than \(limit) bytes") }
        return Array(data)
    }
}
