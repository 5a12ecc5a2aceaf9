import ArgumentParser
import Foundation
import Hashing
import LedgerClient
import LedgerCore
import LedgerRender
import LedgerUseCases

struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Hash a file or directory of weights and record how it was made.",
        discussion: """
            Compute, at most one of: --compute OPS (declared); --params N --tokens D (6·N·D); \
            --accelerator NAME --count N --hours H [--utilization U] [--precision P] (hardware estimate). \
            Without any, compute is recorded as unknown, never as zero.
            Without --kind: pretrain with no parent, finetune with one, merge with several.
            Bytes already in the ledger get the new names and location; their facts are never changed.
            A Hugging Face cache snapshot (models--ORG--NAME/snapshots/COMMIT) is hashed through its blob \
            links, each weight checked against its blob's SHA-256, named ORG/NAME:REF unless --name is given, \
            and its commit and refs recorded. A model card's front matter (README.md) gives the kind \
            (base_model_relation) and the parents (base_model, resolved to artifacts in the ledger) unless \
            --kind or --parent are given; --no-card ignores the card.
            """)

    @Argument(help: ArgumentHelp("File or directory of weights.", valueName: "path"))
    var path: String

    @Option(name: .long, help: ArgumentHelp("Name to bind (repeatable).", valueName: "org/model[:tag]"))
    var name: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "How it was made: \(TrainingKind.allCases.map(\.rawValue).joined(separator: "|")).", valueName: "kind"))
    var kind: TrainingKind?

    @Option(
        name: .long,
        help: ArgumentHelp("An artifact it was made from: digest, hex prefix or name (repeatable).", valueName: "ref"))
    var parent: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A base model by name (repeatable): the artifact with that name or registered from that Hugging Face "
                + "repository, else recorded as a parent outside the ledger whose compute is unknown.",
            valueName: "org/name"))
    var baseModel: [String] = []

    @Option(name: .long, help: ArgumentHelp("Country where it was trained (ISO 3166-1 alpha-2).", valueName: "CC"))
    var trainedIn: String?

    @Option(name: .long, help: ArgumentHelp("Where in that country (free text).", valueName: "text"))
    var site: String?

    @OptionGroup var computeOptions: ComputeOptions

    @Option(name: .long, help: ArgumentHelp("URL where the weights were published openly.", valueName: "url"))
    var published: String?

    @Option(name: .long, help: ArgumentHelp("Date of publication.", valueName: "YYYY-MM-DD"))
    var publishedOn: String?

    @Option(name: .long, help: ArgumentHelp("Date training started.", valueName: "YYYY-MM-DD"))
    var started: String?

    @Option(name: .long, help: ArgumentHelp("Date training finished.", valueName: "YYYY-MM-DD"))
    var finished: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Organisation that made this step (added with `org add`).", valueName: "org"))
    var developer: String?

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "A name that looks like an existing one (1/l/I, 0/o, rn/m) is meant; without it such a name is refused."))
    var allowSimilarName = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Register on a WeightLedger server instead of a local ledger: hash here, post the manifest and facts.",
            valueName: "URL"))
    var server: String?

    @Option(name: .long, help: ArgumentHelp("File holding a registrar token for --server.", valueName: "path"))
    var tokenFile: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --server: try again up to N times while the server cannot be reached or is unavailable "
                + "(waiting 1 s, 2 s, 4 s… at most 30 s, or its Retry-After); then exit 4.",
            valueName: "N"))
    var retries: Int = 0

    @Flag(name: .long, help: "Take the kind and parents from the model card when not given (the default).")
    var fromCard = false

    @Flag(name: .long, help: "Ignore the model card (README.md front matter).")
    var noCard = false

    @OptionGroup(title: "Model signature") var signing: SignatureOptions
    @OptionGroup var hashing: HashingOptions
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if (server == nil) != (tokenFile == nil) { throw ValidationError("--server and --token-file go together") }
        if !(0...100).contains(retries) { throw ValidationError("--retries must be 0 to 100") }
        if retries > 0 && server == nil { throw ValidationError("--retries goes with --server") }
        if fromCard && noCard { throw ValidationError("choose one of --from-card and --no-card") }
    }

    /// The facts as typed; numbers are parsed here, every rule about them is `Registration`'s.
    func facts() throws -> Registration.Draft {
        let compute = try computeOptions.draft()
        return Registration.Draft(
            names: name.isEmpty ? nil : name, kind: kind?.rawValue, parents: parent.isEmpty ? nil : parent,
            trainedIn: trainedIn, site: site, compute: compute.isEmpty ? nil : compute,
            published: published, publishedOn: publishedOn, started: started, finished: finished,
            developer: developer, allowSimilarName: allowSimilarName ? true : nil,
            baseModels: baseModel.isEmpty ? nil : baseModel)
    }

    func run() throws {
        // A signature is verified before hours of hashing, and left out of the folder's digest.
        let signatureInput = try signing.input(required: false)
        if signatureInput != nil, server != nil {
            throw InputError(
                "--signature is verified on the ledger's machine: register, then `weightledger signature attach` there")
        }
        // A server that cannot be reached, or a token it refuses, is told before anything is read.
        let remote = try server.map { server in
            try RemoteRegister(
                server: server, tokenFile: tokenFile ?? "",
                retries: HTTPClient.Retries(retries) { attempt, seconds, failure in
                    let line = "\(SafeText.line(failure.description)); trying again in \(seconds) s"
                    FileHandle.standardError.write(Data("weightledger: \(line) (\(attempt) of \(retries))\n".utf8))
                })
        }
        try remote?.checkAccess()
        let plan = try HubImport().plan(path: path, facts: try facts(), useCard: !noCard)
        let facts = plan.facts
        var hasher = hashing.hasher()
        if plan.followSymlinks { hasher.options.followSymlinks = true }
        let signature = try signatureInput.map { try ModelSignatures.verify($0) }
        hasher.options = Signatures.options(for: path, bundlePath: signatureInput?.bundlePath, base: hasher.options)
        if let server, let remote = remote?.hashing(with: hasher) {
            let answer = try hashing.withProgress(hasher) { try remote.run(path: path, facts: facts, plan: plan) }
            if output.json { return print(String(decoding: answer, as: UTF8.self)) }
            return print(try RemoteRegisterText.render(answer, server: server))
        }
        let registration = try Registration(facts)  // bad facts are refused before hours of hashing
        let register = Register(context: try ledger.context, hasher: hasher)
        let outcome = try hashing.withProgress(hasher) {
            try register.run(
                path: path, registration, plan: plan,
                signature: signature.map { (verified: $0.0, bundleSHA256: $0.bundleSHA256) })
        }
        if output.json { return try Output.json(RegisterView(outcome)) }
        print(RegisterText.render(outcome))
    }
}
