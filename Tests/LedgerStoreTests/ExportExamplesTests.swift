import Foundation
import Hashing
import LedgerCore
import LedgerDemo
import LedgerRender
import LedgerSQLite
import LedgerUseCases
import TestSupport
import Testing

/// docs/examples holds exports of the demo ledger (a pinned clock and ledger id, so the bytes are
/// the same every run) and must equal what the code produces, as schema/ is kept. Regenerate with
/// `WEIGHTLEDGER_UPDATE_EXAMPLES=1 swift test --filter ExportExamplesTests`. CI validates these
/// files with the standards' own tools (ExportValidationTests).
@Suite struct ExportExamplesTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/examples")

    struct Example: Sendable {
        let file: String
        let reference: String
        let format: ExportFormat
        var lineage = false
        var signed = false
    }

    static let examples: [Example] = [
        Example(file: "frontier-1-support.intoto.json", reference: "acme/frontier-1-support:v1", format: .inToto),
        Example(
            file: "frontier-1-merged.lineage.intoto.jsonl", reference: "acme/frontier-1-merged:v1", format: .inToto,
            lineage: true),
        Example(
            file: "frontier-1-merged.lineage.intoto.dsse.jsonl", reference: "acme/frontier-1-merged:v1",
            format: .inToto, lineage: true, signed: true),
        Example(
            file: "frontier-1-merged.cdx.json", reference: "acme/frontier-1-merged:v1", format: .cyclonedx,
            lineage: true),
        Example(
            file: "frontier-1-merged.spdx.json", reference: "acme/frontier-1-merged:v1", format: .spdx, lineage: true),
        Example(file: "atlas-7b-kyc-lora.cdx.json", reference: "bank/atlas-7b-kyc-lora:v1", format: .cyclonedx),
        Example(file: "frontier-1.SHA256SUMS", reference: "acme/frontier-1:base", format: .sha256sums),
    ]

    /// The Ed25519 key of the signed example: a fixed seed, so its signature (deterministic in
    /// Ed25519) is the same every run. Published beside the examples; never a key for real use.
    static func exampleKey() throws -> SigningKey {
        let key = try Ed25519Key.privateKey(seed: Array(repeating: 0x5a, count: 32))
        return try SigningKey.pem(try key.privatePEM())
    }

    /// The demo ledger with its clock, id and folder pinned (the registrations record the models'
    /// absolute paths, which are part of the events and so of the log's root).
    static func demoLedger() throws -> AppContext {
        let folder = "/tmp/weightledger-docs-examples"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var context = AppContext(
            location: SQLiteLocation(path: folder + "/demo.db"), actor: "demo@weightledger",
            now: { Date(timeIntervalSince1970: 1_796_126_400) })
        context.ledgerID = { "00000000-0000-4000-8000-0000000de3a0" }
        _ = try Demo(context: context, modelsDirectory: folder + "/models").run()
        return context
    }

    @Test func examplesAreWhatTheCodeProduces() throws {
        let context = try Self.demoLedger()
        let library = try PolicyLibrary.load(directory: nil)
        let update = ProcessInfo.processInfo.environment["WEIGHTLEDGER_UPDATE_EXAMPLES"] == "1"
        let key = try Self.exampleKey()
        let publicKey = Array(try key.publicPEM().utf8)
        var produced: [(String, [UInt8])] = [("example-signing-key.pub.pem", publicKey)]
        for example in Self.examples {
            let source = try Export(context: context, library: library).run(
                try ArtifactReference(example.reference), withLineage: example.lineage)
            produced.append(
                (
                    example.file,
                    try ExportDocument.bytes(source, format: example.format, signer: example.signed ? key : nil)
                ))
        }
        for (file, bytes) in produced {
            let url = Self.folder.appendingPathComponent(file)
            if update { try Data(bytes).write(to: url) }
            let recorded = try? [UInt8](Data(contentsOf: url))
            let hint = "regenerate with WEIGHTLEDGER_UPDATE_EXAMPLES=1 swift test --filter ExportExamplesTests"
            let same = recorded == bytes
            #expect(same, "docs/examples/\(file) is stale; \(hint)")
        }
    }
}
