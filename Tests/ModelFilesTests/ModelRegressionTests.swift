import Foundation
import Testing

@testable import ModelFiles

/// Replays the fuzzers' crashing inputs (Tests/ModelFilesTests/Regressions) and a few hand-made
/// hostile headers through both readers: a result or a ModelFileError, never a crash.
@Suite struct ModelRegressionTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Regressions")

    static func inputs() throws -> [(String, [UInt8])] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0 != "README.md" }
            .sorted()
        var inputs = try names.map { ($0, Array(try Data(contentsOf: directory.appendingPathComponent($0)))) }
        func le64(_ value: UInt64) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }
        // A GGUF header whose counts, string lengths and array lengths are all at their maximum.
        inputs.append(
            (
                "max-counts.gguf",
                Array("GGUF".utf8) + [3, 0, 0, 0] + le64(.max) + le64(.max) + le64(.max)
                    + [UInt8](repeating: 0xFF, count: 64)
            ))
        // A safetensors header of a million nested arrays.
        let nested = Array(String(repeating: "[", count: 1_000_000).utf8)
        inputs.append(("nested.safetensors", le64(UInt64(nested.count)) + nested))
        return inputs
    }

    @Test func everyInputGivesAResultOrAClearError() throws {
        for (name, bytes) in try Self.inputs() {
            let reads: [() throws -> Void] = [
                { _ = try Safetensors.inspect(MemorySource(bytes), path: name) },
                { _ = try GGUF.inspect(MemorySource(bytes), path: name) },
                { _ = try ONNX.externalData(MemorySource(bytes), path: name) },
            ]
            for read in reads {
                do { _ = try read() } catch is ModelFileError {} catch { Issue.record("\(name): \(error)") }
            }
        }
    }
}
