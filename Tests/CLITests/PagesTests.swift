import Foundation
import TestSupport
import Testing

/// `list`, `flags` and the API in pages (issue 17): every page joined is the whole answer, the
/// cursor says where to go on, and bad cursors are refused.
@Suite struct PagesTests {
    /// Seven artifacts in two chains (one deployed), so pages cut through a lineage.
    static func prepared() throws -> CLI {
        let cli = try CLI()
        try cli.addDeveloper()
        var parent: String?
        for index in 0..<7 {
            let chain = index < 4 ? "a" : "b"
            var arguments = [
                "register", try cli.model("m\(index).safetensors", seed: UInt64(index + 1)), "--name",
                "acme/\(chain):v\(index)", "--trained-in", "US", "--developer", CLI.developer,
            ]
            if index == 0 || index == 4 {
                arguments += ["--compute", index == 0 ? "3e26" : "2e25"]
            } else {
                arguments += ["--parent", try #require(parent), "--kind", "finetune", "--compute", "1e24"]
            }
            _ = try cli.ok(arguments)
            parent = "acme/\(chain):v\(index)"
        }
        let deployed = try cli.run("deploy", "acme/a:v2", "--to", "CN", "--policy", "us-bis-ai-diffusion-2025")
        #expect(deployed.status <= 1, "\(deployed.stderr)")
        return cli
    }

    static func cursor(_ stderr: String) -> String? {
        guard let range = stderr.range(of: "continue with --after ") else { return nil }
        return String(stderr[range.upperBound...].prefix { $0.isNumber })
    }

    @Test func listPagesJoinToTheWholeList() throws {
        let cli = try Self.prepared()
        let whole = try #require(try cli.json("list") as? [[String: Any]])
        #expect(whole.count == 7)
        var seen: [[String: Any]] = []
        var after: String?
        var pages = 0
        repeat {
            let result = try cli.run(["list", "--json", "--limit", "3"] + (after.map { ["--after", $0] } ?? []))
            #expect(result.status == 0, "\(result.stderr)")
            let page = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            seen += page
            after = Self.cursor(result.stderr)
            if let after { #expect(after == "\(try #require(page.last?["registeredSeq"] as? Int))") }
            pages += 1
        } while after != nil && pages < 10
        #expect(pages == 3)
        #expect(seen.map { $0["digest"] as? String } == whole.map { $0["digest"] as? String })
        // Cumulative compute is the same whichever page an artifact's ancestors fell on.
        #expect(
            seen.map { ($0["cumulativeCompute"] as? [String: Any])?["operations"] as? Double }
                == whole.map { ($0["cumulativeCompute"] as? [String: Any])?["operations"] as? Double })
        // JSON Lines: one compact object per line, the same objects.
        let lines = try cli.ok("list", "--json-lines").split(separator: "\n")
        #expect(lines.count == 7)
        let objects = try lines.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.map { $0["digest"] as? String } == whole.map { $0["digest"] as? String })
        // Text pages, and a cursor past the end.
        #expect(try cli.ok("list", "--limit", "2").split(separator: "\n").count == 2)
        #expect(try cli.ok("list", "--after", "999999") == "(no artifacts)\n")
        #expect(try cli.ok("list", "--json", "--after", "999999") == "[]\n")
        for bad in [["--limit", "0"], ["--after", "-1"], ["--limit", "x"]] {
            let refused = try cli.run(["list"] + bad)
            #expect(refused.status == 2, "\(bad): \(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count <= 2)
        }
    }

    @Test func flagsPagesHoldEveryFindingOnce() throws {
        let cli = try Self.prepared()
        let whole = try cli.run("flags", "--json", "--on", "2026-06-01")
        #expect(whole.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(whole.stdout.utf8)) as? [String: Any])
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(document["artifacts"] as? Int == 7 && document["deployments"] as? Int == 1)
        func key(_ finding: [String: Any]) -> String {
            ["artifact", "pack", "rule", "code", "deployment"].map { "\(finding[$0] ?? "-")" }.joined(separator: " ")
        }
        var seen: [String] = []
        var (after, pages, artifacts, attention) = (String?.none, 0, 0, 0)
        repeat {
            let result = try cli.run(
                ["flags", "--json", "--on", "2026-06-01", "--limit", "3"] + (after.map { ["--after", $0] } ?? []))
            #expect(result.status <= 1, "\(result.stderr)")
            let page = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let pageFindings = try #require(page["findings"] as? [[String: Any]])
            seen += pageFindings.map(key)
            artifacts += page["artifacts"] as? Int ?? 0
            attention += page["needsAttention"] as? Int ?? 0
            // Most severe first within a page.
            let ranks = pageFindings.map { ["block": 0, "warn": 1, "info": 2][$0["severity"] as? String ?? ""] ?? 3 }
            #expect(ranks == ranks.sorted())
            after = Self.cursor(result.stderr)
            pages += 1
        } while after != nil && pages < 10
        #expect(pages == 3 && artifacts == 7)
        #expect(seen.sorted() == findings.map(key).sorted())
        #expect(attention == document["needsAttention"] as? Int)
        // The text form says the same counts.
        let text = try cli.run("flags", "--on", "2026-06-01")
        #expect(text.stdout.hasPrefix("flags as of 2026-06-01: 7 artifacts, 1 deployments, \(attention) finding(s)"))
    }

    /// A window of one node a generation: every ancestor is read again from the ledger, every
    /// chain's facts are made from its graph; the output is the same, byte for byte.
    @Test func aTinyAncestryWindowGivesTheSameAnswers() throws {
        let cli = try Self.prepared()
        for arguments in [
            ["flags", "--json", "--on", "2026-06-01"], ["flags", "--all"], ["list", "--json"], ["list"],
        ] {
            let normal = try cli.run(arguments)
            let tiny = try cli.run(arguments, environment: ["WEIGHTLEDGER_WINDOW": "1"])
            #expect(normal.status == tiny.status && normal.stdout == tiny.stdout, "\(arguments)")
            #expect(!normal.stdout.isEmpty)
        }
    }

    /// Every finding through a spill file: the same output, and nothing left in the temporary
    /// directory (the files are unlinked once open; `flags` exits without deinitialising).
    @Test func spilledFindingsGiveTheSameOutputAndLeaveNothingBehind() throws {
        let cli = try Self.prepared()
        let scratch = cli.directory.file("tmp")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        for arguments in [["flags", "--json", "--on", "2026-06-01"], ["flags", "--all"]] {
            let normal = try cli.run(arguments)
            let spilled = try cli.run(arguments, environment: ["WEIGHTLEDGER_SPILL_BYTES": "1", "TMPDIR": scratch])
            #expect(normal.status == spilled.status && normal.stdout == spilled.stdout, "\(arguments)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
        }
    }

    @Test func theAPIPagesWithACursorHeader() throws {
        let cli = try Self.prepared()
        let reviewer = try ServerAPITests.token(cli, "reviewer", "legal-1")
        let server = try LiveServer(cli: cli)
        let headers = cli.directory.file("headers.txt")
        func page(_ path: String) throws -> (body: Any?, next: String?) {
            let reply = try server.call(reviewer, ["-D", headers, "\(server.base)\(path)"])
            #expect(reply.status == 200, "\(path): \(reply.body)")
            let head = try String(contentsOfFile: headers, encoding: .utf8)
            let next = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("weightledger-next-cursor:") }
                .map { String($0.split(separator: ":")[1]).trimmingCharacters(in: .whitespaces) }
            return (try? JSONSerialization.jsonObject(with: Data(reply.body.utf8)), next)
        }
        let whole = try #require(try page("/api/v1/artifacts").body as? [[String: Any]])
        #expect(whole.count == 7)
        var digests: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let (body, next) = try page("/api/v1/artifacts?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
            digests += (body as? [[String: Any]] ?? []).compactMap { $0["digest"] as? String }
            cursor = next
            pages += 1
        } while cursor != nil && pages < 10
        #expect(pages == 4)
        #expect(digests == whole.compactMap { $0["digest"] as? String })
        // Flags in pages of artifacts.
        let first = try page("/api/v1/flags?on=2026-06-01&limit=4")
        #expect((first.body as? [String: Any])?["artifacts"] as? Int == 4)
        let rest = try page("/api/v1/flags?on=2026-06-01&limit=4&cursor=\(try #require(first.next))")
        #expect((rest.body as? [String: Any])?["artifacts"] as? Int == 3 && rest.next == nil)
        for bad in ["cursor=-1", "cursor=abc", "limit=0", "limit=10001"] {
            let reply = try server.call(reviewer, ["\(server.base)/api/v1/artifacts?\(bad)"])
            #expect(reply.status == 422, "\(bad): \(reply.body)")
        }
    }
}
