import ArgumentParser
import LedgerRender
import LedgerUseCases

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create an empty ledger (an existing one is left alone).")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try ledger.context
        let result = try InitLedger(context: context).run()
        if output.json {
            return try Output.json(
                InitView(ledger: context.location.description, ledgerID: result.ledgerID, created: result.created))
        }
        print(
            result.created
                ? "created ledger \(context.location.description) (id \(result.ledgerID))"
                : "ledger \(context.location.description) already exists (id \(result.ledgerID)); nothing changed")
    }
}
