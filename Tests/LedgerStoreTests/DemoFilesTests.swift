import Foundation
import LedgerDemo
import TestSupport
import Testing

@testable import LedgerCore
@testable import LedgerUseCases

/// The demo's files are real safetensors: 8-byte little-endian header length, JSON header padded
/// to 8 bytes, tensors laid out back to back covering the data exactly, sizes matching shapes.
@Suite struct DemoFilesTests {
    static let sizes = ["F32": 4, "BF16": 2, "U8": 1]

    @Test func everyDemoFileIsWellFormedSafetensors() throws {
        let directory = try TemporaryDirectory()
        let story = DemoStory(modelsDirectory: directory.path)
        try story.writeFiles()
        let files = try FileManager.default.subpathsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".safetensors")
        }
        #expect(files.count == 8)
        for file in files {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: directory.file(file))))
            let length = Int(
                bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
            #expect(length % 8 == 0, "\(file)")
            let header = try JSONParser.parse(bytes[8..<(8 + length)])
            guard case .object(let members) = header else {
                Issue.record("\(file): header is not an object")
                continue
            }
            var spans: [(Int, Int)] = []
            for (name, value) in members where name != "__metadata__" {
                guard case .array(let offsets)? = value["data_offsets"], case .array(let shape)? = value["shape"],
                    let dtype = value["dtype"]?.stringValue, let size = Self.sizes[dtype]
                else {
                    Issue.record("\(file): tensor \(name) lacks dtype, shape or offsets")
                    continue
                }
                let start = Int(offsets[0].numberValue!)
                let end = Int(offsets[1].numberValue!)
                #expect(end - start == shape.reduce(size) { $0 * Int($1.numberValue!) }, "\(file): \(name)")
                spans.append((start, end))
            }
            spans.sort { $0.0 < $1.0 }
            #expect(spans.first?.0 == 0)
            #expect(zip(spans, spans.dropFirst()).allSatisfy { $0.1 == $1.0 }, "\(file): tensors overlap or leave gaps")
            #expect(spans.last?.1 == bytes.count - 8 - length, "\(file): data size does not match the header")
        }
    }

    @Test func storyIsDeterministic() throws {
        let first = try TemporaryDirectory()
        let second = try TemporaryDirectory()
        try DemoStory(modelsDirectory: first.path).writeFiles()
        try DemoStory(modelsDirectory: second.path).writeFiles()
        for file in try FileManager.default.subpathsOfDirectory(atPath: first.path) where !file.hasSuffix("frontier-1")
        {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: first.file(file), isDirectory: &isDirectory),
                !isDirectory.boolValue
            else { continue }
            #expect(FileManager.default.contentsEqual(atPath: first.file(file), andPath: second.file(file)), "\(file)")
        }
    }
}
