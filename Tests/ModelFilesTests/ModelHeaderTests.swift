import Foundation
import LedgerUseCases
import TestSupport
import Testing

@testable import ModelFiles

/// safetensors and GGUF headers: counts from real headers, and a clear error (never a crash or a
/// huge allocation) for every kind of malformed header.
@Suite struct ModelHeaderTests {
    static let tensors = [
        SafetensorsWriter.Tensor("embed", "BF16", [64, 32]), SafetensorsWriter.Tensor("norm", "F32", [32]),
        SafetensorsWriter.Tensor("head", "BF16", [64, 32]),
    ]
    static let safetensors = SafetensorsWriter.bytes(tensors: tensors, metadata: ["format": "pt"], seed: 1)

    static let ggufTensors = [
        GGUFWriter.Tensor("token_embd.weight", [32, 64], "Q8_0"), GGUFWriter.Tensor("output_norm.weight", [32], "F32"),
        GGUFWriter.Tensor("blk.0.attn_q.weight", [32, 32], "F16"),
    ]
    static let gguf = GGUFWriter.bytes(
        metadata: [
            ("general.architecture", .string("llama")), ("general.name", .string("Tiny Llama")),
            ("llama.context_length", .uint32(2048)), ("tokenizer.ggml.scores", .float32(0.5)),
            ("tokenizer.ggml.tokens", .strings(["<s>", "</s>", "hello", "wörld"])),
        ],
        tensors: ggufTensors, seed: 2)

    @Test func safetensorsCountsParametersAndDtypes() throws {
        let info = try Safetensors.inspect(MemorySource(Self.safetensors), path: "m.safetensors")
        #expect(info.format == "safetensors")
        #expect(info.parameters == 64 * 32 * 2 + 32)
        #expect(info.dtypes == ["BF16": 4096, "F32": 32])
        #expect(info.tensors == 3)
        #expect(info.dtypeMix == "BF16 99.2%, F32 0.8%")
    }

    @Test func ggufCountsParametersTypesAndNames() throws {
        let info = try GGUF.inspect(MemorySource(Self.gguf), path: "m.gguf")
        #expect(info.format == "gguf")
        #expect(info.parameters == 32 * 64 + 32 + 32 * 32)
        #expect(info.dtypes == ["Q8_0": 2048, "F32": 32, "F16": 1024])
        #expect(info.architecture == "llama")
        #expect(info.name == "Tiny Llama")
        #expect(info.tensors == 3)
    }

    @Test func ggufVersion2HasTheSameLayout() throws {
        var bytes = Self.gguf
        bytes[4] = 2
        let info = try GGUF.inspect(MemorySource(bytes), path: "v2.gguf")
        #expect(info.parameters == 32 * 64 + 32 + 32 * 32)
        #expect(info.name == "Tiny Llama")
    }

    @Test func shardedDirectoryAddsUpItsShards() throws {
        let directory = try TemporaryDirectory()
        let first = Array(Self.tensors.prefix(2))
        let second = Array(Self.tensors.suffix(1))
        _ = try directory.write("model-00001-of-00002.safetensors", SafetensorsWriter.bytes(tensors: first, seed: 1))
        _ = try directory.write("model-00002-of-00002.safetensors", SafetensorsWriter.bytes(tensors: second, seed: 2))
        _ = try directory.write(
            "model.safetensors.index.json",
            SafetensorsWriter.index(shards: [
                ("model-00001-of-00002.safetensors", first), ("model-00002-of-00002.safetensors", second),
            ]))
        _ = try directory.write("config.json", Array("{}".utf8))
        let info = try #require(try ModelInspector.inspect(path: directory.path))
        #expect(info.parameters == 64 * 32 * 2 + 32)
        #expect(info.files == 2)
        #expect(info.tensors == 3)
    }

    @Test func filesThatAreNotModelsHaveNoInfo() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("notes.bin", Array("just bytes".utf8))
        #expect(try ModelInspector.inspect(path: path) == nil)
        let gguf = try directory.write("unnamed", Self.gguf)
        #expect(try ModelInspector.inspect(path: gguf)?.format == "gguf")
    }

    /// Little-endian u64, for building headers by hand.
    static func le64(_ value: UInt64) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }
    static func le32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }
    static func safetensors(header: String, data: Int = 0) -> [UInt8] {
        le64(UInt64(header.utf8.count)) + Array(header.utf8) + [UInt8](repeating: 0, count: data)
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let mentions: String
        var testDescription: String { name }
    }

    static let badSafetensors: [Bad] = [
        Bad(name: "empty file", bytes: [], mentions: "truncated"),
        Bad(name: "shorter than the length", bytes: [1, 2, 3], mentions: "truncated"),
        Bad(name: "absurd header length", bytes: le64(1 << 62) + Array("{}".utf8), mentions: "exceeds"),
        Bad(name: "length past the end", bytes: le64(1000) + Array("{}".utf8), mentions: "truncated"),
        Bad(name: "zero length", bytes: le64(0), mentions: "too small"),
        Bad(name: "not JSON", bytes: safetensors(header: "{nope"), mentions: "not valid JSON"),
        Bad(
            name: "deeply nested JSON", bytes: safetensors(header: String(repeating: "[", count: 5000)),
            mentions: "not valid JSON"),
        Bad(name: "not an object", bytes: safetensors(header: "[1,2]"), mentions: "not a JSON object"),
        Bad(
            name: "unknown dtype",
            bytes: safetensors(header: #"{"w":{"dtype":"F12","shape":[1],"data_offsets":[0,2]}}"#, data: 2),
            mentions: "dtype"),
        Bad(
            name: "negative shape",
            bytes: safetensors(header: #"{"w":{"dtype":"U8","shape":[-1],"data_offsets":[0,1]}}"#, data: 1),
            mentions: "shape"),
        Bad(
            name: "fractional shape",
            bytes: safetensors(header: #"{"w":{"dtype":"U8","shape":[1.5],"data_offsets":[0,1]}}"#, data: 1),
            mentions: "shape"),
        Bad(
            name: "shape does not match bytes",
            bytes: safetensors(header: #"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,8]}}"#, data: 8),
            mentions: "does not match"),
        Bad(
            name: "offsets past the data",
            bytes: safetensors(header: #"{"w":{"dtype":"U8","shape":[100],"data_offsets":[0,100]}}"#, data: 4),
            mentions: "data_offsets"),
        Bad(
            name: "huge shape overflows",
            bytes: safetensors(
                header: #"{"w":{"dtype":"U8","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,1]}}"#,
                data: 1), mentions: "more elements"),
        Bad(
            name: "overlapping tensors",
            bytes: safetensors(
                header:
                    #"{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},"b":{"dtype":"U8","shape":[4],"data_offsets":[2,6]}}"#,
                data: 6), mentions: "overlap"),
        Bad(
            name: "metadata not strings", bytes: safetensors(header: #"{"__metadata__":{"a":1}}"#),
            mentions: "__metadata__"),
    ]

    @Test(arguments: badSafetensors)
    func badSafetensorsIsAClearError(_ bad: Bad) {
        do {
            _ = try Safetensors.inspect(MemorySource(bad.bytes), path: "bad.safetensors")
            Issue.record("accepted")
        } catch let error as ModelFileError {
            #expect(error.path == "bad.safetensors")
            #expect(error.reason.hasPrefix("not a valid safetensors file"))
            #expect(error.reason.contains(bad.mentions), "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    static func ggufHeader(version: UInt32 = 3, tensors: UInt64 = 0, kvs: UInt64 = 0) -> [UInt8] {
        Array("GGUF".utf8) + le32(version) + le64(tensors) + le64(kvs)
    }

    static let badGGUF: [Bad] = [
        Bad(name: "no magic", bytes: Array("GGUX".utf8) + [UInt8](repeating: 0, count: 40), mentions: "magic"),
        Bad(name: "version 1", bytes: ggufHeader(version: 1) + [UInt8](repeating: 0, count: 40), mentions: "version 1"),
        // Version 4 in either byte order (big-endian files are read since issue 15: ModelFixtureTests).
        Bad(name: "version 4 either way", bytes: ggufHeader(version: 0x0400_0000), mentions: "version"),
        Bad(name: "truncated counts", bytes: Array("GGUF".utf8) + le32(3) + [1, 2], mentions: "truncated"),
        Bad(
            name: "absurd tensor count", bytes: ggufHeader(tensors: UInt64.max) + [UInt8](repeating: 0, count: 64),
            mentions: "tensor count"),
        Bad(
            name: "absurd metadata count", bytes: ggufHeader(kvs: 1 << 60) + [UInt8](repeating: 0, count: 64),
            mentions: "metadata count"),
        Bad(
            name: "absurd key length", bytes: ggufHeader(kvs: 1) + le64(1 << 40) + [UInt8](repeating: 0, count: 16),
            mentions: "claims"),
        Bad(
            name: "unknown value type",
            bytes: ggufHeader(kvs: 1) + le64(1) + Array("k".utf8) + le32(99) + [0, 0, 0, 0],
            mentions: "unknown value type"),
        Bad(
            name: "absurd array length",
            bytes: ggufHeader(kvs: 1) + le64(1) + Array("k".utf8) + le32(9) + le32(8) + le64(1 << 61)
                + [UInt8](repeating: 0, count: 16),
            mentions: "array k claims"),
        Bad(
            name: "scalar array past the end",
            bytes: ggufHeader(kvs: 1) + le64(1) + Array("k".utf8) + le32(9) + le32(12) + le64(1 << 61) + [0, 0],
            mentions: "array k claims"),
        Bad(
            name: "arrays nested too deep",
            bytes: ggufHeader(kvs: 1) + le64(1) + Array("k".utf8) + le32(9)
                + (0..<6).flatMap { _ in le32(9) + le64(1) } + [UInt8](repeating: 0, count: 64), mentions: "nest deeper"
        ),
        Bad(
            name: "five dimensions",
            bytes: ggufHeader(tensors: 1) + le64(1) + Array("t".utf8) + le32(5) + [UInt8](repeating: 0, count: 64),
            mentions: "dimensions"),
        Bad(
            name: "dimensions overflow",
            bytes: ggufHeader(tensors: 1) + le64(1) + Array("t".utf8) + le32(3) + le64(1 << 32) + le64(1 << 32)
                + le64(1 << 32)
                + le32(0) + le64(0) + [UInt8](repeating: 0, count: 32), mentions: "more elements"),
    ]

    @Test(arguments: badGGUF)
    func badGGUFIsAClearError(_ bad: Bad) {
        do {
            _ = try GGUF.inspect(MemorySource(bad.bytes), path: "bad.gguf")
            Issue.record("accepted")
        } catch let error as ModelFileError {
            #expect(error.path == "bad.gguf")
            #expect(error.reason.hasPrefix("not a valid GGUF file"), "\(error)")
            #expect(error.reason.contains(bad.mentions), "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// Every truncation of a valid header is refused, never read past the end.
    @Test func everyTruncationIsRefused() throws {
        // The header ends after the last tensor info: its name, 2 dimensions (u32 count + 2 × u64),
        // the type (u32) and the offset (u64). Every shorter prefix is refused; that one is read.
        let lastName = Array("blk.0.attn_q.weight".utf8)
        let nameStart = try #require(
            (0...(Self.gguf.count - lastName.count)).first { Array(Self.gguf[$0..<($0 + lastName.count)]) == lastName })
        let ggufHeaderEnd = nameStart + lastName.count + 4 + 2 * 8 + 4 + 8
        for length in 0..<ggufHeaderEnd {
            #expect(
                (try? GGUF.inspect(MemorySource(Array(Self.gguf.prefix(length))), path: "t.gguf")) == nil,
                "GGUF prefix of \(length) bytes accepted")
        }
        // The header alone, without the tensor data it describes, is refused as truncated (issue
        // 15; 0.3.0 read it); the whole file is read.
        let headerOnly = #expect(throws: ModelFileError.self) {
            try GGUF.inspect(MemorySource(Array(Self.gguf.prefix(ggufHeaderEnd))), path: "t.gguf")
        }
        #expect(headerOnly?.reason.contains("truncated") == true)
        #expect(try GGUF.inspect(MemorySource(Self.gguf), path: "t.gguf").parameters == 32 * 64 + 32 + 32 * 32)
        let headerLength = Int(Self.safetensors.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        for length in 0..<(8 + headerLength) {
            #expect(
                (try? Safetensors.inspect(MemorySource(Array(Self.safetensors.prefix(length))), path: "t")) == nil,
                "prefix \(length)")
        }
    }
}
