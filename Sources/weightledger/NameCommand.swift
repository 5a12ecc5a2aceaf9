import ArgumentParser
import LedgerCore
import LedgerRender
import LedgerUseCases

struct NameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "name", abstract: "Manage names (aliases) of artifacts.", subcommands: [NameAddCommand.self])
}

struct NameAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Bind a name to an artifact; a name once bound never moves to other bytes.")

    @Argument(help: ArgumentHelp("Digest, hex prefix or name[:tag] of the artifact.", valueName: "ref"))
    var reference: String

    @Argument(help: ArgumentHelp("The name to bind.", valueName: "name[:tag]"))
    var name: String

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "A name that looks like an existing one (1/l/I, 0/o, rn/m) is meant; without it such a name is refused."))
    var allowSimilarName = false

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let bound = try FieldKey.name.parsing { try ArtifactName(name) }
        let result = try NameAdd(context: ledger.context).run(
            reference: try Output.reference(reference), name: bound, allowSimilar: allowSimilarName)
        if output.json {
            return try Output.json(NameAddView(digest: result.digest.value, name: name, added: result.added))
        }
        print(
            result.added
                ? "bound \(name) to \(result.digest.value)"
                : "\(name) is already bound to \(result.digest.value); nothing changed")
    }
}
