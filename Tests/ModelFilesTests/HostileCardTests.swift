import Foundation
import LedgerCore
import Testing

@testable import ModelFiles

/// A model card comes from whoever published the model: its front matter is read with Yams under
/// bounds, and nothing in it becomes more than a short line of text.
@Suite struct HostileCardTests {
    func card(_ text: String) throws -> ModelCardFacts? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wl-card-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(text.utf8).write(to: folder.appendingPathComponent("README.md"))
        return try ModelCard.read(folder: folder.path)
    }

    @Test func aBillionLaughsCardIsReadWithoutExpandingIt() throws {
        var yaml = ["---", "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            yaml.append(
                "a\(level): &a\(level) [\(Array(repeating: previous, count: 9).joined(separator: ","))]")
        }
        yaml += ["base_model: *a9", "license: mit", "---"]
        let facts = try card(yaml.joined(separator: "\n"))
        #expect(facts?.license == "mit")
        #expect((facts?.baseModels.count ?? 0) <= 50, "a list of lists is no list of names")
    }

    @Test func controlCharactersAndLengthsAreBounded() throws {
        let long = String(repeating: "x", count: 5_000)
        let bases = Array(repeating: "a/b", count: 500).joined(separator: ",")
        let facts = try card(
            "---\nlicense: \"mit\\u001b[31m\\nred\"\nbase_model: [\(bases)]\n" + "pipeline_tag: \(long)\n---\n")
        #expect(facts?.license == "mit[31mred", "escape and newline removed: \(facts?.license ?? "nil")")
        #expect(facts?.baseModels.count == 50 && facts?.pipelineTag?.count == 200)
    }

    @Test(arguments: [
        "no front matter\n", "---\nlicense: mit\n", "---\n[unclosed\n---\n", "---\n- a list\n---\n",
        "---\n" + String(repeating: "[", count: 10_000) + "\n---\n", "\u{0}\u{1}---\n",
    ])
    func oddCardsAreNilOrAClearError(_ text: String) {
        do { _ = try card(text) } catch let error as ModelFileError {
            #expect(error.reason.contains("model card"), "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func aCardOverOneMebibyteIsRefused() throws {
        let big = "---\nlicense: mit\n---\n" + String(repeating: "x", count: 1 << 20)
        #expect(throws: ModelFileError.self) { try card(big) }
    }
}
