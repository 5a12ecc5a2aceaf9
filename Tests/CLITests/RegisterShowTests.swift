import Foundation
import LedgerUseCases
import ModelFiles
import TestSupport
import Testing

/// register → show → list → lineage → name add, through the real binary.
@Suite struct RegisterShowTests {
    @Test func showJSONHasTheContractKeys() throws {
        let cli = try CLI()
        let path = try cli.model("base.safetensors", seed: 1)
        _ = try cli.ok(
            "register", path, "--name", "acme/base:v1", "--kind", "pretrain", "--trained-in", "us", "--site", "Iowa",
            "--params", "4e11", "--tokens", "1.25e14", "--started", "2025-01-02", "--finished", "2025-03-04")
        let show = try #require(try cli.json("show", "acme/base:v1") as? [String: Any])
        for key in [
            "digest", "names", "kind", "files", "sizeBytes", "trainedIn", "site", "compute", "cumulativeCompute",
            "parents", "published", "locations",
        ] {
            #expect(show.keys.contains(key), "missing key \(key)")
        }
        #expect(show["digest"] as? String == "sha256:" + (try Subprocess.sha256sum(path)))
        #expect(show["names"] as? [String] == ["acme/base:v1"])
        #expect(show["kind"] as? String == "pretrain")
        #expect(show["trainedIn"] as? String == "US")
        #expect(show["site"] as? String == "Iowa")
        #expect(show["published"] is NSNull)
        #expect(show["parents"] as? [String] == [])
        #expect(show["locations"] as? [String] == [path])
        let files = try #require(show["files"] as? [[String: Any]])
        #expect(files.count == 1)
        #expect(files[0]["sha256"] as? String == show["digest"] as? String)
        #expect(files[0]["size"] as? Int == show["sizeBytes"] as? Int)
        let compute = try #require(show["compute"] as? [String: Any])
        #expect(compute["operations"] as? Double == 3e26)
        #expect(compute["method"] as? String == "6ND")
        let inputs = try #require(compute["inputs"] as? [String: Any])
        #expect(inputs["parameters"] as? Double == 4e11)
        #expect(inputs["tokens"] as? Double == 1.25e14)
        let cumulative = try #require(show["cumulativeCompute"] as? [String: Any])
        #expect(cumulative["operations"] as? Double == 3e26)
        #expect(cumulative["complete"] as? Bool == true)
        #expect(cumulative["unknownAncestors"] as? [String] == [])
    }

    @Test func unknownComputeIsNullAndMakesALowerBound() throws {
        let cli = try CLI()
        _ = try cli.ok(
            "register", try cli.model("a.safetensors", seed: 1), "--name", "acme/a:v1", "--compute", "1e25",
            "--published", "https://example.org/a", "--published-on", "2025-02-01")
        _ = try cli.ok(
            "register", try cli.model("b.safetensors", seed: 2), "--name", "acme/b:v1", "--parent", "acme/a:v1")
        let show = try #require(try cli.json("show", "acme/b:v1") as? [String: Any])
        #expect(show["kind"] as? String == "finetune")
        #expect((show["compute"] as? [String: Any])?["operations"] is NSNull)
        #expect((show["compute"] as? [String: Any])?["method"] as? String == "unknown")
        let cumulative = try #require(show["cumulativeCompute"] as? [String: Any])
        #expect(cumulative["operations"] as? Double == 1e25)
        #expect(cumulative["complete"] as? Bool == false)
        #expect(cumulative["unknownAncestors"] as? [String] == [show["digest"] as! String])
        let text = try cli.ok("show", "acme/b:v1")
        #expect(text.contains("lower bound"))
        let published = try #require(
            (try cli.json("show", "acme/a:v1") as? [String: Any])?["published"] as? [String: Any])
        #expect(published["url"] as? String == "https://example.org/a")
        #expect(published["date"] as? String == "2025-02-01")
    }

    @Test func directoryArtifactKeepsPerFileDigests() throws {
        let cli = try CLI()
        try cli.model("dir/model-00001-of-00002.safetensors", seed: 1)
        try cli.model("dir/model-00002-of-00002.safetensors", seed: 2)
        try cli.directory.write("dir/config.json", Array("{}".utf8))
        try cli.directory.write("dir/.git/HEAD", Array("x".utf8))
        let registered = try #require(
            try cli.json("register", cli.directory.file("dir"), "--name", "acme/dir:v1", "--compute", "0")
                as? [String: Any])
        #expect(registered["status"] as? String == "registered")
        let show = try #require(try cli.json("show", "acme/dir:v1") as? [String: Any])
        let files = try #require(show["files"] as? [[String: Any]])
        #expect(
            files.map { $0["path"] as? String } == [
                "config.json", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors",
            ])
        for file in files {
            #expect(
                file["sha256"] as? String == "sha256:"
                    + (try Subprocess.sha256sum(cli.directory.file("dir/" + (file["path"] as! String)))))
        }
        let hashed = try #require(try cli.json("hash", cli.directory.file("dir")) as? [[String: Any]])
        #expect(hashed.first?["digest"] as? String == show["digest"] as? String)
    }

    @Test func reregisteringSameBytesAddsNameAndLocationOnly() throws {
        let cli = try CLI()
        let path = try cli.model("a.safetensors", seed: 1)
        _ = try cli.ok("register", path, "--name", "acme/a:v1", "--compute", "1e24")
        try FileManager.default.copyItem(atPath: path, toPath: cli.directory.file("copy.safetensors"))
        let again = try cli.ok("register", cli.directory.file("copy.safetensors"), "--name", "acme/a:prod")
        #expect(again.contains("already registered"))
        let list = try #require(try cli.json("list") as? [[String: Any]])
        #expect(list.count == 1)
        #expect(Set(list[0]["names"] as? [String] ?? []) == ["acme/a:v1", "acme/a:prod"])
        #expect((list[0]["locations"] as? [String])?.count == 2)
        let unchanged = try cli.ok("register", path, "--name", "acme/a:v1")
        #expect(unchanged.contains("nothing changed"))
    }

    @Test func lineageTreeJSONAndDot() throws {
        let cli = try CLI()
        _ = try cli.ok(
            "register", try cli.model("base.safetensors", seed: 1), "--name", "acme/base:v1", "--compute", "1e25")
        _ = try cli.ok(
            "register", try cli.model("ft1.safetensors", seed: 2), "--name", "acme/ft1:v1", "--parent", "acme/base:v1",
            "--compute", "2e24")
        _ = try cli.ok(
            "register", try cli.model("ft2.safetensors", seed: 3), "--name", "acme/ft2:v1", "--parent", "acme/base:v1",
            "--compute", "3e24")
        _ = try cli.ok(
            "register", try cli.model("merge.safetensors", seed: 4), "--name", "acme/merge:v1", "--kind", "merge",
            "--parent", "acme/ft1:v1", "--parent", "acme/ft2:v1", "--compute", "0")
        let lineage = try #require(try cli.json("lineage", "acme/merge:v1") as? [String: Any])
        #expect(lineage["direction"] as? String == "ancestors")
        let nodes = try #require(lineage["nodes"] as? [[String: Any]])
        #expect(nodes.count == 4)
        #expect((lineage["edges"] as? [Any])?.count == 4)
        let root = try #require(nodes.first)
        #expect((root["cumulativeCompute"] as? [String: Any])?["operations"] as? Double == 1.5e25)
        let descendants = try #require(try cli.json("lineage", "acme/base:v1", "--descendants") as? [String: Any])
        #expect((descendants["nodes"] as? [Any])?.count == 4)
        let tree = try cli.ok("lineage", "acme/merge:v1")
        #expect(tree.contains("(shown above)"))
        let dot = try cli.ok("lineage", "acme/merge:v1", "--dot")
        #expect(dot.hasPrefix("digraph lineage {"))
        #expect(dot.components(separatedBy: " -> ").count - 1 == 4)
    }

    @Test func nameAddBindsAndRefusesRebinding() throws {
        let cli = try CLI()
        let a = try cli.model("a.safetensors", seed: 1)
        _ = try cli.ok("register", a, "--name", "acme/a:v1")
        _ = try cli.ok("register", try cli.model("b.safetensors", seed: 2), "--name", "acme/b:v1")
        let digest = "sha256:" + (try Subprocess.sha256sum(a))
        #expect(try cli.ok("name", "add", String(digest.dropFirst(7).prefix(12)), "acme/a:stable").contains("bound"))
        #expect((try cli.json("show", "acme/a:stable") as? [String: Any])?["digest"] as? String == digest)
        #expect(try cli.ok("name", "add", "acme/a:v1", "acme/a:stable").contains("nothing changed"))
        let again = try #require(try cli.json("name", "add", "acme/a:v1", "acme/a:stable") as? [String: Any])
        #expect(again["added"] as? Bool == false)
        #expect(again["digest"] as? String == digest)
        let clash = try cli.run("name", "add", "acme/b:v1", "acme/a:stable")
        #expect(clash.status == 2)
        #expect(clash.stderr.contains("already bound"))
    }

    @Test(CLI.fileFeature) func ledgerPathConventions() throws {
        let cli = try CLI()
        let path = try cli.model("a.safetensors", seed: 1)
        // --ledger wins over the environment.
        _ = try cli.ok("register", path, "--ledger", cli.directory.file("explicit.db"))
        #expect(FileManager.default.fileExists(atPath: cli.directory.file("explicit.db")))
        #expect(!FileManager.default.fileExists(atPath: cli.ledger))
        // Without either, ./weightledger.db in the working directory.
        let result = try cli.run(["register", path], environment: ["WEIGHTLEDGER_LEDGER": ""])
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.directory.file("weightledger.db")))
        // init on an existing ledger changes nothing.
        #expect(try cli.ok("init").contains("created"))
        #expect(try cli.ok("init").contains("already exists"))
        let initJSON = try #require(try cli.json("init") as? [String: Any])
        #expect(initJSON["created"] as? Bool == false)
        #expect((initJSON["ledgerID"] as? String)?.count == 36)
    }

    @Test func hashMatchesSha256sum() throws {
        let cli = try CLI()
        let a = try cli.directory.writeRandom("with space ü.bin", count: 3 * 1024 * 1024 + 1, seed: 5)
        let b = try cli.directory.write("empty.bin", [])
        let out = try cli.ok("hash", a, b)
        #expect(out == "sha256:\(try Subprocess.sha256sum(a))  \(a)\nsha256:\(try Subprocess.sha256sum(b))  \(b)\n")
    }

    @Test(CLI.fileFeature) func demoRunsEndToEnd() throws {
        let cli = try CLI()
        let result = try cli.run("demo", "--ledger", cli.ledger)
        #expect(result.status == 0, "\(result.stderr)")
        for phrase in [
            "registered sha256:", "already registered", "lineage --descendants", "(shown above)", "lower bound",
            "quantize", "adapter",
            "no-license-tier1-aia", "LICENSE REQUIRED", "-undetermined", "refused (--strict)", "recorded deployment",
            "1 finding(s) need a person", "recorded license BIS/", "0 finding(s) need a person", "LICENSED (BIS/",
            "PACKS USED",
            "NOT ENFORCED", "weightledger log checkpoint", "ok: ", "tables match a replay",
            // Issue 12: organisations, a publication recorded later, a correction, the fact history.
            "added organisation Acme AI Inc.", "license-required-no-aia", "weightledger publish openlab/atlas-7b:v1",
            "published sha256:", "corrected sha256:", "compute: unknown → 1.2 × 10^24",
            "show acme/frontier-1-legal:v1 --history",
            "FACT HISTORY", "reason: compute found in the training run's logs",
        ] {
            #expect(result.stdout.contains(phrase), "demo output lacks \(phrase)")
        }
        let list = try #require(try cli.json("list") as? [[String: Any]])
        #expect(list.count == 8)
        #expect(
            Set(list.compactMap { $0["kind"] as? String }) == [
                "pretrain", "finetune", "quantize", "merge", "adapter", "convert",
            ])
        #expect(
            Set(list.compactMap { ($0["model"] as? [String: Any])?["format"] as? String }) == ["safetensors", "gguf"])
        // Running it again on the same ledger finds the same bytes and adds nothing.
        let again = try cli.run("demo", "--ledger", cli.ledger)
        #expect(again.status == 0, "\(again.stderr)")
        #expect((try cli.json("list") as? [Any])?.count == 8)
        #expect(again.stdout.contains("already recorded by an earlier demo run"))
    }

    @Test func demoDefaultsToATemporaryLedger() throws {
        let cli = try CLI()
        let result = try cli.run(["demo"], environment: ["WEIGHTLEDGER_LEDGER": ""])
        #expect(result.status == 0)
        #expect(!FileManager.default.fileExists(atPath: cli.directory.file("weightledger.db")))
        let firstLine = result.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(firstLine.hasPrefix("WeightLedger demo: ledger /"))
        let ledgerPath = String(firstLine.dropFirst("WeightLedger demo: ledger ".count))
        #expect(FileManager.default.fileExists(atPath: ledgerPath))
        try? FileManager.default.removeItem(atPath: (ledgerPath as NSString).deletingLastPathComponent)
    }

    @Test func paramsAutoCountsFromSafetensorsAndGGUFHeaders() throws {
        let cli = try CLI()
        let tensors = [SafetensorsWriter.Tensor("a", "BF16", [128, 64]), SafetensorsWriter.Tensor("b", "F32", [64])]
        let safetensors = try cli.directory.write("m.safetensors", SafetensorsWriter.bytes(tensors: tensors, seed: 3))
        let view = try #require(
            try cli.json("register", safetensors, "--name", "acme/auto:v1", "--params", "auto", "--tokens", "1e12")
                as? [String: Any])
        let artifact = try #require(view["artifact"] as? [String: Any])
        let compute = try #require(artifact["compute"] as? [String: Any])
        #expect(compute["method"] as? String == "6ND")
        #expect((compute["operations"] as? Double) == 6 * 8256 * 1e12)
        let model = try #require(artifact["model"] as? [String: Any])
        #expect(model["format"] as? String == "safetensors")
        #expect(model["parameters"] as? Int == 128 * 64 + 64)
        #expect((model["dtypes"] as? [String: Int]) == ["BF16": 8192, "F32": 64])
        #expect(model["architecture"] is NSNull)

        let gguf = try cli.directory.write(
            "m.gguf",
            GGUFWriter.bytes(
                metadata: [("general.architecture", .string("llama")), ("general.name", .string("Tiny"))],
                tensors: [GGUFWriter.Tensor("w", [32, 32], "Q8_0")], seed: 4))
        let ggufView = try #require(
            try cli.json(
                "register", gguf, "--name", "acme/auto:gguf", "--kind", "convert", "--parent", "acme/auto:v1",
                "--params", "auto", "--tokens", "1") as? [String: Any])
        let ggufModel = try #require((ggufView["artifact"] as? [String: Any])?["model"] as? [String: Any])
        #expect(ggufModel["parameters"] as? Int == 1024)
        #expect(ggufModel["name"] as? String == "Tiny")
        let shown = try cli.ok("show", "acme/auto:gguf")
        #expect(
            shown.contains("gguf, 1024 parameters") && shown.contains("Q8_0 100%")
                && shown.contains("architecture llama"))

        // --params auto on a file without a model header is refused, nothing written.
        let plain = try cli.directory.writeRandom("plain.bin", count: 100, seed: 1)
        let refused = try cli.run("register", plain, "--params", "auto", "--tokens", "1e12")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--params auto"))
    }

    @Test func hashingOptions() throws {
        let cli = try CLI()
        for index in 0..<6 {
            try cli.directory.writeRandom("m/f\(index).bin", count: 100_000 * index, seed: UInt64(index))
        }
        let one = try cli.ok("hash", "m", "--jobs", "1")
        let many = try cli.run("hash", "m", "--jobs", "4")
        #expect(many.stdout == one)
        #expect(many.stderr.isEmpty, "no progress line when stderr is not a terminal")
        #expect(try cli.ok("hash", "m", "--quiet") == one)
        let bad = try cli.run("hash", "m", "--jobs", "0")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--jobs"))
    }
}
