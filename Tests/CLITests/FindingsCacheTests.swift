import Foundation
import LedgerCore
import LedgerRender
import LedgerSQLite
import LedgerStore
import LedgerUseCases
import TestSupport
import Testing

/// The findings cache beside the ledger: what `flags` prints from it is what a full evaluation
/// prints, after every kind of change, and a cache that cannot be trusted is never used.
@Suite struct FindingsCacheTests {
    static let day = try! LedgerDate("2026-11-25")

    /// `flags` text as a full evaluation writes it (`Flags.stream`, no cache).
    static func evaluated(_ flags: Flags, on day: LedgerDate = day) throws -> String {
        let writer = FlagsWriter(.text(all: false))
        let summary = try flags.stream(date: day, writer.add)
        return try text(writer, summary)
    }

    /// `flags` text through the findings cache, and how the cache served.
    static func cached(_ flags: Flags, on day: LedgerDate = day) throws -> (String, AttentionSummary.CacheUse) {
        let writer = FlagsWriter(.text(all: false))
        let attention = try flags.needingAttention(date: day, writer.add)
        writer.count(informational: attention.informational)
        return (try text(writer, attention.summary), attention.cache)
    }

    /// Requires the cache to print `expected` and to have served as `use`.
    static func expect(
        _ flags: Flags, _ expected: String, _ use: AttentionSummary.CacheUse,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let (text, served) = try cached(flags)
        #expect(text == expected && served == use, "served \(served)", sourceLocation: sourceLocation)
    }

    static func text(_ writer: FlagsWriter, _ summary: FlagsSummary) throws -> String {
        var out: [UInt8] = []
        try writer.finish(summary) { out += $0 }
        return String(decoding: out, as: UTF8.self)
    }

    struct Step: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        /// The day `flags` runs as of, after the change.
        var on = "2026-11-25"
        let use: AttentionSummary.CacheUse
        var testDescription: String { arguments.joined(separator: " ") + " then flags on \(on)" }
    }

    /// Each change, and how much of the ledger it must send back to evaluation.
    static let steps: [Step] = [
        Step(arguments: [], use: .reused),
        Step(
            arguments: [
                "register", "@child", "--name", "acme/frontier:ft", "--parent", "acme/frontier:v1", "--compute",
                "2e24", "--developer", CLI.developer,
            ], use: .updated),
        Step(arguments: ["deploy", "acme/frontier:int4", "--to", "IN", "--on", "2026-11-20"], use: .updated),
        Step(arguments: ["deploy", "acme/frontier:ft", "--to", "AE", "--on", "2026-11-21"], use: .updated),
        Step(
            arguments: [
                "license", "add", "--authority", "BIS", "--number", "L-1", "--artifact", "acme/frontier:int4",
                "--to", "IN",
            ], use: .updated),
        Step(arguments: ["name", "add", "acme/frontier:ft", "acme/frontier-ft:v1"], use: .updated),
        Step(
            arguments: ["register", "@unknown", "--name", "open/atlas:ft", "--parent", "open/atlas:v1"], use: .updated),
        Step(arguments: ["deploy", "open/atlas:ft", "--to", "CN", "--on", "2026-11-22"], use: .updated),
        Step(arguments: ["log", "checkpoint"], use: .updated),
        Step(
            arguments: ["publish", "acme/frontier:v1", "--url", "https://example.org/f", "--on", "2026-11-01"],
            use: .rebuilt),
        Step(arguments: ["org", "set", CLI.developer, "--hq", "DE", "--on", "2026-11-10"], use: .rebuilt),
        Step(
            arguments: ["correct", "open/atlas:ft", "--compute", "9e25", "--reason", "the run's log was found"],
            use: .rebuilt),
        Step(arguments: [], use: .reused),
        // Another day between the dated facts (the organisation's 2026-11-10, the new year): only
        // the artifacts whose findings write the day are evaluated again.
        Step(arguments: [], on: "2026-11-26", use: .updated),
        Step(arguments: [], on: "2026-12-31", use: .updated),
        Step(arguments: [], on: "2027-01-01", use: .rebuilt),
        Step(arguments: [], on: "2026-11-12", use: .rebuilt),
        Step(arguments: [], on: "2026-11-10", use: .updated),
        Step(arguments: [], on: "2026-11-09", use: .rebuilt),
        // A publication dated later bounds the span by its day.
        Step(
            arguments: ["publish", "open/atlas:ft", "--url", "https://example.org/a", "--on", "2026-12-10"],
            on: "2026-11-25", use: .rebuilt),
        Step(arguments: [], on: "2026-12-09", use: .updated),
        Step(arguments: [], on: "2026-12-10", use: .rebuilt),
        Step(
            arguments: ["deploy", "open/atlas:ft", "--to", "KH", "--on", "2026-12-11"],
            on: "2026-12-12", use: .updated),
    ]

    @Test func afterEveryKindOfChangeTheCachePrintsWhatAFullEvaluationPrints() throws {
        let cli = try PolicyCLITests.prepared()
        let flags = Flags(
            context: AppContext(location: try cli.location, actor: "t"), library: try .load(directory: nil))
        let (first, firstUse) = try Self.cached(flags)
        #expect(firstUse == .rebuilt)
        #expect(first == (try Self.evaluated(flags)))
        var models = 10
        for step in Self.steps {
            var arguments = step.arguments
            if let index = arguments.firstIndex(where: { $0.hasPrefix("@") }) {
                models += 1
                arguments[index] = try cli.model("\(arguments[index].dropFirst()).safetensors", seed: UInt64(models))
            }
            // A deployment with findings that need a person is recorded and exits 1.
            if !arguments.isEmpty {
                let result = try cli.run(arguments)
                #expect(result.status == 0 || result.status == 1, "\(step.testDescription): \(result.stderr)")
            }
            let day = try LedgerDate(step.on)
            let (text, use) = try Self.cached(flags, on: day)
            #expect(use == step.use, "\(step.testDescription)")
            #expect(text == (try Self.evaluated(flags, on: day)), "\(step.testDescription)")
        }
        // The steps left findings that need a person (so entries were kept and read back).
        let (text, _) = try Self.cached(flags)
        #expect(text.contains("BLOCK") && text.contains("also (information"), "\(text)")
        // Another date is evaluated again, and so is the first one after it.
        let other = try LedgerDate("2027-02-01")
        let (later, laterUse) = try Self.cached(flags, on: other)
        let laterEvaluated = try Self.evaluated(flags, on: other)
        #expect(laterUse == .rebuilt && later == laterEvaluated)
        #expect(try Self.cached(flags).1 == .rebuilt)
        // Other packs too.
        let fewer = Flags(context: flags.context, library: try .load(directory: nil))
        let selected = try fewer.needingAttention(date: Self.day, policies: ["us-ca-sb53"]) { _ in }
        #expect(selected.cache == .rebuilt)
    }

    @Test func aDamagedOrEditedCacheIsDiscardedAndRebuilt() throws {
        let cli = try PolicyCLITests.prepared()
        _ = try cli.run(["deploy", "acme/frontier:int4", "--to", "IN", "--on", "2026-11-20"])
        let flags = Flags(
            context: AppContext(location: try cli.location, actor: "t"), library: try .load(directory: nil))
        let expected = try Self.evaluated(flags)
        #expect(try Self.cached(flags).1 == .rebuilt)
        let path = try #require(try cli.location.findingsCache()?.path)
        // Every kept finding's bytes replaced: decoding fails before anything is handed over.
        _ = try Subprocess.run("/usr/bin/sqlite3", [path, "UPDATE open_findings SET entry = X'7B7D'"])
        let (edited, editedUse) = try Self.cached(flags)
        #expect(editedUse == .rebuilt && edited == expected)
        // A kept finding that names another artifact's digest badly.
        _ = try Subprocess.run(
            "/usr/bin/sqlite3", [path, "UPDATE open_findings SET entry = replace(entry, 'sha256:', 'sha256:zz')"])
        try Self.expect(flags, expected, .rebuilt)
        // Not SQLite at all.
        try Data("not a cache".utf8).write(to: URL(fileURLWithPath: path))
        try Self.expect(flags, expected, .rebuilt)
        try Self.expect(flags, expected, .reused)
        // A state that claims a log the ledger does not have (another size and root).
        _ = try Subprocess.run("/usr/bin/sqlite3", [path, "UPDATE state SET size = size - 1"])
        try Self.expect(flags, expected, .rebuilt)
        // Another run holding the file: evaluated without it, and the file kept, not made again.
        _ = try cli.run(["deploy", "acme/frontier:int4", "--to", "DE", "--on", "2026-11-21"])
        let changed = try Self.evaluated(flags)
        let holder = try FindingsCacheFile(path: path)
        try holder.update { _ in try Self.expect(flags, changed, .unavailable) }
        try Self.expect(flags, changed, .updated)
        // A symbolic link where the cache goes is not followed, nor written through.
        let target = cli.directory.file("elsewhere")
        try Data("keep".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        try Self.expect(flags, changed, .unavailable)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
    }

    @Test func flagsPrintsTheSameWithAndWithoutTheCacheAndKeepsItPrivate() throws {
        let cli = try PolicyCLITests.prepared()
        _ = try cli.run(["deploy", "acme/frontier:int4", "--to", "IN", "--on", "2026-11-20"])
        let first = try cli.run(["flags", "--on", "2026-11-25"])
        let again = try cli.run(["flags", "--on", "2026-11-25"])
        let fresh = try cli.run(["flags", "--on", "2026-11-25", "--fresh"])
        #expect(first.status == 1 && again.status == 1 && fresh.status == 1, "\(first.stderr)")
        #expect(first.stdout == again.stdout && again.stdout == fresh.stdout)
        #expect(first.stdout.contains("license-required"))
        let path = try #require(try cli.location.findingsCache()?.path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // No ledger: the usual answer, and no cache made beside nothing.
        let missing = cli.directory.file("missing.db")
        let none = try cli.run(["flags", "--ledger", missing])
        #expect(none.status == 2 && none.stderr.contains("no ledger"), "\(none.stderr)")
        #expect(!FileManager.default.fileExists(atPath: missing + ".findings"))
        // The ledger itself was not written by a reading command: verify is clean.
        #expect(try cli.run(["verify"]).status == 0)
    }
}
