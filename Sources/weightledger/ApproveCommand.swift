import ArgumentParser
import Foundation
import LedgerCore
import LedgerRender
import LedgerUseCases

struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Record that a person reviewed and approved a deployment, bound to the report they saw.",
        discussion: """
            The approval names the digest of the review (printed by 'weightledger review' as "report digest").
            Give it with --report-digest to approve exactly what you read: if a fact, correction, licence or
            pack changed since, nothing is recorded (exit 2). 'deploy --require-approval' refuses a deployment
            that no approval of the current report covers; 'review' says when a later change invalidated one.
            """)

    @Argument(help: ArgumentHelp("Digest, hex prefix or name[:tag].", valueName: "ref"))
    var reference: String
    @Option(name: .long, help: ArgumentHelp("Destination country approved (ISO 3166-1 alpha-2).", valueName: "CC"))
    var to: String
    @Option(name: .long, help: ArgumentHelp("Who approves (a name, a role).", valueName: "name"))
    var by: String
    @Option(name: .long, help: ArgumentHelp("What the approver notes.", valueName: "text"))
    var note: String?
    @Option(
        name: .long,
        help: ArgumentHelp("The digest of the report reviewed (sha256:…, from 'review').", valueName: "digest"))
    var reportDigest: String?
    @Option(
        name: .long, help: ArgumentHelp("The report's evaluation date (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var on: String?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Organisation that ships the weights (default: the developer of the artifact's own step).",
            valueName: "org"))
    var exporter: String?
    @OptionGroup var selection: PackSelection
    @OptionGroup var policy: PolicyOptions
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let request = try ApprovalRequest(
            artifact: reference, to: to, on: on, policies: selection.ids, exporter: exporter, by: by, note: note,
            reportDigest: reportDigest)
        let outcome = try Approve(context: ledger.context, library: policy.library()).run(request)
        if output.json { return try Output.json(ApprovalView(outcome)) }
        print(ReviewRenderer.approvalLine(outcome))
    }
}
