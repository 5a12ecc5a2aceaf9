import Foundation
import TestSupport
import Testing

/// Issue 14, "verdict first" and "full identities and clean numbers": every review format opens
/// with a verdict box that keeps what the rules' text requires apart from what is enforced, lists
/// findings most severe first, names every artifact by its full digest, writes numbers one way
/// for people, explains its tags and statuses, and is CommonMark that a real parser (markdown-it-py)
/// renders without stray markup. On 0.3.0: `**INFO **`, `0.3333333333333333`, `500000000 USD`,
/// `1e+26` beside `3.02e+26`, digests cut to 12 digits, INFO before BLOCK.
@Suite struct ReadableReportTests {
    /// A 3 × 10^26 base with a fine-tune, by a developer with $600M revenue (SB 53 applies), to China.
    static func prepared() throws -> (cli: CLI, digests: [String]) {
        let cli = try CLI()
        _ = try cli.ok("org", "add", "Big Labs", "--hq", "US", "--revenue-usd", "6e8", "--revenue-year", "2025")
        let base = try cli.ok(
            "register", try cli.model("base.safetensors", seed: 1), "--name", "acme/base:v1", "--compute", "3.02e26",
            "--trained-in", "US", "--developer", "Big Labs", "--json")
        let tune = try cli.ok(
            "register", try cli.model("tune.safetensors", seed: 2), "--name", "acme/tune:v1", "--parent",
            "acme/base:v1", "--kind", "finetune", "--compute", "1e24", "--trained-in", "US", "--developer",
            "Big Labs", "--json")
        let digests = [base, tune].compactMap {
            let object = try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            return (object?["artifact"] as? [String: Any])?["digest"] as? String
        }
        return (cli, digests)
    }

    func review(_ cli: CLI, _ format: String) throws -> String {
        let result = try cli.run(["review", "acme/tune:v1", "--to", "CN", "--on", "2026-12-01", "--format", format])
        #expect(result.status <= 1, "\(format): \(result.stderr)")
        return result.stdout
    }

    @Test func theVerdictComesFirstAndSeparatesTextFromEnforcement() throws {
        let (cli, _) = try Self.prepared()
        let text = try review(cli, "text")
        let lines = text.components(separatedBy: "\n")
        let verdict = try #require(lines.firstIndex { $0.hasPrefix("VERDICT: ") })
        let findings = try #require(lines.firstIndex { $0.hasPrefix("FINDINGS") })
        let lineage = try #require(lines.firstIndex { $0 == "LINEAGE" })
        #expect(verdict < findings && findings < lineage)
        #expect(lines[verdict].contains("LICENSE REQUIRED by the rule's text"))
        #expect(lines[verdict + 1].hasPrefix("  Required by the rules' text: a licence"))
        #expect(lines[verdict + 2].hasPrefix("  Enforced on 2026-12-01: NO"), "\(lines[verdict + 2])")
        #expect(lines[verdict + 2].contains("enforcement suspended since 2025-05-13"))
        // Block, then warn, then info, across every pack.
        let severities = lines[findings..<lineage].compactMap { line -> Int? in
            ["  BLOCK", "  WARN", "  INFO"].firstIndex { line.hasPrefix($0) }
        }
        #expect(severities.count >= 3 && severities == severities.sorted(), "\(severities)")
        for format in ["md", "html"] {
            let written = try review(cli, format)
            let report = format == "md" ? written.replacingOccurrences(of: "\\", with: "") : written
            let box = try #require(report.range(of: "Verdict: "))
            let first = try #require(report.range(of: "Findings"))
            #expect(box.lowerBound < first.lowerBound, "\(format): the verdict is not first")
            #expect(report.contains("Enforced on 2026-12-01"), "\(format)")
        }
    }

    @Test func fullDigestsCleanNumbersAndALegendInEveryFormat() throws {
        let (cli, digests) = try Self.prepared()
        #expect(digests.count == 2)
        for format in ["text", "md", "html"] {
            let report = try review(cli, format)
            let shown = format == "md" ? report.replacingOccurrences(of: "\\", with: "") : report
            for digest in digests { #expect(shown.contains(digest), "\(format) lacks the full \(digest)") }
            #expect(shown.range(of: #"[0-9]e\+[0-9]"#, options: .regularExpression) == nil, "\(format): e-notation")
            #expect(!shown.contains("333333") && !shown.contains("600000000") && !shown.contains("500000000"))
            #expect(shown.contains("3.02 × 10^26") && shown.contains("500,000,000 USD"), "\(format)")
            for explained in ["[secondary]:", "[uncertain]:", "enforcement-suspended:", "in-force-compliance-pending:"]
            {
                #expect(shown.contains(explained), "\(format) does not explain \(explained)")
            }
        }
    }

    /// markdown-it-py (CommonMark, tables on) renders the Markdown: the verdict is a quoted box
    /// with bold text, every section is a heading, the lineage a table, and no asterisk or
    /// backslash is left visible in the text.
    @Test func theMarkdownIsCommonMarkARealParserRenders() throws {
        let (cli, digests) = try Self.prepared()
        let path = try cli.directory.write("review.md", Array(try review(cli, "md").utf8))
        let result = try Subprocess.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import sys, markdown_it; print(markdown_it.MarkdownIt('commonmark').enable('table')"
                    + ".render(open(sys.argv[1]).read()))", path,
            ])
        if result.status != 0 {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "markdown-it-py is missing: \(result.stderr)")
            return
        }
        let html = result.stdout
        #expect(html.contains("<blockquote>\n<p><strong>Verdict: LICENSE REQUIRED"), "\(html.prefix(600))")
        for heading in ["Findings", "Lineage", "Fact history", "Policy outcomes", "Legend", "Log"] {
            #expect(html.contains("<h2>\(heading)</h2>"), "no heading \(heading)")
        }
        #expect(html.contains("<table>") && html.contains("<code>\(digests[0])</code>"))
        #expect(html.contains("<strong>BLOCK</strong>"))
        let visible = html.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
        #expect(!visible.contains("**") && !visible.contains("\\"), "stray markup in the rendered text")
    }
}
