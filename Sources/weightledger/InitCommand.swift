import ArgumentParser
import LedgerApp

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create an empty ledger (an existing one is left alone).")

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        let context = ledger.context
        let result = try InitLedger(context: context).run()
        print(result.created ? "created ledger \(context.ledgerPath) (id \(result.ledgerID))"
                             : "ledger \(context.ledgerPath) already exists (id \(result.ledgerID)); nothing changed")
    }
}
