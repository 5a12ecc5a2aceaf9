import ArgumentParser
import LedgerRender
import LedgerUseCases

struct LineageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lineage",
        abstract: "Show what an artifact was made from (or, with --descendants, what was made from it).")

    @Argument(help: ArgumentHelp("Digest, hex prefix or name[:tag].", valueName: "ref"))
    var reference: String

    @Flag(name: .long, help: "Walk to what was made from the artifact instead of what it was made from.")
    var descendants = false

    @Flag(name: .long, help: "Print Graphviz DOT (edges from parent to child).")
    var dot = false

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if dot && output.json { throw ValidationError("choose one of --json and --dot") }
    }

    func run() throws {
        let walk = try Lineage(context: ledger.context).run(
            try Output.reference(reference), direction: descendants ? .descendants : .ancestors)
        if output.json { return try Output.json(LineageView(walk)) }
        print(dot ? TextRenderer.dot(walk) : TextRenderer.tree(walk))
    }
}
