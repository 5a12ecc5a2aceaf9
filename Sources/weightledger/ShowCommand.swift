import ArgumentParser
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
        commandName: "list", abstract: "List every artifact in registration order.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let views = try Show(context: ledger.context).all()
        if output.json { return try Output.json(views.map(ArtifactView.init)) }
        if views.isEmpty { return print("(no artifacts)") }
        for view in views {
            print("\(view.record.digest.short)…  \(TextRenderer.label(view))  \(TextRenderer.summary(view))")
        }
    }
}
