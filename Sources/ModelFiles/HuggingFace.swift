import Foundation
import LedgerCore
import Yams

/// A snapshot of the Hugging Face hub cache, `…/models--ORG--NAME/snapshots/COMMIT/`, as
/// huggingface_hub lays it out: each file a relative symbolic link into `../../blobs/`, a blob
/// named by its SHA-256 for LFS files (weights) and by its git blob SHA-1 otherwise, and
/// `refs/REF` files holding the commit a ref points at.
public struct HFSnapshot: Sendable, Equatable {
    /// The origin the snapshot records.
    public let origin: ArtifactOrigin
    /// The snapshot folder.
    public let path: String

    /// The snapshot `path` is (or is inside of), when it is one.
    public static func detect(path: String) -> HFSnapshot? {
        let parts = URL(fileURLWithPath: path).standardizedFileURL.path.split(separator: "/").map(String.init)
        guard let at = parts.lastIndex(where: { $0.hasPrefix("models--") }), at + 2 < parts.count + 0,
            parts.count == at + 3, parts[at + 1] == "snapshots"
        else { return nil }
        let commit = parts[at + 2]
        let segments = parts[at].dropFirst("models--".count).components(separatedBy: "--")
        guard commit.count == 40, commit.allSatisfy({ $0.isHexDigit && !$0.isUppercase }), segments.count >= 2,
            segments.allSatisfy({ !$0.isEmpty })
        else { return nil }
        let root = "/" + parts[...at].joined(separator: "/")
        var refs: [String] = []
        let refsFolder = root + "/refs"
        if let names = FileManager.default.subpaths(atPath: refsFolder) {
            for name in names.sorted() {
                guard let data = FileManager.default.contents(atPath: refsFolder + "/" + name), data.count <= 256,
                    String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == commit
                else { continue }
                refs.append(name)
            }
        }
        return HFSnapshot(
            origin: ArtifactOrigin(
                hub: "huggingface", repository: segments.joined(separator: "/"), revision: commit, refs: refs),
            path: "/" + parts.joined(separator: "/"))
    }

    /// The name the registration proposes: `org/name:REF` for a ref at this commit (`main` first),
    /// else `org/name:` and the commit's first 12 digits.
    public var proposedName: String {
        let ref = origin.refs.contains("main") ? "main" : origin.refs.first { !$0.contains("/") }
        return "\(origin.repository):\(ref ?? String(origin.revision.prefix(12)))"
    }

    /// Files whose link leads to a blob named by a SHA-256 that is not the SHA-256 their bytes
    /// hashed to: a damaged or tampered cache. `files` maps relative paths to `sha256:…` digests.
    public func mismatchedBlobs(_ files: [(path: String, sha256: String)]) -> [String] {
        files.compactMap { file in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path + "/" + file.path),
                let blob = target.split(separator: "/").last.map(String.init), blob.count == 64,
                blob.allSatisfy({ $0.isHexDigit })
            else { return nil }
            return "sha256:" + blob.lowercased() == file.sha256 ? nil : file.path
        }
    }
}

/// The YAML front matter of a model card (`README.md`), read with Yams.
public enum ModelCard {
    /// Largest card read.
    static let maxBytes = 1 << 20
    /// Deepest nesting of flow collections or indentation accepted in the front matter.
    static let maxNesting = 64

    /// An upper bound on how deep the front matter nests: open brackets and braces (outside
    /// quotes) plus indentation steps, per line.
    static func nesting(_ lines: [Substring]) -> Int {
        var depth = 0
        var deepest = 0
        for line in lines {
            let indent = line.prefix { $0 == " " || $0 == "-" }.count
            var quote: Character?
            for character in line {
                if let open = quote {
                    if character == open { quote = nil }
                    continue
                }
                switch character {
                case "\"", "'": quote = character
                case "[", "{": depth += 1
                case "]", "}": depth = max(0, depth - 1)
                default: break
                }
                deepest = max(deepest, depth + indent / 2)
            }
            deepest = max(deepest, depth + indent / 2)
        }
        return deepest
    }

    /// The card's facts, or nil when the folder has no card with front matter. A card whose front
    /// matter is not YAML is an error naming the card.
    public static func read(folder: String) throws -> ModelCardFacts? {
        let path = folder + "/README.md"
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard data.count <= maxBytes else { throw ModelFileError(path: path, reason: "model card larger than 1 MiB") }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else { return nil }
        lines = Array(lines[1..<end])
        // Yams builds nested values recursively: a hostile card nesting thousands deep would
        // exhaust the stack, so nesting is bounded before it is parsed.
        guard Self.nesting(lines) <= maxNesting else {
            throw ModelFileError(path: path, reason: "model card front matter nests deeper than \(maxNesting) levels")
        }
        // Composed, not loaded: only the keys read are looked at, so an alias-heavy card (billion
        // laughs) is never expanded into values.
        let root: Node?
        do { root = try Yams.compose(yaml: lines.joined(separator: "\n")) } catch {
            throw ModelFileError(path: path, reason: "model card front matter is not valid YAML (\(error))")
        }
        guard let front = root?.mapping else { return nil }
        func line(_ node: Node?) -> String? {
            guard let text = node?.scalar?.string else { return nil }
            let kept = String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7f }.prefix(200))
            return kept.isEmpty ? nil : kept
        }
        func strings(_ key: String) -> [String] {
            guard let node = front[key] else { return [] }
            if let one = line(node) { return [one] }
            return node.sequence.map { Array($0.prefix(50)).compactMap { line($0) } } ?? []
        }
        return ModelCardFacts(
            baseModels: strings("base_model"), relation: line(front["base_model_relation"]),
            license: line(front["license"]), datasets: strings("datasets"), pipelineTag: line(front["pipeline_tag"]))
    }
}
