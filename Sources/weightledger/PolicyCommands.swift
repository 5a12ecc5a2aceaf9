import ArgumentParser
import Foundation
import LedgerCore
import LedgerRender
import LedgerUseCases

/// `--policy-dir`, shared by every command that evaluates packs.
struct PolicyOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Directory of the organisation's policy packs (*.json), added to the built-ins; a pack with a built-in "
                + "id replaces it (default: $WEIGHTLEDGER_POLICY_DIR).",
            valueName: "dir"))
    var policyDir: String?

    func library() throws -> PolicyLibrary {
        try PolicyLibrary.load(directory: PolicyLibrary.directory(option: policyDir))
    }
}

/// `--policy ID`, repeatable.
struct PackSelection: ParsableArguments {
    @Option(
        name: .customLong("policy"),
        help: ArgumentHelp("Evaluate only this pack (repeatable; default: every pack).", valueName: "id"))
    var ids: [String] = []
}

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "List and show the policy packs in effect.",
        subcommands: [PolicyListCommand.self, PolicyShowCommand.self])
}

struct PolicyListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the packs: id, version, status on the date, source.")

    @Option(name: .long, help: ArgumentHelp("Status as of this date (default: today).", valueName: "YYYY-MM-DD"))
    var on: String?
    @OptionGroup var policy: PolicyOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let library = try policy.library()
        let date = try Output.date(on) ?? AppContext.day(of: Date())
        if output.json {
            return try Output.json(library.packs.map { PackView($0, status: $0.pack.status(on: date)) })
        }
        print(PolicyText.policyList(library, on: date))
    }
}

struct PolicyShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a pack: rules, parameters, timeline, country sets, citations, digest.")

    @Argument(help: ArgumentHelp("Pack id (see 'policy list').", valueName: "id"))
    var id: String
    @Option(name: .long, help: ArgumentHelp("Status as of this date (default: today).", valueName: "YYYY-MM-DD"))
    var on: String?
    @OptionGroup var policy: PolicyOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let loaded = try policy.library().pack(id)
        let date = try Output.date(on) ?? AppContext.day(of: Date())
        if output.json { return try Output.json(PackDocumentView(loaded, on: date)) }
        print(PolicyText.policyShow(loaded, on: date))
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "May these weights go to that country? Evaluates every pack as of a date.",
        discussion:
            "Exit 0 when nothing needs a license, notification or a look at unknown facts; 1 when something does "
            + "(with --enforced-only: when a rule enforced on the date does); 2 on error."
    )

    @Argument(help: ArgumentHelp("Digest, hex prefix or name[:tag].", valueName: "ref"))
    var reference: String
    @Option(name: .long, help: ArgumentHelp("Destination country (ISO 3166-1 alpha-2).", valueName: "CC"))
    var to: String
    @Option(name: .long, help: ArgumentHelp("Evaluate as of this date (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var on: String?
    @Option(
        name: .long, help: ArgumentHelp("export, reexport, transfer or hosting (default: export).", valueName: "kind"))
    var kind: DeploymentKind?
    @Flag(name: .long, help: "Exit 1 only for findings of rules enforced on the date (text and JSON still show all).")
    var enforcedOnly = false
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
        let check = try PolicyCheck(
            artifact: reference, to: to, on: on, kind: kind?.rawValue, policies: selection.ids, exporter: exporter)
        let report = try Check(context: ledger.context, library: policy.library()).run(check)
        if output.json { try Output.json(CheckView(report)) } else { print(PolicyText.check(report)) }
        let status = report.exitStatus(enforcedOnly: enforcedOnly)
        if status != .ok { throw ExitCode(status.rawValue) }
    }
}

struct DeployCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Record that weights go to a destination, with every pack's evaluation in the same event.",
        discussion: """
            A deployment that needs a license the ledger does not hold is recorded with a block finding (exit 1).
            With --strict it is refused instead: exit 1 and nothing is written. With --require-approval it is
            refused (exit 1) unless a person approved the report as it stands.
            """)

    @Argument(help: ArgumentHelp("Digest, hex prefix or name[:tag].", valueName: "ref"))
    var reference: String
    @Option(name: .long, help: ArgumentHelp("Destination country (ISO 3166-1 alpha-2).", valueName: "CC"))
    var to: String
    @Option(name: .long, help: ArgumentHelp("Who receives the weights.", valueName: "org"))
    var recipient: String?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Organisation that ships the weights (default: the developer of the artifact's own step).",
            valueName: "org"))
    var exporter: String?
    @Option(name: .long, help: ArgumentHelp("Date of the deployment (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var on: String?
    @Option(
        name: .long, help: ArgumentHelp("export, reexport, transfer or hosting (default: export).", valueName: "kind"))
    var kind: DeploymentKind?
    @Option(name: .long, help: ArgumentHelp("The license it relies on: AUTHORITY/NUMBER, or NUMBER.", valueName: "id"))
    var license: String?
    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Refuse (exit 1, write nothing) instead of recording a deployment that needs a license the ledger does "
                + "not hold.")
    )
    var strict = false
    @Flag(name: .long, help: "Count only rules enforced on the date: for --strict, and for the exit code.")
    var enforcedOnly = false
    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Refuse (exit 1, write nothing) unless an approval ('weightledger approve') holds for this artifact, "
                + "destination and the report as it stands."))
    var requireApproval = false
    @OptionGroup var selection: PackSelection
    @OptionGroup var policy: PolicyOptions
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let request = try Deployment(
            .init(
                artifact: reference, to: to, recipient: recipient, on: on, kind: kind?.rawValue,
                license: license, strict: strict, policies: selection.ids, enforcedOnly: enforcedOnly,
                exporter: exporter, requireApproval: requireApproval))
        let outcome: DeployOutcome
        do {
            outcome = try Deploy(context: ledger.context, library: policy.library()).run(request)
        } catch let refused as DeploymentRefused {
            if output.json { try Output.json(CheckView(refused.report)) }
            throw refused
        }
        if output.json { try Output.json(DeployView(outcome)) } else { print(PolicyText.deploy(outcome)) }
        let status = outcome.report.exitStatus(enforcedOnly: enforcedOnly)
        if status != .ok { throw ExitCode(status.rawValue) }
    }
}

struct LicenseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "license", abstract: "Record licenses that authorise deployments.",
        subcommands: [LicenseAddCommand.self])
}

struct LicenseAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract:
            "Record a license for artifacts and destinations; a matching, valid license resolves their license "
            + "findings.",
        discussion: "A license covers exactly the artifacts it names (a quantized copy is other bytes: name it too).")

    @Option(name: .long, help: ArgumentHelp("Issuing authority, e.g. BIS.", valueName: "name"))
    var authority: String
    @Option(name: .long, help: ArgumentHelp("License number.", valueName: "id"))
    var number: String
    @Option(
        name: .long, parsing: .upToNextOption, help: ArgumentHelp("Artifacts it covers (repeatable).", valueName: "ref")
    )
    var artifact: [String] = []
    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp("Destinations it covers (repeatable).", valueName: "CC"))
    var to: [String] = []
    @Option(name: .long, help: ArgumentHelp("First valid day.", valueName: "YYYY-MM-DD"))
    var validFrom: String?
    @Option(name: .long, help: ArgumentHelp("Last valid day.", valueName: "YYYY-MM-DD"))
    var validUntil: String?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let request = try LicenseGrant(
            .init(
                authority: authority, number: number, artifacts: artifact, destinations: to,
                validFrom: validFrom, validUntil: validUntil))
        let (license, seq) = try LicenseAdd(context: ledger.context).run(request)
        if output.json { return try Output.json(LicenseView(license)) }
        print(PolicyText.license(license, seq: seq))
    }
}

struct FlagsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flags",
        abstract: "Every current finding across the ledger: artifacts as of the date, deployments as of theirs.",
        discussion: "Exit 0 when nothing needs a person, 1 when something does.")

    @Option(
        name: .long,
        help: ArgumentHelp("Evaluate artifacts as of this date (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var on: String?
    @Flag(name: .long, help: "List informational and licensed findings too (text output).")
    var all = false
    @Flag(
        name: .long,
        help: "Evaluate every artifact again instead of reusing the findings kept beside the ledger (text output).")
    var fresh = false
    @OptionGroup var page: PageOptions
    @OptionGroup var selection: PackSelection
    @OptionGroup var policy: PolicyOptions
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        // Evaluated a page at a time and written as it goes: memory does not grow with the ledger.
        let writer = FlagsWriter(output.json ? .json : .text(all: all))
        let flags = Flags(context: try ledger.context, library: try policy.library())
        let summary: FlagsSummary
        if output.json || all || page.after != nil || page.limit != nil {
            summary = try flags.stream(
                date: try Output.date(on), policies: selection.ids, after: page.after, limit: page.limit, writer.add)
        } else {
            // What needs a person, from the findings kept beside the ledger: only what changed is evaluated.
            let attention = try flags.needingAttention(
                date: try Output.date(on), policies: selection.ids, fresh: fresh, writer.add)
            writer.count(informational: attention.informational)
            summary = attention.summary
        }
        let out = OutputStream.standardOutput
        try writer.finish(summary) { out.write($0) }
        if !output.json { out.write(Data("\n".utf8)) }
        out.flush()
        PageOptions.sayWhereToGoOn(summary.next)
        // Exit here: the exit status is what cron reads. exit() does not wait for deinitialisers.
        Foundation.exit(summary.exitStatus.rawValue)
    }
}

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract:
            "The report legal reads before a deployment: lineage, every pack's outcome, deployments, licenses, pack "
            + "digests."
    )

    @Argument(help: ArgumentHelp("Digest, hex prefix or name[:tag].", valueName: "ref"))
    var reference: String
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Destination country to evaluate (default: none, artifact-level findings only).", valueName: "CC"))
    var to: String?
    @Option(name: .long, help: ArgumentHelp("Evaluate as of this date (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var on: String?
    @Option(name: .long, help: ArgumentHelp("text, md, html, json or pdf.", valueName: "format"))
    var format: ReviewFormat = .text
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write the report to this file (whole or not at all; replaces it) instead of standard output.",
            valueName: "file"))
    var out: String?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Organisation that ships the weights (default: the developer of the artifact's own step).",
            valueName: "org"))
    var exporter: String?
    @OptionGroup var selection: PackSelection
    @OptionGroup var policy: PolicyOptions
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        let request = try ReviewRequest(
            artifact: reference, to: to, on: on, policies: selection.ids, exporter: exporter)
        let target = try out.map(ReportFile.init)
        if format == .pdf, target == nil, isatty(STDOUT_FILENO) == 1 {
            throw InputError("--format pdf writes binary; pass --out FILE or redirect standard output")
        }
        let report = try Review(context: ledger.context, library: policy.library()).run(request)
        let bytes: Data
        switch format {
        case .text: bytes = Data((ReviewRenderer.text(report) + "\n").utf8)
        case .md: bytes = Data((ReviewRenderer.markdown(report) + "\n").utf8)
        case .html: bytes = Data((ReviewRenderer.html(report) + "\n").utf8)
        case .json:
            if target == nil { return try Output.json(ReviewView(report)) }
            bytes = try Output.jsonData(ReviewView(report))
        case .pdf: bytes = try ReviewRenderer.pdf(report)
        }
        if let target { try target.write(bytes) } else { FileHandle.standardOutput.write(bytes) }
    }
}
