import Foundation
import TestSupport
import Testing

/// Issue 15's readers through `register`: files written by the real libraries
/// (Tests/ModelFilesTests/Fixtures, scripts/make-model-fixtures.py).
@Suite struct ModelFactsCLITests {
    static let fixtures = ServerPageTests.root.appendingPathComponent("Tests/ModelFilesTests/Fixtures")

    @Test func aMixtureOfExpertsCountsActiveParametersAndATruncatedFileIsRefused() throws {
        let cli = try CLI()
        let moe = Self.fixtures.appendingPathComponent("moe.gguf").path
        let shown = try #require(
            try cli.json(
                "register", moe, "--name", "acme/moe:q", "--params", "auto", "--tokens", "1e9", "--trained-in", "US")
                as? [String: Any])
        let compute = (shown["artifact"] as? [String: Any])?["compute"] as? [String: Any]
        let inputs = compute?["inputs"] as? [String: Any]
        #expect(inputs?["parameters"] as? Double == 744, "active, not the 1,320 in all: \(inputs ?? [:])")
        #expect((inputs?["parametersCounted"] as? String)?.contains("2 of 4 experts") == true)
        #expect(compute?["operations"] as? Double == 6 * 744 * 1e9)
        let text = try cli.ok("show", "acme/moe:q")
        #expect(text.contains("mixture of experts: 2 of 4 experts per token, 744 active parameters"))

        // The same file cut to 60%, its header intact: refused as truncated, nothing written.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: moe))
        let cut = try cli.directory.write("cut.gguf", Array(bytes.prefix(bytes.count * 6 / 10)))
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.ledger))
        let refused = try cli.run("register", cut, "--name", "acme/moe:cut")
        #expect(refused.status == 2 && refused.stderr.contains("truncated"), "\(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.ledger)) == before)
    }

    @Test func fnuzWeightsAndVariantsRegister() throws {
        let cli = try CLI()
        let fnuz = Self.fixtures.appendingPathComponent("fnuz.safetensors").path
        let one = try #require(try cli.json("register", fnuz, "--name", "acme/fp8:v1") as? [String: Any])
        let model = (one["artifact"] as? [String: Any])?["model"] as? [String: Any]
        #expect((model?["dtypes"] as? [String: Any])?["F8_E4M3FNUZ"] as? Int == 32, "0.3.0: no known dtype")
        let variants = Self.fixtures.appendingPathComponent("variants").path
        let two = try #require(try cli.json("register", variants, "--name", "acme/variants:v1") as? [String: Any])
        let counted = (two["artifact"] as? [String: Any])?["model"] as? [String: Any]
        #expect(counted?["parameters"] as? Int == 64, "0.3.0 counted both precisions: \(counted ?? [:])")
        #expect(counted?["skippedVariants"] as? [String] == ["model.fp16.safetensors"])
    }

    @Test func anONNXGraphWithoutItsExternalDataIsRefused() throws {
        let cli = try CLI()
        _ = try cli.ok("init")
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.ledger))
        let alone = Self.fixtures.appendingPathComponent("onnx-external/model.onnx").path
        let refused = try cli.run("register", alone, "--name", "acme/onnx:graph")
        #expect(refused.status == 2 && refused.stderr.contains("model.onnx.data"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.ledger)) == before)
        _ = try cli.ok("register", Self.fixtures.appendingPathComponent("onnx-external").path, "--name", "acme/onnx:v1")
        let gptq = try #require(
            try cli.json("register", Self.fixtures.appendingPathComponent("gptq").path, "--name", "acme/gptq:v1")
                as? [String: Any])
        let model = (gptq["artifact"] as? [String: Any])?["model"] as? [String: Any]
        #expect(model?["parameters"] as? Int == 18496 && (model?["quantization"] as? String)?.hasPrefix("gptq") == true)
    }
}
