import ArgumentParser
import Foundation
import LedgerCore
import LedgerRender
import LedgerUseCases

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export an artifact in a supply-chain standard (in-toto/SLSA, CycloneDX, SPDX 3, SHA256SUMS).",
        discussion: """
            schema/exports.md maps each fact to each format's fields and says what a format cannot carry. \
            `export verify FILE --key PUB` checks a signed export.
            """,
        subcommands: [ExportArtifactCommand.self, ExportVerifyCommand.self],
        defaultSubcommand: ExportArtifactCommand.self)
}

struct ExportArtifactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "artifact", abstract: "Write an artifact's export (the default: `export REF --format …`).")

    @Argument(help: ArgumentHelp("Digest, hex prefix or name[:tag] of the artifact.", valueName: "ref"))
    var reference: String
    @Option(name: .long, help: ArgumentHelp("in-toto, cyclonedx, spdx or sha256sums.", valueName: "format"))
    var format: String
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Sign: wrap each document in a DSSE envelope with this private key (PEM: Ed25519 from `key generate`, "
                + "or ECDSA P-256).", valueName: "keyfile"))
    var sign: String?
    @Option(name: .long, help: ArgumentHelp("Write here, whole or not at all (default: stdout).", valueName: "file"))
    var out: String?
    @Flag(name: .long, help: "Every ancestor too (in-toto: one statement per artifact, as JSON Lines).")
    var withLineage = false
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Policy outcomes as of this date (default: today, UTC).",
            valueName: "YYYY-MM-DD"))
    var on: String?
    @OptionGroup var policy: PolicyOptions
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        let format = try ExportFormat(parsing: format)
        let reference = try Output.reference(self.reference)
        let date = try Output.date(on)
        let file = try out.map { try ReportFile($0) }
        let signer = try sign.map { try ExportVerify.signingKey($0) }
        let source = try Export(context: ledger.context, library: policy.library()).run(
            reference, withLineage: withLineage, on: date)
        let bytes = try ExportDocument.bytes(source, format: format, signer: signer)
        if let file { return try file.write(Data(bytes)) }
        FileHandle.standardOutput.write(Data(bytes))
    }
}

struct ExportVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that every DSSE envelope of a signed export carries the key's signature (exit 3 if not).")

    @Argument(help: ArgumentHelp("A file `export --sign` wrote.", valueName: "file"))
    var file: String
    @Option(name: .long, help: ArgumentHelp("The signer's public key (PEM).", valueName: "pem"))
    var key: String
    @OptionGroup var output: OutputOptions

    func run() throws {
        let verified = try ExportVerify.run(file: file, keyPath: key)
        if output.json { return try Output.json(verified.map(VerifiedEnvelopeView.init)) }
        for envelope in verified {
            print("verified: line \(envelope.line), \(SafeText.line(envelope.payloadType))")
            for subject in envelope.subjects.prefix(20) { print("  " + SafeText.line(subject)) }
            if envelope.subjects.count > 20 { print("  … and \(envelope.subjects.count - 20) more subjects") }
        }
    }
}
