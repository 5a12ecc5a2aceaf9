import Foundation
import Hummingbird
import HummingbirdTesting
import LedgerCore
import Testing

@testable import LedgerServer

/// Issue 13, items 7 and 10: what a client sends about its bytes is checked as strictly as local
/// hashing checks the files it finds. Each body was accepted by 0.3.0 (201); each is 422 naming
/// the field now, with nothing written.
@Suite struct SubmissionCheckTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        /// JSON members of `artifact` after digest and form.
        let artifact: String
        let compute: String
        let field: String
        let form: String
        var testDescription: String { label }

        init(
            _ label: String, _ artifact: String, compute: String = #"{"operations": 1e20}"#, form: String = "directory",
            field: String
        ) {
            self.label = label
            self.artifact = artifact
            self.compute = compute
            self.field = field
            self.form = form
        }
    }

    static let sha = "sha256:" + String(repeating: "ef", count: 32)
    static func file(_ path: String, _ size: String = "1") -> String {
        #"{"path": "\#(path)", "size": \#(size), "sha256": "\#(sha)"}"#
    }
    static func model(
        parameters: String = "10", dtypes: String = #"{"F32": 10}"#, tensors: String = "1",
        architecture: String = "null"
    ) -> String {
        #""model": {"format": "safetensors", "parameters": \#(parameters), "dtypes": \#(dtypes), "tensors": \#(tensors), "#
            + #""architecture": \#(architecture), "name": null, "files": 1}"#
    }

    static let cases: [Case] = [
        Case(
            "sizes of 2^63-1, beyond the integers JSON carries exactly",
            #""sizeBytes": 0, "files": [\#(file("a", "9223372036854775807")), \#(file("b", "9223372036854775807")), "#
                + #"\#(file("c", "2"))]"#,
            field: "files[0].size"),
        Case(
            "sizes that add up past 2^63-1 (wrapping to sizeBytes 0 on 0.3.0)",
            #""sizeBytes": 0, "files": ["#
                + (0..<1024).map { file("f\($0)", "9007199254740992") }.joined(separator: ", ") + "]",
            field: "files[1023].size"),
        Case(
            "a negative parameter count", #""sizeBytes": 1, "files": [\#(file("a"))], \#(model(parameters: "-5"))"#,
            field: "model.parameters"),
        Case(
            "a negative tensor count", #""sizeBytes": 1, "files": [\#(file("a"))], \#(model(tensors: "-1"))"#,
            field: "model.tensors"),
        Case(
            "markup in dtypes",
            #""sizeBytes": 1, "files": [\#(file("a"))], \#(model(dtypes: #"{"<img src=x onerror=alert(1)>": 10}"#))"#,
            field: "model.dtypes"),
        Case(
            "dtypes that do not add up to the parameters",
            #""sizeBytes": 1, "files": [\#(file("a"))], \#(model(dtypes: #"{"F32": 7}"#))"#, field: "model.dtypes"),
        Case(
            "a newline in the architecture",
            #""sizeBytes": 1, "files": [\#(file("a"))], \#(model(architecture: #""llama\n## Verdict""#))"#,
            field: "model.architecture"),
        Case(
            "half an accelerator", #""sizeBytes": 1, "files": [\#(file("a"))]"#,
            compute: #"{"accelerator": "H100-SXM", "count": 0.5, "hours": 10}"#, form: "file", field: "compute.count"),
        Case(#"a Windows ..\ path"#, #""sizeBytes": 1, "files": [\#(file(#"..\\..\\win"#))]"#, field: "files[0].path"),
        Case(
            "a 10,000-character path", #""sizeBytes": 1, "files": [\#(file(String(repeating: "p", count: 10_000)))]"#,
            field: "files[0].path"),
        Case(
            "a right-to-left override", #""sizeBytes": 1, "files": [\#(file(#"evil\u202Efdp.exe"#))]"#,
            field: "files[0].path"),
        Case(
            "a path that is a file and a directory",
            #""sizeBytes": 2, "files": [\#(file("a")), \#(file("a/b"))]"#, field: "files"),
        Case(
            "a bare path as location", #""sizeBytes": 1, "files": [\#(file("a"))], "location": "/etc/shadow""#,
            field: "location"),
        Case(
            "a location that climbs out",
            #""sizeBytes": 1, "files": [\#(file("a"))], "location": "n1:/data/../etc/shadow""#,
            field: "location"),
    ]

    @Test(arguments: cases)
    func refusedNamingTheField(_ bad: Case) async throws {
        let fixture = try ServerFixture()
        let before = try fixture.eventCount()
        let body =
            #"{"digest": "\#(Self.sha)", "form": "\#(bad.form)", \#(bad.artifact), "#
            + #""names": ["acme/x:v1"], "trainedIn": "US", "compute": \#(bad.compute)}"#
        let response = try await fixture.test { client in
            try await client.execute(
                uri: "/api/v1/artifacts", method: .post, headers: fixture.headers(.registrar), body: .text(body))
        }
        #expect(response.status == .unprocessableContent, "\(response.text)")
        #expect(response.errorField == bad.field, "\(response.text)")
        #expect(try fixture.eventCount() == before)
    }
}
