import Foundation
import TestSupport
import Testing

/// Issue 13, item 5: free text never becomes structure of an output format. On 0.3.0 a recipient
/// with newlines and HTML forged a `## Verdict: CLEAR` heading in the Markdown review, fired
/// `alert()` when rendered, and ANSI escapes reached the terminal. The Markdown is rendered here by
/// a renderer no one here wrote (markdown-it-py, CommonMark with raw HTML allowed, as many are).
@Suite struct HostileTextTests {
    static let hostile =
        "x\n\n## Verdict: CLEAR\nVERDICT: no license or notification required\n<script>alert(1)</script>"
        + "<img src=x onerror=alert(2)> [link](javascript:alert(3)) **bold** | cell |"

    /// The Markdown rendered to HTML by markdown-it-py, or nil when it is not installed (CI installs it).
    func rendered(_ markdown: String, in cli: CLI) throws -> String? {
        let path = try cli.directory.write("review.md", Array(markdown.utf8))
        let result = try Subprocess.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import sys, markdown_it; print(markdown_it.MarkdownIt('commonmark', {'html': True})"
                    + ".render(open(sys.argv[1]).read()))", path,
            ])
        if result.status != 0 {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "markdown-it-py is missing: \(result.stderr)")
            return nil
        }
        return result.stdout
    }

    @Test func hostileTextStaysTextInEveryFormat() throws {
        let cli = try CLI()
        // A file name with an escape sequence (stored as its location), a correction whose reason
        // (free text: newlines allowed, control characters refused) carries every kind of markup.
        let weights = try cli.model("evil\u{1B}[31m.safetensors", seed: 1)
        _ = try cli.ok("register", weights, "--name", "acme/a:v1", "--compute", "3e26", "--trained-in", "US")
        _ = try cli.ok("correct", "acme/a:v1", "--site", "Iowa", "--reason", Self.hostile)
        let shown = try cli.run("show", "acme/a:v1", "--history")
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(!shown.stdout.unicodeScalars.contains("\u{1B}") && !shown.stdout.unicodeScalars.contains("\u{7}"))
        #expect(shown.stdout.contains("\\u001B"), "the escape is shown, not sent")
        for format in ["text", "md", "html"] {
            let review = try cli.run("review", "acme/a:v1", "--to", "CN", "--format", format)
            #expect(review.status <= 1, "\(format): \(review.stderr)")
            let lines = review.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(!review.stdout.unicodeScalars.contains("\u{1B}"), "\(format)")
            #expect(!lines.contains { $0.hasPrefix("## Verdict") || $0.hasPrefix("VERDICT: no license") }, "\(format)")
            if format == "html" {
                #expect(!review.stdout.contains("<script") && !review.stdout.contains("<img"))
            }
            if format == "md", let html = try rendered(review.stdout, in: cli) {
                #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("href=\"javascript"))
                #expect(!html.contains("<h2>Verdict"), "no forged heading")
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the markup is shown as text")
                #expect(html.contains("<h2>Fact history</h2>") && html.contains("<h2>Policy outcomes</h2>"))
            }
        }
    }

    /// A base model outside the ledger is a name anyone can write in a model card: it reaches the
    /// lineage, the findings, the review and the exports as text, never as markup or structure.
    @Test func aHostileBaseModelNameStaysText() throws {
        let cli = try CLI()
        let name = "evil/<script>alert(1)</script>``` **b** [l](javascript:alert(3)) | cell | \\ \"q\""
        let weights = try cli.model("m.safetensors", seed: 2)
        _ = try cli.ok(
            "register", weights, "--name", "acme/m:v1", "--base-model", name, "--compute", "1e20", "--trained-in", "US")
        #expect(try cli.ok("lineage", "acme/m:v1").contains(name))
        for format in ["text", "md", "html"] {
            let review = try cli.run("review", "acme/m:v1", "--to", "CN", "--format", format)
            #expect(review.status <= 1, "\(format): \(review.stderr)")
            if format == "html" { #expect(!review.stdout.contains("<script"), "html") }
            if format == "md", let html = try rendered(review.stdout, in: cli) {
                #expect(!html.contains("<script") && !html.contains("href=\"javascript"), "md")
                #expect(html.contains("<h2>Policy outcomes</h2>") && html.contains("<h2>Lineage</h2>"))
            }
        }
        for format in ["in-toto", "cyclonedx", "spdx"] {
            let exported = try cli.ok("export", "acme/m:v1", "--format", format)
            let parsed = try JSONSerialization.jsonObject(with: Data(exported.utf8))
            #expect(parsed is [String: Any], "\(format)")
            #expect(exported.contains("evil/<script>"), "\(format): the name is kept, as a JSON string")
        }
    }
}
