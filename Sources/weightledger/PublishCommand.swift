import ArgumentParser
import LedgerCore
import LedgerRender
import LedgerUseCases

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Record that weights already in the ledger were published openly, from a date on.",
        discussion: """
            Evaluations count the weights (and their quantized, converted and pruned copies) as published \
            from --on; before that day they are closed. The registration is not edited: the publication is \
            its own dated event.
            """)

    @Argument(help: ArgumentHelp("Digest, hex prefix or name[:tag].", valueName: "ref"))
    var reference: String
    @Option(name: .long, help: ArgumentHelp("Where the weights were published (http or https).", valueName: "url"))
    var url: String
    @Option(name: .long, help: ArgumentHelp("The day they were published.", valueName: "YYYY-MM-DD"))
    var on: String
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let request = try PublishRequest(artifact: reference, url: url, on: on)
        let (digest, seq) = try Publish(context: ledger.context).run(request)
        let view = PublishView(digest: digest, publication: request.publication, event: seq)
        if output.json { return try Output.json(view) }
        print(PublishView.text(view))
    }
}

struct UnpublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unpublish",
        abstract: "Record that published weights were withdrawn, from a date on.",
        discussion: """
            From --on the weights count as closed again in every evaluation (before it they stay published). \
            The publication is not edited: the withdrawal is its own dated event.
            """)

    @Argument(help: ArgumentHelp("Digest, hex prefix or name[:tag].", valueName: "ref"))
    var reference: String
    @Option(name: .long, help: ArgumentHelp("The first day they were no longer published.", valueName: "YYYY-MM-DD"))
    var on: String
    @Option(name: .long, help: ArgumentHelp("Why they were withdrawn.", valueName: "text"))
    var reason: String
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let request = try UnpublishRequest(artifact: reference, on: on, reason: reason)
        let (digest, seq) = try Unpublish(context: ledger.context).run(request)
        let view = WithdrawalView(digest: digest, date: request.date, reason: request.reason, event: seq)
        if output.json { return try Output.json(view) }
        print(WithdrawalView.text(view))
    }
}
