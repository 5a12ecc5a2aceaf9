import Foundation
import LedgerCore
import LedgerRender
import LedgerStore
import LedgerUseCases
import TestSupport
import Testing

/// An audit records what changed since the previous one (new and resolved keys, and how many are
/// open), the ledger keeps the open set as a table a replay rebuilds, and what the audit lists is
/// the same however much of it was set aside on disk.
@Suite struct AuditChangesTests {
    /// The payload of event `seq`, parsed (from the file; on PostgreSQL, the mirror's copy).
    static func payload(_ cli: CLI, _ seq: Int) throws -> [String: Any] {
        let shown = try Subprocess.run(
            "/usr/bin/sqlite3", [cli.ledger, "SELECT payload FROM events WHERE seq = \(seq)"])
        return try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
    }

    static func audit(_ cli: CLI, on day: String, spill: String? = nil) throws -> [String: Any] {
        let result = try cli.run(
            ["audit", "--json", "--rehash", "none", "--on", day],
            environment: spill.map { ["WEIGHTLEDGER_SPILL_BYTES": $0] } ?? [:])
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func eachAuditRecordsWhatChangedAndAReplayRebuildsTheOpenSet() throws {
        var listings: [[String]] = []
        for spill in [nil, "1"] {
            let cli = try AuditCLITests.prepared()
            _ = try cli.run("deploy", "acme/ft:v1", "--to", "IN", "--on", "2024-05-20")
            var listing: [String] = []
            var open: Set<String> = []
            for day in ["2023-10-29", "2024-06-01", "2024-07-01", "2025-02-01"] {
                let outcome = try Self.audit(cli, on: day, spill: spill)
                let event = try Self.payload(cli, try #require(outcome["event"] as? Int))
                #expect(event["findings"] == nil, "the earlier format is not written")
                let new = try #require(event["newFindings"] as? [String])
                let resolved = try #require(event["resolvedFindings"] as? [String])
                #expect(new == new.sorted() && resolved == resolved.sorted())
                #expect(
                    new
                        == (outcome["newFindings"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
                        .sorted())
                #expect(resolved == outcome["resolvedFindings"] as? [String])
                #expect(Set(new).isDisjoint(with: open) && Set(resolved).isSubset(of: open))
                open = open.subtracting(resolved).union(new)
                #expect(event["openFindings"] as? Int == open.count)
                #expect(outcome["unchangedFindings"] as? Int == open.count - new.count)
                listing.append("\(day) new \(new) resolved \(resolved)")
            }
            #expect(listing[1].contains("eo-14110-report") && listing[3].contains("eo-14110-report"), "\(listing)")
            do {
                let rows = try Subprocess.run(
                    "/usr/bin/sqlite3", [cli.ledger, "SELECT key FROM audit_findings WHERE closed_seq IS NULL"])
                #expect(Set(rows.stdout.split(separator: "\n").map(String.init)) == open)
            }
            // verify replays every audit's changes and compares the table with the file's.
            #expect(try cli.run("verify").status == 0)
            listings.append(listing)
        }
        #expect(listings[0] == listings[1], "setting every finding aside on disk changes nothing")
    }

    /// The CLI writes `--json` as the new findings are read back; the text is what JSONEncoder
    /// writes for the whole view, for none, one and several new findings.
    @Test func theStreamedJSONIsTheEncodersDocument() throws {
        let cli = try AuditCLITests.prepared()
        let audit = Audit(
            context: AppContext(location: try cli.location, actor: "t"), library: try .load(directory: nil))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var counts: [Int] = []
        for (day, destinations) in [
            ("2023-10-29", []), ("2024-06-01", []), ("2026-11-25", ["IN"]), ("2026-11-26", ["CN", "AE", "IN"]),
        ] {
            for destination in destinations {
                _ = try cli.run("deploy", "acme/ft:v1", "--to", destination, "--on", "2026-11-20")
            }
            let outcome = try audit.run(
                try AuditRequest(
                    origin: .commandLine, rehash: RehashMode.none, maxBytes: nil, on: day, wait: false, jobs: 1,
                    enforcedOnly: false, roots: try AuditRoots(parsing: [], field: .auditRoots), sinceCheckpoint: false)
            )
            var streamed = ""
            try AuditView.write(outcome) { streamed += $0 }
            #expect(streamed == String(decoding: try encoder.encode(try AuditView(outcome)), as: UTF8.self))
            // The server's answer: canonical JSON, spooled (past 100 bytes, to a file), read in chunks.
            let canonical = try CanonicalJSON.bytes(encoding: try AuditView(outcome))
            for threshold in [100, nil] {
                let document = try AuditView.canonicalDocument(outcome, threshold: threshold)
                var read: [UInt8] = []
                while case let chunk = try document.chunk(from: read.count), !chunk.isEmpty { read += chunk }
                #expect(read == canonical && document.count == canonical.count)
            }
            var text: [String] = []
            try AuditText.write(outcome) { text.append($0) }
            #expect(text.joined(separator: "\n") == (try AuditText.render(outcome)))
            counts.append(outcome.newFindings.count)
        }
        #expect(counts[0] == 0 && counts[1] >= 1 && counts.dropFirst(2).contains { $0 > 1 }, "\(counts)")
    }

    /// The open set is a projection: an edit to it (a finding hidden, invented or closed) makes
    /// `verify` fail naming the table, as for every other table.
    @Test(
        CLI.fileOnly,
        arguments: [
            "DELETE FROM audit_findings WHERE key = (SELECT key FROM audit_findings LIMIT 1)",
            "INSERT INTO audit_findings (key, opened_seq) VALUES ('p/r/c/sha256:00', 1)",
            "UPDATE audit_findings SET closed_seq = opened_seq WHERE closed_seq IS NULL",
        ])
    func anEditedOpenSetIsAnIntegrityFailure(_ sql: String) throws {
        let cli = try AuditCLITests.prepared()
        _ = try Self.audit(cli, on: "2024-06-01")
        #expect(try cli.run("verify").status == 0)
        #expect(try Subprocess.run("/usr/bin/sqlite3", [cli.ledger, sql]).status == 0)
        let result = try cli.run("verify")
        #expect(result.status == 3 && result.stderr.contains("audit_findings"), "\(sql): \(result.stderr)")
    }

    /// An audit event is one format or the other, whole.
    @Test func anAuditOfBothFormatsOrHalfOfOneIsNotAnAudit() throws {
        let base =
            #""checkedBytes":0,"date":"2026-11-25","interrupted":false,"locations":[],"rehash":"none","#
            + #""rootHash":"AAAA","status":"clean","treeSize":1"#
        let cases: [(String, Bool)] = [
            (#"{"findings":["a"],"# + base + "}", true),
            (#"{"newFindings":["a"],"openFindings":1,"resolvedFindings":[],"# + base + "}", true),
            (#"{"findings":["a"],"newFindings":["a"],"openFindings":1,"resolvedFindings":[],"# + base + "}", false),
            (#"{"newFindings":["a"],"resolvedFindings":[],"# + base + "}", false),
            (#"{"newFindings":[],"openFindings":-1,"resolvedFindings":[],"# + base + "}", false),
            ("{" + base + "}", false),
        ]
        for (payload, valid) in cases {
            let decoded = try? LedgerEvent.decode(type: "audit.completed", payload: Array(payload.utf8))
            #expect((decoded != nil) == valid, "\(payload)")
        }
        // What the next audit reads of it: the verdict and the tree, not the keys.
        let standing = try AuditRecorded.Standing.decode(type: "audit.completed", payload: cases[1].0)
        #expect(standing?.status == "clean" && standing?.treeSize == 1 && standing?.rootHash == "AAAA")
        #expect(try AuditRecorded.Standing.decode(type: "log.checkpoint", payload: cases[1].0) == nil)
    }
}
