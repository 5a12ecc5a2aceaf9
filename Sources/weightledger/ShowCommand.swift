import ArgumentParser
import Foundation
import LedgerCore
import LedgerRender
import LedgerUseCases

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show everything recorded about an artifact, with own and cumulative compute.")

    @Argument(help: ArgumentHelp("Digest (sha256:…), hex prefix of 12+ digits, or name[:tag].", valueName: "ref"))
    var reference: String
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The facts as they stood on this day, corrections applied (default: today).", valueName: "YYYY-MM-DD"))
    var on: String?
    @Flag(name: .long, help: "Also list every change to the facts with its event, who and why.")
    var history = false

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let day = try FieldKey.on.parsing { try on.map { try LedgerDate($0) } }
        let view = try Show(context: ledger.context).artifact(
            try Output.reference(reference), on: day, history: history)
        if output.json { return try Output.json(ArtifactView(view)) }
        print(TextRenderer.show(view))
    }
}

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List every artifact in registration order.",
        discussion:
            "Written as it is read, a page at a time: any size of ledger in bounded memory. With --limit, the "
            + "command says on stderr how to continue (--after the last artifact's registeredSeq).")

    @OptionGroup var page: PageOptions
    @Flag(name: .long, help: "Print one JSON object per line (JSON Lines) instead of a JSON array.")
    var jsonLines = false
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let out = OutputStream.standardOutput
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            jsonLines
            ? [.sortedKeys, .withoutEscapingSlashes] : [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .throw
        var count = 0
        let next = try Show(context: ledger.context).page(after: page.after, limit: page.limit) { details in
            if jsonLines {
                out.write(try encoder.encode(ArtifactView(details)) + Data("\n".utf8))
            } else if output.json {
                // The array Foundation would print, one element at a time: each line indented by
                // two spaces, blank lines (an empty array's) left blank.
                let element = try encoder.encode(ArtifactView(details))
                var bytes = Array((count == 0 ? "[\n  " : ",\n  ").utf8)
                bytes.reserveCapacity(element.count + element.count / 8)
                var previous: UInt8 = 0
                for byte in element {
                    if previous == UInt8(ascii: "\n") && byte != UInt8(ascii: "\n") { bytes += [0x20, 0x20] }
                    bytes.append(byte)
                    previous = byte
                }
                out.write(bytes)
            } else {
                let line = "\(details.record.digest.short)…  \(TextRenderer.label(details))  "
                out.write(Data((line + TextRenderer.summary(details) + "\n").utf8))
            }
            count += 1
        }
        if output.json && !jsonLines { out.write(Data((count == 0 ? "[]\n" : "\n]\n").utf8)) }
        if count == 0 && !output.json && !jsonLines { out.write(Data("(no artifacts)\n".utf8)) }
        out.flush()
        PageOptions.sayWhereToGoOn(next)
    }
}
