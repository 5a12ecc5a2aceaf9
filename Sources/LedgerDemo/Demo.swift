import Foundation
import LedgerCore
import LedgerRender
import LedgerUseCases

/// Runs the demo story against a ledger and gathers what a person should see.
public struct Demo {
    public let context: AppContext
    public let modelsDirectory: String

    public init(context: AppContext, modelsDirectory: String) {
        self.context = context
        self.modelsDirectory = modelsDirectory
    }

    /// What the demo did: each step's outcome, then the lineage views it prints.
    public struct Report: Sendable {
        public let steps: [(step: DemoStory.Step, outcome: RegisterOutcome)]
        public let descendantsOfFrontier: LineageWalk
        public let ancestorsOfMerge: LineageWalk
        public let merge: ArtifactDetails
        /// The policy act: checks, a refused and a recorded deployment, flags, a license, a review.
        let policy: [DemoPolicy.Entry]
    }

    public func run() throws -> Report {
        let story = DemoStory(modelsDirectory: modelsDirectory)
        try story.writeFiles()
        let register = Register(context: context)
        var steps: [(DemoStory.Step, RegisterOutcome)] = []
        for step in story.steps {
            steps.append((step, try register.run(path: step.path, try Registration(step.facts))))
        }
        let lineage = Lineage(context: context)
        return Report(
            steps: steps,
            descendantsOfFrontier: try lineage.run(
                try ArtifactReference(DemoStory.frontierName), direction: .descendants),
            ancestorsOfMerge: try lineage.run(try ArtifactReference(DemoStory.mergeName), direction: .ancestors),
            merge: try Show(context: context).artifact(try ArtifactReference(DemoStory.mergeName)),
            policy: try DemoPolicy(context: context, library: PolicyLibrary.load(directory: nil)).run())
    }
}
