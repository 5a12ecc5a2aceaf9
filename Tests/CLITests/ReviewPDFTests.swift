import Foundation
import TestSupport
import Testing

/// `review --format pdf`: a real PDF (Cairo and Pango), read back with poppler's pdftotext and
/// rendered to images with pdftoppm, tools no one here wrote.
@Suite struct ReviewPDFTests {
    static var popplerAvailable: Bool {
        ProcessInfo.processInfo.environment["WEIGHTLEDGER_REQUIRE_BROWSER"] == "1"
            || FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftoppm")
    }

    /// One page of `pdftoppm`'s PPM (P6) output: its size, the share of non-white pixels and of red ones.
    struct Page {
        let width: Int
        let height: Int
        let ink: Double
        let red: Double

        init(ppm: Data) throws {
            let bytes = [UInt8](ppm)
            var fields: [String] = []
            var position = 0
            var current = ""
            while fields.count < 4, position < bytes.count {
                let byte = bytes[position]
                position += 1
                if byte == 0x20 || byte == 0x0a {
                    if !current.isEmpty { fields.append(current) }
                    current = ""
                } else {
                    current.append(Character(UnicodeScalar(byte)))
                }
            }
            guard fields.count == 4, fields[0] == "P6", let width = Int(fields[1]), let height = Int(fields[2]) else {
                throw CLI.Failure("not a PPM: \(fields)")
            }
            (self.width, self.height) = (width, height)
            var ink = 0
            var red = 0
            var index = position
            while index + 2 < bytes.count {
                let (r, g, b) = (Int(bytes[index]), Int(bytes[index + 1]), Int(bytes[index + 2]))
                if r < 240 || g < 240 || b < 240 { ink += 1 }
                if r > 130 && g < 60 && b < 60 { red += 1 }
                index += 3
            }
            let pixels = Double(width * height)
            (self.ink, self.red) = (Double(ink) / pixels, Double(red) / pixels)
        }
    }

    @Test(.enabled(if: popplerAvailable, "needs Debian's poppler-utils (.ci/run installs it)"))
    func thePDFIsARealDocumentWithTheLogOnEveryPage() throws {
        let (cli, _, _) = try ServerPageTests.ledger()  // acme/frontier:base at 3e26, acme/frontier:chat from it
        // A note that would be markup if it were set as Pango markup or HTML.
        let json = try cli.ok("review", "acme/frontier:chat", "--to", "CN", "--on", "2026-11-25", "--format", "json")
        let review = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let digest = try #require(review?["reportDigest"] as? String)
        _ = try cli.ok(
            "approve", "acme/frontier:chat", "--to", "CN", "--on", "2026-11-25", "--by", "Dana <b>Legal</b> &amp;",
            "--note", "<span foreground='red'>ok</span>", "--report-digest", digest)
        // The log the PDF is built from: as it stands after the approval.
        let after = try cli.ok("review", "acme/frontier:chat", "--to", "CN", "--on", "2026-11-25", "--format", "json")
        let log = try #require(
            (try JSONSerialization.jsonObject(with: Data(after.utf8)) as? [String: Any])?["log"] as? [String: Any])
        let (ledgerID, root) = (log["ledgerID"] as? String ?? "?", log["rootHash"] as? String ?? "?")

        // To a terminal it is refused; with --out the file is written whole.
        let pdf = cli.directory.file("review.pdf")
        _ = try cli.ok(
            "review", "acme/frontier:chat", "--to", "CN", "--on", "2026-11-25", "--format", "pdf", "--out", pdf)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(bytes.starts(with: Data("%PDF-".utf8)))
        let missing = try cli.run("review", "acme/frontier:chat", "--format", "pdf", "--out", "/no/such/folder/r.pdf")
        #expect(missing.status == 2 && missing.stderr.contains("no folder"))

        let info = try Subprocess.run("/usr/bin/pdfinfo", [pdf])
        #expect(info.status == 0 && info.stdout.contains("Producer:        cairo"), "\(info.stdout)")
        let pages = Int(
            info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "")
        let count = try #require(pages)
        #expect(count >= 2)
        // Every page names the ledger, the log root and its number.
        for page in 1...count {
            let text = try Subprocess.run(
                "/usr/bin/pdftotext", ["-f", "\(page)", "-l", "\(page)", "-layout", pdf, "-"])
            #expect(text.status == 0)
            #expect(
                text.stdout.contains(ledgerID) && text.stdout.contains(root), "page \(page): \(text.stdout.prefix(300))"
            )
            #expect(text.stdout.contains("page \(page) of \(count)"))
        }
        let all = try Subprocess.run("/usr/bin/pdftotext", ["-raw", pdf, "-"]).stdout
        let unwrapped = all.replacingOccurrences(of: "\n", with: "")
        for expected in [
            "Verdict: LICENSE REQUIRED", "Findings, most severe first", "acme/frontier:base", "Lineage", "Legend",
            "<span foreground='red'>ok</span>", "Dana <b>Legal</b> &amp;",
        ] {
            #expect(all.contains(expected), "the PDF's text lacks \(expected)")
        }
        // Full digests, even where the table wraps them.
        let chat = try #require((try cli.json("show", "acme/frontier:chat") as? [String: Any])?["digest"] as? String)
        #expect(unwrapped.contains(chat))

        // Rendered to images: A4 pages with content, the verdict box and blocking nodes in red.
        let prefix = cli.directory.file("page")
        let render = try Subprocess.run("/usr/bin/pdftoppm", ["-r", "50", pdf, prefix])
        #expect(render.status == 0, "\(render.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter {
            $0.hasPrefix("page") && $0.hasSuffix(".ppm")
        }.sorted()
        #expect(files.count == count)
        let images = try files.map { try Page(ppm: Data(contentsOf: URL(fileURLWithPath: cli.directory.file($0)))) }
        for image in images {
            #expect(abs(Double(image.height) / Double(image.width) - 842.0 / 595.0) < 0.01, "A4")
            #expect(image.ink > 0.01, "page is not blank: \(image.ink)")
        }
        #expect(images[0].red > 0.002, "the verdict box is drawn in red: \(images[0].red)")
        if let keep = ProcessInfo.processInfo.environment["WEIGHTLEDGER_SCREENSHOTS"] {
            _ = try Subprocess.run("/usr/bin/pdftoppm", ["-r", "70", "-png", pdf, keep + "/review-pdf"])
        }
    }
}
