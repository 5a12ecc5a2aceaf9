import Foundation
import LedgerCore
import LedgerRender
import LedgerUseCases

/// Runs the demo story against a ledger and gathers what a person should see.
public struct Demo {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// Where the model files are written.
    public let modelsDirectory: String

    /// The demo in `context`, writing files below `modelsDirectory`.
    public init(context: AppContext, modelsDirectory: String) {
        self.context = context
        self.modelsDirectory = modelsDirectory
    }

    /// What the demo did: each step's outcome, then the lineage views it prints.
    public struct Report: Sendable {
        /// Each organisation's `org add` and what it printed.
        public let parties: [(command: String, output: String)]
        /// Each registration and what it did.
        public let steps: [(step: DemoStory.Step, outcome: RegisterOutcome)]
        /// What was made from the frontier model.
        public let descendantsOfFrontier: LineageWalk
        /// What the merge was made from.
        public let ancestorsOfMerge: LineageWalk
        /// The merge, as `show` prints it.
        public let merge: ArtifactDetails
        /// The policy act: checks, a refused and a recorded deployment, flags, a license, a review.
        let policy: [DemoPolicy.Entry]
    }

    /// Writes the files, registers every step, and runs the policy act.
    public func run() throws -> Report {
        let story = DemoStory(modelsDirectory: modelsDirectory)
        try story.writeFiles()
        var parties: [(command: String, output: String)] = []
        let organisations = Organisations(context: context)
        let known = context.ledgerExists ? try organisations.all() : OrganisationDirectory()
        for party in DemoStory.parties {
            let request = try OrganisationRequest(
                name: party.name, hq: party.hq, parent: party.parent, revenueUSD: party.revenueUSD,
                revenueYear: party.revenueYear)
            if known[request.name] != nil {
                parties.append((party.command, "(already recorded by an earlier demo run)"))
                continue
            }
            let (organisation, seq) = try organisations.add(request)
            let text = OrganisationView.text(OrganisationView(organisation, event: seq))
            parties.append((party.command, "added organisation \(text) (event \(seq))"))
        }
        let register = Register(context: context)
        var steps: [(DemoStory.Step, RegisterOutcome)] = []
        for step in story.steps {
            steps.append((step, try register.run(path: step.path, try Registration(step.facts))))
        }
        let lineage = Lineage(context: context)
        return Report(
            parties: parties, steps: steps,
            descendantsOfFrontier: try lineage.run(
                try ArtifactReference(DemoStory.frontierName), direction: .descendants),
            ancestorsOfMerge: try lineage.run(try ArtifactReference(DemoStory.mergeName), direction: .ancestors),
            merge: try Show(context: context).artifact(try ArtifactReference(DemoStory.mergeName)),
            policy: try DemoPolicy(context: context, library: PolicyLibrary.load(directory: nil)).run())
    }
}
