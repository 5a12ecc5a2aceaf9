import ArgumentParser
import LedgerRender
import LedgerUseCases

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show everything recorded about an artifact, with own and cumulative compute.")

    @Argument(help: ArgumentHelp("Digest (sha256:…), hex prefix of 12+ digits, or name[:tag].", valueName: "ref"))
    var reference: String

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let view = try Show(context: ledger.context).artifact(try Output.reference(reference))
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
