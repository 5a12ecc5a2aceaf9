import Foundation
import TestSupport
import Testing

/// Issue 13, item 6: on 0.3.0 `acme/Model:v1`, `ACME/MODEL:V1`, `acme/model:vl` and `acme/mode1:v1`
/// all registered beside `acme/model:v1`. Names are case-insensitive for uniqueness; a name whose
/// confusables skeleton matches an existing one needs `--allow-similar-name`; the error names the
/// nearest existing name.
@Suite struct LookAlikeNameTests {
    @Test func lookAlikeNamesAreRefusedNamingTheNearestOne() throws {
        let cli = try CLI()
        _ = try cli.ok("register", try cli.model("a.safetensors", seed: 1), "--name", "acme/model:v1")
        var seed: UInt64 = 2
        for (name, caseOnly) in [
            ("acme/Model:v1", true), ("ACME/MODEL:V1", true), ("acme/model:vl", false), ("acme/mode1:v1", false),
            ("acrne/model:v2", false), ("Acme/model:v9", true),
        ] {
            seed += 1
            let before = try Data(contentsOf: URL(fileURLWithPath: cli.ledger))
            let result = try cli.run("register", try cli.model("m\(seed).safetensors", seed: seed), "--name", name)
            #expect(result.status == 2, "\(name): \(result.stdout)")
            #expect(result.stderr.contains("acme/model:v1"), "names the nearest: \(result.stderr)")
            #expect(
                result.stderr.contains(caseOnly ? "case-insensitive" : "--allow-similar-name"), "\(result.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: cli.ledger)) == before)
            let named = try cli.run("name", "add", "acme/model:v1", name)
            #expect(named.status == 2, "name add \(name): \(named.stdout)")
        }
        // Ordinary neighbours are not look-alikes: another tag, another repository.
        _ = try cli.ok("name", "add", "acme/model:v1", "acme/model:v2")
        _ = try cli.ok("name", "add", "acme/model:v1", "acme/model-instruct:v1")
        // Meant: a different model under a similar name, and a name add of the same kind.
        _ = try cli.ok(
            "register", try cli.model("other.safetensors", seed: 99), "--name", "acme/mode1:v1",
            "--allow-similar-name")
        _ = try cli.ok("name", "add", "acme/mode1:v1", "acme/model:vl", "--allow-similar-name")
        // Case-only twins stay refused even then; a new tag in an existing repository is no look-alike.
        #expect(try cli.run("name", "add", "acme/model:v1", "ACME/model:v1", "--allow-similar-name").status == 2)
        _ = try cli.ok("name", "add", "acme/model:v1", "acme/model:v3")
        #expect(try cli.run("name", "add", "acme/model:v1", "acme/mode1:v3").status == 2, "acme/mode1:v3 ≈ v3")
        #expect(try cli.run("verify").status == 0)
    }
}
