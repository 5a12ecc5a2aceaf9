import Foundation
import Hashing
import LedgerCore
import TestSupport
import Testing

@testable import ModelSigning

/// The statement inside a bundle, read as hostile input: each case changes one thing of a valid
/// statement and says whether it is refused and how.
@Suite struct SignedManifestTests {
    static let a = String(repeating: "a", count: 64), b = String(repeating: "b", count: 64)

    static func statement(_ change: (inout [String: Any]) -> Void = { _ in }) throws -> [UInt8] {
        let resources: [[String: Any]] = [
            ["algorithm": "sha256", "name": "a.bin", "digest": a],
            ["algorithm": "sha256", "name": "sub/b.bin", "digest": b],
        ]
        let root = try SignedManifest.rootDigest(
            resources.map {
                SignedManifest.Resource(name: $0["name"] as! String, sha256: $0["digest"] as! String)
            })
        var json: [String: Any] = [
            "_type": "https://in-toto.io/Statement/v1",
            "subject": [["name": "model", "digest": ["sha256": root]]],
            "predicateType": "https://model_signing/signature/v1.0",
            "predicate": [
                "resources": resources,
                "serialization": [
                    "method": "files", "hash_type": "sha256", "allow_symlinks": false,
                    "ignore_paths": ["model.sig"],
                ],
            ],
        ]
        change(&json)
        return Array(try JSONSerialization.data(withJSONObject: json))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let change: @Sendable (inout [String: Any]) -> Void
        /// nil: accepted; else a word of the refusal.
        let refusal: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "valid", change: { _ in }, refusal: nil),
        Case(
            name: "another statement type", change: { $0["_type"] = "https://in-toto.io/Statement/v0.1" },
            refusal: "in-toto Statement v1"),
        Case(
            name: "another predicate", change: { $0["predicateType"] = "https://slsa.dev/provenance/v1" },
            refusal: "predicate type"),
        Case(
            name: "subject digest not over the resources",
            change: {
                $0["subject"] = [["name": "model", "digest": ["sha256": a]]]
            }, refusal: "subject digest"),
        Case(
            name: "two subjects",
            change: {
                $0["subject"] = [["name": "x", "digest": ["sha256": a]], ["name": "y", "digest": ["sha256": b]]]
            }, refusal: "exactly one subject"),
        Case(
            name: "shards serialization",
            change: {
                var predicate = $0["predicate"] as! [String: Any]
                var serialization = predicate["serialization"] as! [String: Any]
                serialization["method"] = "shards"
                predicate["serialization"] = serialization
                $0["predicate"] = predicate
            }, refusal: "serialization method"),
        Case(
            name: "a digest that is not hex",
            change: {
                var predicate = $0["predicate"] as! [String: Any]
                predicate["resources"] = [["algorithm": "sha256", "name": "a.bin", "digest": "zz"]]
                $0["predicate"] = predicate
            }, refusal: "resource"),
        Case(
            name: "no resources",
            change: {
                var predicate = $0["predicate"] as! [String: Any]
                predicate["resources"] = [Any]()
                $0["predicate"] = predicate
                $0["subject"] = [
                    [
                        "name": "m",
                        "digest": ["sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
                    ]
                ]
            }, refusal: "signs no file"),
        Case(
            name: "a subject name longer than 4096 bytes",
            change: {
                var subject = ($0["subject"] as! [[String: Any]])[0]
                subject["name"] = String(repeating: "x", count: 5000)
                $0["subject"] = [subject]
            }, refusal: "longer than"),
        Case(
            name: "v0.1: the subjects are the files",
            change: {
                $0["predicateType"] = "https://model_signing/Digests/v0.1"
                $0["subject"] = [["name": "a.bin", "digest": ["sha256": a]]]
            }, refusal: nil),
    ]

    @Test(arguments: cases)
    func statements(_ testCase: Case) throws {
        let payload = try Self.statement(testCase.change)
        if let refusal = testCase.refusal {
            #expect {
                try SignedManifest(payload: payload)
            } throws: { error in
                "\(error)".contains(refusal)
            }
        } else {
            let manifest = try SignedManifest(payload: payload)
            #expect(!manifest.resources.isEmpty)
        }
    }

    @Test func theSubjectDigestIsTheSHA256OfTheConcatenatedDigests() throws {
        // sha256sum over the 64 raw bytes, written by the test, not by the code under test.
        let directory = try TemporaryDirectory()
        let path = try directory.write("raw", Hex.decode(Self.a)! + Hex.decode(Self.b)!)
        let manifest = try SignedManifest(payload: try Self.statement())
        #expect(manifest.subjectDigest == (try Subprocess.sha256sum(path)))
        #expect(manifest.ignorePaths == ["model.sig"] && !manifest.allowSymlinks)
    }

    /// model_signing 0.2 signed `DSSEV1 … {Python's repr of the payload bytes}`: built here from
    /// Python's own repr, which the code under test must match byte for byte.
    @Test func theCompatibleEncodingIsPythonsRepr() throws {
        let payload = Array("{\"a\": \"it's\\\\ \u{7f}\u{1}\n\"}".utf8) + [0xc3, 0xa9]
        let directory = try TemporaryDirectory()
        let path = try directory.write("payload", payload)
        let python = try Subprocess.run(
            "/usr/bin/env",
            ["python3", "-c", "import sys; sys.stdout.write(repr(open(sys.argv[1], 'rb').read()))", path])
        #expect(python.status == 0)
        let bundle = SignatureBundle(payload: payload, signature: [1], hint: "")
        let expected = "DSSEV1 28 application/vnd.in-toto+json \(payload.count) \(python.stdout)"
        #expect(String(decoding: bundle.compatiblePreAuthenticationEncoding, as: UTF8.self) == expected)
    }
}
