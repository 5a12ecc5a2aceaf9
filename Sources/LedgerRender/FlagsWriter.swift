import Foundation
import LedgerCore
import LedgerUseCases

/// `flags` as text or JSON, written as findings arrive (in registration order) yet listed most
/// severe first: each finding is rendered at once into its severity's `SpillBuffer`, and the
/// document is assembled when the walk ends (its header counts come first). Memory holds the
/// informational counts and a few MiB, however many findings. The one renderer of `flags`:
/// `PolicyText.flags` and `FlagsJSON` write through it.
public final class FlagsWriter {
    /// What to write.
    public enum Format: Sendable {
        /// Text; `all`: informational and licensed findings listed too.
        case text(all: Bool)
        /// The JSON document (`FlagsView`'s keys), one finding per line.
        case json
    }

    private let format: Format
    private let spills = [SpillBuffer(), SpillBuffer(), SpillBuffer()]
    private var informational: [String: Int] = [:]

    /// A writer of `format`.
    public init(_ format: Format) { self.format = format }

    /// Renders one finding into its place.
    public func add(_ entry: FlagEntry) throws {
        let spill = spills[entry.finding.finding.severity.rank]
        switch format {
        case .json:
            var out = Array(",\n".utf8)
            FlagsJSON.finding(
                FindingView(entry.finding, names: entry.artifact.names, deployment: entry.deployment?.seq), into: &out)
            try spill.append(out)
        case .text(let all):
            guard all || entry.finding.unresolved else {
                informational[entry.finding.finding.code, default: 0] += 1
                return
            }
            try spill.append(Array(("\n" + PolicyText.flagLines(entry)).utf8))
        }
    }

    /// Counts findings that need no person without their entries (text; `Flags.needingAttention`).
    public func count(informational counts: [String: Int]) {
        informational.merge(counts, uniquingKeysWith: +)
    }

    /// Writes the whole document to `sink`, in chunks.
    public func finish(_ summary: FlagsSummary, to sink: ([UInt8]) throws -> Void) throws {
        switch format {
        case .json:
            var head = Array("{\"artifacts\":\(summary.artifactCount),\"date\":".utf8)
            FlagsJSON.string(summary.date.description, into: &head)
            head += Array(",\"deployments\":\(summary.deploymentCount),\"findings\":[".utf8)
            try sink(head)
            var first = true
            for spill in spills {
                try spill.drain { chunk in
                    // Every finding starts ",\n": the first one's comma is left out.
                    try sink(first ? Array(chunk.dropFirst()) : chunk)
                    first = false
                }
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let packs = try encoder.encode(summary.packs.map { PackView($0.loaded, status: $0.status) })
            try sink(
                Array("\n],\"needsAttention\":\(summary.unresolvedCount),\"packs\":".utf8) + Array(packs)
                    + Array("}\n".utf8))
        case .text:
            try sink(
                Array(
                    ("flags as of \(summary.date): \(summary.artifactCount) artifacts, \(summary.deploymentCount) "
                        + "deployments, \(summary.unresolvedCount) finding(s) need a person").utf8))
            for spill in spills { try spill.drain(sink) }
            var tail = ""
            if !informational.isEmpty {
                tail +=
                    "\nalso (information or licensed; --all lists them): "
                    + informational.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            }
            tail +=
                "\npacks: "
                + summary.packs.map { "\($0.loaded.pack.id) (\($0.status.standing.rawValue))" }.joined(separator: ", ")
            try sink(Array(tail.utf8))
        }
    }
}
