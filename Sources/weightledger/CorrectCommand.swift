import ArgumentParser
import LedgerCore
import LedgerRender
import LedgerUseCases

struct CorrectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct",
        abstract: "Correct facts of an artifact that were recorded wrong, with the reason.",
        discussion: """
            Give each fact that was wrong with its right value, and --reason. Nothing is edited: one event \
            keeps the old value, the new one, who and why, and every evaluation uses the corrected facts from \
            then on (a parent added here counts in cumulative compute). `show --history` lists every change. \
            A publication is not a correction: use `publish` and `unpublish`.
            """)

    @Argument(help: ArgumentHelp("Digest, hex prefix or name[:tag].", valueName: "ref"))
    var reference: String
    @Option(name: .long, help: ArgumentHelp("Why the recorded facts were wrong.", valueName: "text"))
    var reason: String
    @Option(
        name: .long,
        help: ArgumentHelp(
            "How it was made: \(TrainingKind.allCases.map(\.rawValue).joined(separator: "|")).", valueName: "kind"))
    var kind: TrainingKind?
    @Option(name: .long, help: ArgumentHelp("The whole list of parents, replacing it (repeatable).", valueName: "ref"))
    var parent: [String] = []
    @Option(name: .long, help: ArgumentHelp("A parent that was missing (repeatable).", valueName: "ref"))
    var addParent: [String] = []
    @Option(name: .long, help: ArgumentHelp("A parent recorded wrongly (repeatable).", valueName: "ref"))
    var removeParent: [String] = []
    @Option(name: .long, help: ArgumentHelp("Country where it was trained.", valueName: "CC"))
    var trainedIn: String?
    @Option(name: .long, help: ArgumentHelp("Where in that country.", valueName: "text"))
    var site: String?
    @OptionGroup var computeOptions: ComputeOptions
    @Option(name: .long, help: ArgumentHelp("Date training started.", valueName: "YYYY-MM-DD"))
    var started: String?
    @Option(name: .long, help: ArgumentHelp("Date training finished.", valueName: "YYYY-MM-DD"))
    var finished: String?
    @Option(name: .long, help: ArgumentHelp("Organisation that made this step.", valueName: "org"))
    var developer: String?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let compute = try computeOptions.draft()
        let draft = Correction.Draft(
            reason: reason, kind: kind?.rawValue, parents: parent.isEmpty ? nil : parent,
            addParents: addParent, removeParents: removeParent, trainedIn: trainedIn, site: site,
            compute: compute.isEmpty ? nil : compute, started: started, finished: finished, developer: developer)
        let correction = try Correction(artifact: reference, draft)
        let (event, seq) = try Correct(context: ledger.context).run(correction)
        let view = CorrectionView(event: event, seq: seq)
        if output.json { return try Output.json(view) }
        print(CorrectionView.text(view))
    }
}
