import ArgumentParser
import Foundation
import LedgerCore
import LedgerRender
import LedgerUseCases

/// `--signature FILE` with `--key PUB` or `--certificate-chain FILE`.
struct SignatureOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("An OpenSSF model signing bundle (what `model_signing sign` writes).", valueName: "file"))
    var signature: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The signer's public key (PEM: ECDSA P-256/384/521 or Ed25519).",
            valueName: "pem"))
    var key: String?

    @Option(
        name: .customLong("certificate-chain"),
        help: ArgumentHelp(
            "Trusted certificates (PEM) the bundle's signing certificate must chain to.",
            valueName: "pem"))
    var certificateChain: String?

    @Option(
        name: .customLong("trusted-root"),
        help: ArgumentHelp(
            "A Sigstore trusted_root.json whose certificate authorities the signing certificate must chain to "
                + "(its transparency logs are not consulted).", valueName: "json"))
    var trustedRoot: String?

    /// The bundle and what to verify it with; nil without `--signature`.
    func input(required: Bool) throws -> SignatureInput? {
        guard let signature else {
            if required { throw ValidationError("give --signature FILE") }
            if key != nil || certificateChain != nil || trustedRoot != nil {
                throw ValidationError("--key, --certificate-chain and --trusted-root need --signature")
            }
            return nil
        }
        switch (key, certificateChain, trustedRoot) {
        case (let key?, nil, nil): return SignatureInput(bundlePath: signature, trust: .key(path: key))
        case (nil, let chain?, nil):
            return SignatureInput(bundlePath: signature, trust: .certificateChain(path: chain))
        case (nil, nil, let root?): return SignatureInput(bundlePath: signature, trust: .trustedRoot(path: root))
        default:
            throw ValidationError(
                "give one of --key PUB, --certificate-chain FILE and --trusted-root JSON with --signature")
        }
    }
}

struct SignatureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signature",
        abstract: "Verify OpenSSF model signatures (model_signing bundles), and record them for artifacts.",
        discussion: """
            Exit 0 when the signature verifies, 3 when it does not (another key, altered files, files not \
            signed), 2 when the bundle, key or chain cannot be read. Rekor transparency-log entries of keyless \
            bundles are not checked (docs/signing.md).
            """,
        subcommands: [SignatureVerifyCommand.self, SignatureAttachCommand.self])
}

struct SignatureVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check a model_signing bundle against files on disk (no ledger needed).")

    @Argument(help: ArgumentHelp("The model: a file or a folder.", valueName: "path"))
    var path: String
    @OptionGroup var signature: SignatureOptions
    @OptionGroup var hashing: HashingOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let input = try signature.input(required: true)!
        let hasher = hashing.hasher()
        let result = try hashing.withProgress(hasher) {
            try Signatures.verify(path: path, input, hasher: hasher)
        }
        if output.json { return try Output.json(SignatureView(result)) }
        print("verified: \(SafeText.line(path))")
        for line in SignatureText.lines(result.check.record) { print("  " + line) }
        for line in SignatureText.scope(result.check.record).notChecked { print("  not checked: " + line) }
    }
}

struct SignatureAttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Verify a model_signing bundle against an artifact's recorded files and record it (one event).")

    @Argument(help: ArgumentHelp("Digest, hex prefix or name[:tag] of the artifact.", valueName: "ref"))
    var reference: String
    @OptionGroup var signature: SignatureOptions
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let input = try signature.input(required: true)!
        let reference = try FieldKey("ref").parsing { try ArtifactReference(self.reference) }
        let result = try Signatures(context: ledger.context).attach(reference, input)
        if output.json { return try Output.json(SignatureView(result)) }
        if let seq = result.seq {
            print("recorded the signature of \(result.digest.value) (event \(seq))")
        } else {
            print("\(result.digest.value): this bundle is already on record; nothing written")
        }
        for line in SignatureText.lines(result.check.record) { print("  " + line) }
    }
}

struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Write a model_signing bundle over an artifact's recorded file digests (model_signing verifies it).",
        discussion: """
            The ledger's per-file SHA-256 digests are signed, so the files need not be on this machine. The key \
            is a PEM private key: ECDSA P-256 (what `model_signing verify key` reads), P-384, P-521 or Ed25519.
            """)

    @Argument(help: ArgumentHelp("Digest, hex prefix or name[:tag] of the artifact.", valueName: "ref"))
    var reference: String
    @Option(name: .long, help: ArgumentHelp("The private key (PEM).", valueName: "pem"))
    var key: String
    @Option(name: .long, help: ArgumentHelp("Where to write the bundle (whole or not at all).", valueName: "file"))
    var out: String
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        let file = try ReportFile(out)
        let reference = try FieldKey("ref").parsing { try ArtifactReference(self.reference) }
        let (digest, bundle) = try Signatures(context: ledger.context).sign(reference, keyPath: key, outPath: out)
        try file.write(Data(bundle))
        print("signed \(digest.value): \(SafeText.line(out))")
    }
}
