// Fuzzing the safetensors and GGUF header readers: they read untrusted files, so any input must
// give a ModelInfo or a ModelFileError, never a crash, a hang or an allocation of a claimed size.
//
// Two ways to run it (scripts/fuzz-model-files.sh does both):
// - coverage-guided with libFuzzer: built with -sanitize=fuzzer,address -DFUZZING, the entry point
//   is LLVMFuzzerTestOneInput and libFuzzer supplies main;
// - as a plain program (no flags): a deterministic mutation fuzzer over seeds from the writers,
//   `weightledger-fuzz mutate N` runs N inputs, `weightledger-fuzz corpus DIR` writes the seeds,
//   `weightledger-fuzz replay FILE…` runs saved inputs.
import Foundation
import ModelFiles

/// Feeds one input to both readers (the first byte picks which goes first, so both see every input).
func fuzzOne(_ bytes: [UInt8]) {
    let source = MemorySource(bytes)
    for reader in 0..<2 {
        do {
            if (reader == 0) == (bytes.first.map { $0 & 1 == 0 } ?? true) {
                _ = try Safetensors.inspect(source, path: "fuzz.safetensors")
            } else {
                _ = try GGUF.inspect(source, path: "fuzz.gguf")
            }
        } catch is ModelFileError {
            // expected for most inputs
        } catch {
            fatalError("reader threw something other than ModelFileError: \(error)")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzOne(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// Valid files of both formats, small, as starting points.
func seeds() -> [[UInt8]] {
    [
        SafetensorsWriter.bytes(
            tensors: [.init("a", "BF16", [4, 3]), .init("b", "F32", [2])], metadata: ["format": "pt"], seed: 1),
        SafetensorsWriter.bytes(tensors: [.init("x", "U8", [5])], seed: 2),
        GGUFWriter.bytes(
            metadata: [
                ("general.architecture", .string("llama")), ("general.name", .string("T")),
                ("tokenizer.ggml.tokens", .strings(["a", "b"])), ("n", .uint32(7)), ("f", .float32(0.5)),
            ],
            tensors: [GGUFWriter.Tensor("w", [4, 2], "F32"), GGUFWriter.Tensor("q", [32], "Q8_0")], seed: 3),
        GGUFWriter.bytes(metadata: [], tensors: [GGUFWriter.Tensor("w", [2], "F16")], seed: 4),
    ]
}

extension SplitMix64 {
    mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }
}

/// One mutation: flip bits, overwrite with boundary integers, insert, delete, truncate, splice.
func mutate(_ input: [UInt8], _ random: inout SplitMix64, pool: [[UInt8]]) -> [UInt8] {
    var bytes = input
    for _ in 0...random.below(4) {
        let position = random.below(max(bytes.count, 1))
        switch random.below(7) {
        case 0 where !bytes.isEmpty: bytes[position] ^= UInt8(1 << random.below(8))
        case 1 where bytes.count >= position + 8:
            let values: [UInt64] = [
                0, 1, 0x7F, 0xFF, 0xFFFF, 0xFFFF_FFFF, 1 << 32, 1 << 40, 1 << 62, UInt64.max, UInt64(bytes.count),
            ]
            let value = values[random.below(values.count)]
            for index in 0..<(random.below(2) == 0 ? 4 : 8) {
                bytes[position + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))
            }
        case 2:
            bytes.insert(
                contentsOf: (0..<random.below(16)).map { _ in UInt8(truncatingIfNeeded: random.next()) },
                at: min(position, bytes.count))
        case 3 where !bytes.isEmpty: bytes.removeSubrange(position..<min(bytes.count, position + 1 + random.below(16)))
        case 4: bytes = Array(bytes.prefix(random.below(bytes.count + 1)))
        case 5 where !bytes.isEmpty:
            let interesting = Array("{}[]\":,-0123456789e.\u{0}GGUF".utf8)
            bytes[position] = interesting[random.below(interesting.count)]
        default:
            let other = pool[random.below(pool.count)]
            if !other.isEmpty {
                let start = random.below(other.count)
                bytes.replaceSubrange(
                    min(position, bytes.count)..<min(bytes.count, position + random.below(32)),
                    with: other[start..<min(other.count, start + random.below(64))])
            }
        }
    }
    return bytes
}

#if FUZZING
/// SwiftPM names an executable's entry point `<module>_main`; hand it to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("weightledger_fuzz_main")
public func fuzzDriverMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in LLVMFuzzerTestOneInput(data, size) }
}
#else
@main
struct FuzzMain {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "mutate":
            let count = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
            let pool = seeds()
            var random = SplitMix64(state: arguments.count > 2 ? UInt64(arguments[2]) ?? 1 : 1)
            var current = pool[0]
            let start = Date()
            for index in 0..<count {
                // Restart from a seed now and then so mutations do not drift into noise.
                if index % 64 == 0 { current = pool[random.below(pool.count)] }
                current = mutate(current, &random, pool: pool)
                fuzzOne(current)
            }
            print(
                "mutate: \(count) inputs through both readers in "
                    + "\(String(format: "%.1f", Date().timeIntervalSince(start))) s, no crash"
            )
        case "corpus":
            guard arguments.count > 1 else { throw FuzzUsage() }
            try FileManager.default.createDirectory(atPath: arguments[1], withIntermediateDirectories: true)
            for (index, seed) in seeds().enumerated() {
                try Data(seed).write(to: URL(fileURLWithPath: "\(arguments[1])/seed-\(index)"))
            }
        case "replay":
            for path in arguments.dropFirst() { fuzzOne(Array(try Data(contentsOf: URL(fileURLWithPath: path)))) }
            print("replay: \(arguments.count - 1) inputs, no crash")
        default:
            throw FuzzUsage()
        }
    }
}

struct FuzzUsage: Error, CustomStringConvertible {
    var description: String { "usage: weightledger-fuzz mutate [N [SEED]] | corpus DIR | replay FILE…" }
}
#endif
