import Foundation
import LedgerCore
import Testing

@testable import ModelFiles

/// Files written by the real libraries (safetensors 0.8.0, gguf 0.19.0) with
/// scripts/make-model-fixtures.py, read by our readers and compared with what those libraries read
/// back from the same files (Fixtures/expected.json).
@Suite struct ModelFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    nonisolated(unsafe) static let expected: [String: Any] = {
        let data = (try? Data(contentsOf: folder.appendingPathComponent("expected.json"))) ?? Data()
        return (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }()

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func expect(_ info: ModelInfo?, matches key: String) throws {
        let want = try #require(Self.expected[key] as? [String: Any], "expected.json has \(key)")
        let info = try #require(info, "\(key) has model facts")
        #expect(info.parameters == (want["parameters"] as? NSNumber)?.int64Value, "\(key) parameters")
        #expect(info.tensors == want["tensors"] as? Int, "\(key) tensors")
        let dtypes = (want["dtypes"] as? [String: NSNumber] ?? [:]).mapValues(\.int64Value)
        #expect(info.dtypes == dtypes, "\(key) dtypes: ours \(info.dtypes), the library's \(dtypes)")
    }

    @Test(arguments: ["fnuz.safetensors", "tiny.gguf", "moe.gguf", "big-endian.gguf", "types.gguf"])
    func eachFileReadsAsItsLibraryReadsIt(_ name: String) throws {
        try expect(try ModelInspector.inspect(path: Self.path(name)), matches: name)
    }

    @Test func expertsCountActiveParametersForSixND() throws {
        let info = try #require(try ModelInspector.inspect(path: Self.path("moe.gguf")))
        let want = try #require(Self.expected["moe.gguf"] as? [String: Any])
        #expect(info.experts == 4 && info.expertsUsed == 2)
        #expect(info.activeParameters == (want["activeParameters"] as? NSNumber)?.int64Value)
        // --params auto takes the active parameters and says so.
        let compute = try ComputeClaim.countingFromHeaders(tokens: 1e6).resolved(model: info, path: "moe.gguf")
        #expect(compute.inputs.parameters == Double(info.activeParameters!))
        #expect(compute.inputs.parametersCounted?.contains("2 of 4 experts") == true)
        let dense = try #require(try ModelInspector.inspect(path: Self.path("tiny.gguf")))
        #expect(dense.activeParameters == nil && dense.experts == nil)
    }

    @Test func aSplitGGUFIsJoinedAndOnePartAloneSaysSo() throws {
        let want = try #require(Self.expected["split"] as? [String: Any])
        let files = try #require(want["files"] as? [String])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wl-split-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for file in files {
            try FileManager.default.copyItem(
                atPath: Self.path(file), toPath: directory.appendingPathComponent(file).path)
        }
        try expect(try ModelInspector.inspect(path: directory.path), matches: "split")
        let part = try #require(try ModelInspector.inspect(path: Self.path(files[0])))
        #expect(part.splitCount == 2)
        #expect(throws: InputError.self) {
            try ComputeClaim.countingFromHeaders(tokens: 1e6).resolved(model: part, path: files[0])
        }
        try FileManager.default.removeItem(at: directory.appendingPathComponent(files[1]))
        try FileManager.default.copyItem(
            atPath: Self.path("tiny.gguf"), toPath: directory.appendingPathComponent("other.gguf").path)
        #expect(try ModelInspector.inspect(path: directory.path) == nil, "two unrelated GGUF files: no model facts")
        try FileManager.default.removeItem(at: directory.appendingPathComponent("other.gguf"))
        try FileManager.default.copyItem(
            atPath: Self.path(files[0]), toPath: directory.appendingPathComponent("split-00001-of-00003.gguf").path)
        try FileManager.default.removeItem(at: directory.appendingPathComponent(files[0]))
        try FileManager.default.copyItem(
            atPath: Self.path(files[1]), toPath: directory.appendingPathComponent("split-00002-of-00003.gguf").path)
        let error = #expect(throws: ModelFileError.self) { try ModelInspector.inspect(path: directory.path) }
        #expect(error?.reason.contains("missing part 3") == true)
    }

    @Test func precisionVariantsAreCountedOnce() throws {
        let info = try #require(try ModelInspector.inspect(path: Self.path("variants")))
        let want = try #require(Self.expected["variants"] as? [String: Any])
        #expect(info.parameters == (want["parameters"] as? NSNumber)?.int64Value, "0.3.0 counted both files")
        #expect(info.skippedVariants == ["model.fp16.safetensors"] && info.files == 1)
    }

    /// A file cut short with its header intact is refused as truncated (0.3.0 registered it whole).
    @Test(arguments: [0.6, 0.9, 0.99])
    func aTruncatedGGUFIsRefused(_ share: Double) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.path("moe.gguf")))
        let cut = FileManager.default.temporaryDirectory.appendingPathComponent("wl-cut-\(UUID().uuidString).gguf")
        defer { try? FileManager.default.removeItem(at: cut) }
        try bytes.prefix(Int(Double(bytes.count) * share)).write(to: cut)
        let error = #expect(throws: ModelFileError.self) { try ModelInspector.inspect(path: cut.path) }
        #expect(error?.reason.contains("truncated") == true, "\(String(describing: error))")
    }

    /// Safetensors bytes without the extension (`.sft`, a cache blob) are read by their content.
    @Test func safetensorsIsRecognisedByContent() throws {
        let blob = FileManager.default.temporaryDirectory.appendingPathComponent("wl-blob-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: blob) }
        try FileManager.default.copyItem(atPath: Self.path("fnuz.safetensors"), toPath: blob.path)
        try expect(try ModelInspector.inspect(path: blob.path), matches: "fnuz.safetensors")
        let text = FileManager.default.temporaryDirectory.appendingPathComponent("wl-text-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: text) }
        try Data("{\"not\": \"a model\"}                         ".utf8).write(to: text)
        #expect(try ModelInspector.inspect(path: text.path) == nil)
    }

    /// Our ggml type table is gguf's: every number, name, block and block size.
    @Test func theTypeTableIsGGUFs() throws {
        let theirs = try #require(Self.expected["ggmlTypes"] as? [String: [Any]])
        #expect(theirs.count == GGUFTypes.table.count)
        for (number, entry) in theirs {
            let ours = try #require(GGUFTypes.table[UInt32(number)!], "type \(number)")
            #expect(ours.name == entry[0] as? String)
            #expect(
                ours.block == (entry[1] as? NSNumber)?.uint64Value && ours.bytes == (entry[2] as? NSNumber)?.uint64Value
            )
        }
    }

    /// Packed 4-bit weights are counted as the parameters they stand for, with the rule said;
    /// packed tensors nothing explains are flagged (0.3.0 counted GPTQ about 7× too few).
    @Test(arguments: ["gptq", "awq", "bnb4"])
    func packedQuantizationsCountLogicalParameters(_ name: String) throws {
        let want = try #require(Self.expected[name] as? [String: Any])
        let info = try #require(try ModelInspector.inspect(path: Self.path(name)))
        #expect(info.parameters == (want["parameters"] as? NSNumber)?.int64Value, "\(name): \(info.parameters)")
        #expect(info.dtypes.values.reduce(0, +) == info.parameters, "the type mix adds up")
        #expect(info.architecture == want["architecture"] as? String)
        #expect(info.quantization?.contains("counted as") == true && info.quantization?.hasPrefix("uncertain") == false)
    }

    @Test func packedTensorsWithoutAConfigAreFlaggedUncertain() throws {
        let info = try #require(try ModelInspector.inspect(path: Self.path("packed-unknown")))
        #expect(info.quantization?.hasPrefix("uncertain") == true)
        let gptq = try #require(try ModelInspector.inspect(path: Self.path("gptq")))
        #expect(info.parameters < gptq.parameters, "counted as stored")
    }

    @Test func aMixtureOfExpertsFolderReadsItsConfig() throws {
        let want = try #require(Self.expected["mixtral"] as? [String: Any])
        let info = try #require(try ModelInspector.inspect(path: Self.path("mixtral")))
        #expect(info.parameters == (want["parameters"] as? NSNumber)?.int64Value)
        #expect(info.activeParameters == (want["activeParameters"] as? NSNumber)?.int64Value)
        #expect(info.experts == 4 && info.expertsUsed == 2 && info.architecture == "MixtralForCausalLM")
    }

    /// An ONNX model written by onnx with its weights as external data names its data file; alone,
    /// it is refused (0.3.0 registered the 171-byte graph as the model without a word).
    @Test func onnxExternalDataIsFoundAndMustBePartOfTheArtifact() throws {
        let want = try #require((Self.expected["onnx-external"] as? [String: Any])?["externalData"] as? [String])
        let model = Self.path("onnx-external/model.onnx")
        #expect(try ONNX.externalData(FileSource(path: model), path: model) == want)
        #expect(try ONNX.externalData(FileSource(path: Self.path("inline.onnx")), path: "inline.onnx").isEmpty)
        let alone = #expect(throws: ModelFileError.self) { try ModelInspector.inspect(path: model) }
        #expect(alone?.reason.contains("model.onnx.data") == true)
        #expect(try ModelInspector.inspect(path: Self.path("onnx-external")) == nil, "the folder holds both")
        #expect(try ModelInspector.inspect(path: Self.path("inline.onnx")) == nil)
        // The folder without its data file: refused, naming it.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wl-onnx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(atPath: model, toPath: directory.appendingPathComponent("model.onnx").path)
        let missing = #expect(throws: ModelFileError.self) { try ModelInspector.inspect(path: directory.path) }
        #expect(missing?.reason.contains("model.onnx.data") == true)
        // Every prefix of the file is an error or a clean read, never a crash.
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: model)))
        for length in 0..<bytes.count {
            _ = try? ONNX.externalData(MemorySource(Array(bytes.prefix(length))), path: "cut.onnx")
        }
    }

    /// (location, model path, resolved): only paths inside the model's folder resolve.
    static let locations: [(String, String, String?)] = [
        ("model.onnx.data", "model.onnx", "model.onnx.data"), ("w.bin", "sub/model.onnx", "sub/w.bin"),
        ("./w.bin", "sub/model.onnx", "sub/w.bin"), ("../w.bin", "sub/model.onnx", nil), ("/etc/passwd", "m.onnx", nil),
        ("", "m.onnx", nil), ("a\\b", "m.onnx", nil),
    ]

    @Test(arguments: locations)
    func externalLocationsResolveInsideTheFolder(_ location: String, _ model: String, _ resolved: String?) {
        #expect(ONNX.resolve(location, besides: model) == resolved)
    }
}
