import Foundation
import Testing

@testable import LedgerCore

/// The direct encoder gives exactly the bytes of JSONEncoder followed by canonicalization.
@Suite struct CanonicalEncoderTests {
    static func digest(_ c: Character) -> ArtifactDigest {
        try! ArtifactDigest(String(repeating: String(c), count: 64))
    }

    static func events() throws -> [LedgerEvent] {
        let training = try TrainingRecord(
            kind: .finetune, parents: [digest("a")], trainedIn: try CountryCode("SG"), site: "Jurong \"West\"\n",
            compute: try .hardware(accelerator: "H100-SXM", count: 512, hours: 10.5, utilization: 0.35, precision: nil),
            published: try Publication(url: "https://example.org/m", date: try LedgerDate("2025-03-01")),
            started: nil, finished: try LedgerDate("2025-04-01"))
        let plain = try TrainingRecord(
            kind: .pretrain, parents: [], trainedIn: nil, site: nil, compute: .unknown, published: nil, started: nil,
            finished: nil)
        return [
            .ledgerCreated(LedgerCreated(ledgerID: "4a5a54dd-f1cc-4e0b-a451-affcf02a4e32")),
            .artifactRegistered(
                ArtifactRegistered(
                    digest: digest("b"), form: .directory, sizeBytes: 9_007_199_254_740_991,
                    files: [
                        ArtifactFile(path: "ünï/côdé.bin", size: 0, sha256: digest("c")),
                        ArtifactFile(path: "a b", size: 1, sha256: digest("d")),
                    ],
                    names: [try ArtifactName("acme/m:v1")], location: "/tmp/x", training: training,
                    model: ModelInfo(
                        format: "gguf", parameters: 123_456_789, dtypes: ["Q4_K": 100, "F32": 7], tensors: 2,
                        architecture: nil, name: "Tiny", files: 1))),
            .artifactRegistered(
                ArtifactRegistered(
                    digest: digest("e"), form: .file, sizeBytes: 0, files: [], names: [], location: nil, training: plain
                )),
            .artifactReregistered(ArtifactReregistered(digest: digest("e"), names: [], locations: ["/a", "/b"])),
            .nameAdded(NameAdded(digest: digest("e"), name: try ArtifactName("acme/m"))),
            .deploymentRecorded(
                DeploymentRecorded(
                    digest: digest("e"), destination: try CountryCode("IN"), recipient: nil,
                    date: try LedgerDate("2026-11-25"),
                    kind: "export", license: "BIS/1",
                    evaluation: RecordedEvaluation(
                        packs: [.init(id: "p", version: "1", digest: "sha256:00", status: "in-force")],
                        findings: [
                            .init(
                                pack: "p", rule: "r", code: "c", severity: "block", requires: "license",
                                enforced: false, determined: true, resolvedBy: nil)
                        ]))),
            .licenseAdded(
                License(
                    authority: "BIS", number: "D-1", artifacts: [digest("e")], destinations: [try CountryCode("AE")],
                    validFrom: nil,
                    validUntil: try LedgerDate("2027-01-01"))),
            .checkpointRecorded(
                CheckpointRecorded(origin: "o", size: 42, rootHash: "AAAA", signedNote: "o\n42\nAAAA\n\n— o x\n")),
            .auditRecorded(
                AuditRecorded(
                    date: try LedgerDate("2026-11-25"), rehash: "stale", status: "findings", interrupted: false,
                    treeSize: 9,
                    rootHash: "AAAA", checkedBytes: 12,
                    locations: [
                        .init(artifact: digest("e"), path: "/m", ok: false, problem: "changed: a.bin"),
                        .init(artifact: digest("e"), path: "/n", ok: true, problem: nil),
                    ],
                    findings: ["p/r/c/sha256:ee"])),
            .tokenCreated(TokenCreated(name: "legal-1", role: "reviewer", sha256: String(repeating: "a", count: 64))),
            .tokenRevoked(TokenRevoked(name: "legal-1")),
            .artifactPublished(
                ArtifactPublished(
                    digest: digest("e"),
                    publication: try Publication(url: "https://example.org/m", date: try LedgerDate("2026-06-01")))),
            .artifactUnpublished(
                ArtifactUnpublished(digest: digest("e"), on: try LedgerDate("2026-07-01"), reason: "taken down")),
            .artifactCorrected(
                ArtifactCorrected(
                    digest: digest("e"), reason: "the site was wrong",
                    changes: [.init(field: "site", from: "none", to: "Cluster “B”")],
                    training: try TrainingRecord(
                        kind: .finetune, parents: [digest("a")], trainedIn: try CountryCode("US"), site: "Cluster “B”",
                        compute: try .declared(3e26), published: nil, started: nil, finished: nil,
                        developer: try OrganisationName("Acme Labs")))),
            .organisationAdded(
                OrganisationAdded(
                    name: try OrganisationName("Acme Labs"), headquarters: try CountryCode("US"), parent: nil,
                    revenue: try Revenue(usd: 6e8, year: 2025))),
            .organisationChanged(
                OrganisationChanged(
                    name: try OrganisationName("Acme Labs"), on: try LedgerDate("2026-03-01"),
                    headquarters: try CountryCode("SG"),
                    parent: .init(organisation: try OrganisationName("Acme Holdings")), revenue: nil)),
            .locationRemoved(LocationRemoved(digest: digest("e"), path: "gpu-1:/ckpt/“m”", reason: "deleted")),
            .locationMoved(LocationMoved(digest: digest("e"), from: "/old", to: "/new/m", reason: "disk swap")),
            .approvalRecorded(
                ApprovalRecorded(
                    digest: digest("e"), destination: try CountryCode("IN"), by: "J. “Doe”, export control",
                    note: "licence on file\nsecond line", reportDigest: "sha256:" + String(repeating: "0", count: 64),
                    date: try LedgerDate("2026-12-03"), exporter: try OrganisationName("Acme Labs"),
                    packs: [.init(id: "p", version: "1", digest: "sha256:00")])),
            .approvalRecorded(
                ApprovalRecorded(
                    digest: digest("e"), destination: try CountryCode("DE"), by: "x", note: nil,
                    reportDigest: "sha256:" + String(repeating: "1", count: 64), date: try LedgerDate("2026-12-03"),
                    exporter: nil, packs: [])),
            .signatureAttached(
                SignatureAttached(
                    digest: digest("e"),
                    signature: ModelSignatureRecord(
                        predicateType: "https://model_signing/signature/v1.0", subjectName: "m “1”",
                        subjectDigest: String(repeating: "c", count: 64), scheme: "ecdsa-p256-sha256",
                        keyHint: String(repeating: "d", count: 64), certificateSubject: nil, certificateSHA256: nil,
                        signedFiles: 2, unsignedFiles: ["README.md"], signerIgnorePaths: ["model.sig", ".git"],
                        bundleSHA256: String(repeating: "e", count: 64), transparencyLogEntries: 0))),
            .artifactCorrected(
                ArtifactCorrected(
                    digest: digest("e"), reason: "merged from a base outside the ledger", changes: [],
                    training: try TrainingRecord(
                        kind: .merge, parents: [digest("a")], trainedIn: nil, site: nil, compute: .unknown,
                        published: nil, started: nil, finished: nil, externalParents: ["other/base-“x”"]))),
        ]
    }

    @Test func directEncodingMatchesFoundation() throws {
        for event in try Self.events() {
            let direct = try event.canonicalPayload()
            let reference: [UInt8]
            switch event {
            case .ledgerCreated(let payload): reference = try CanonicalJSON.bytesThroughFoundation(encoding: payload)
            case .artifactRegistered(let payload):
                reference = try CanonicalJSON.bytesThroughFoundation(encoding: payload)
            case .artifactReregistered(let payload):
                reference = try CanonicalJSON.bytesThroughFoundation(encoding: payload)
            case .nameAdded(let payload): reference = try CanonicalJSON.bytesThroughFoundation(encoding: payload)
            case .artifactPublished(let payload):
                reference = try CanonicalJSON.bytesThroughFoundation(encoding: payload)
            case .artifactUnpublished(let payload):
                reference = try CanonicalJSON.bytesThroughFoundation(encoding: payload)
            case .artifactCorrected(let payload):
                reference = try CanonicalJSON.bytesThroughFoundation(encoding: payload)
            case .organisationAdded(let payload):
                reference = try CanonicalJSON.bytesThroughFoundation(encoding: payload)
            case .organisationChanged(let payload):
                reference = try CanonicalJSON.bytesThroughFoundation(encoding: payload)
            case .deploymentRecorded(let payload):
                reference = try CanonicalJSON.bytesThroughFoundation(encoding: payload)
            case .locationRemoved(let payload): reference = try CanonicalJSON.bytesThroughFoundation(encoding: payload)
            case .locationMoved(let payload): reference = try CanonicalJSON.bytesThroughFoundation(encoding: payload)
            case .licenseAdded(let payload): reference = try CanonicalJSON.bytesThroughFoundation(encoding: payload)
            case .checkpointRecorded(let payload):
                reference = try CanonicalJSON.bytesThroughFoundation(encoding: payload)
            case .auditRecorded(let payload): reference = try CanonicalJSON.bytesThroughFoundation(encoding: payload)
            case .tokenCreated(let payload): reference = try CanonicalJSON.bytesThroughFoundation(encoding: payload)
            case .tokenRevoked(let payload): reference = try CanonicalJSON.bytesThroughFoundation(encoding: payload)
            case .approvalRecorded(let payload):
                reference = try CanonicalJSON.bytesThroughFoundation(encoding: payload)
            case .signatureAttached(let payload):
                reference = try CanonicalJSON.bytesThroughFoundation(encoding: payload)
            }
            #expect(direct == reference, "\(event.type): \(String(decoding: direct, as: UTF8.self))")
            // And the payload decodes back to the same event.
            #expect(try LedgerEvent.decode(type: event.type, payload: direct) == event)
        }
    }

    @Test func nonFiniteNumbersAreRefused() {
        struct Bad: Encodable { let x: Double }
        #expect(throws: CanonicalJSON.Failure.self) { try CanonicalJSON.bytes(encoding: Bad(x: .infinity)) }
        #expect(throws: CanonicalJSON.Failure.self) { try CanonicalJSON.bytes(encoding: [Double.nan]) }
    }

    @Test func scalarsArraysAndNesting() throws {
        struct Inner: Encodable {
            let a: [Int]
            let b: String?
            let c: [String: [Bool]]
        }
        struct Outer: Encodable {
            let inner: Inner
            let list: [Inner]
            let value: Int64
            let single: Double
        }
        let value = Outer(
            inner: Inner(a: [3, 1, 2], b: nil, c: ["z": [true], "a": []]), list: [Inner(a: [], b: "x", c: [:])],
            value: -42, single: 1e21)
        #expect(try CanonicalJSON.bytes(encoding: value) == (try CanonicalJSON.bytesThroughFoundation(encoding: value)))
        #expect(
            String(decoding: try CanonicalJSON.bytes(encoding: value), as: UTF8.self)
                == #"{"inner":{"a":[3,1,2],"c":{"a":[],"z":[true]}},"list":[{"a":[],"b":"x","c":{}}],"single":1e+21,"value":-42}"#
        )
    }
}
