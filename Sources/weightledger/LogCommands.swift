import ArgumentParser
import Foundation
import LedgerCore
import LedgerRender
import LedgerUseCases

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "Keys that sign checkpoints.",
        subcommands: [KeyGenerateCommand.self])
}

struct KeyGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Make an Ed25519 key: FILE (private, mode 600) and FILE.pub, PEM that openssl reads.",
        discussion:
            "The key's name is the checkpoints' origin, e.g. ledger.example.com/acme. Prints the verifier key in "
            + "Go's sumdb/note form."
    )

    @Option(name: .long, help: ArgumentHelp("Key name (the log's origin): no spaces or '+'.", valueName: "origin"))
    var name: String
    @Option(
        name: .long, help: ArgumentHelp("Private key file to create (FILE.pub gets the public key).", valueName: "file")
    )
    var out: String

    func run() throws {
        let (key, publicPath) = try KeyFiles.generate(name: name, out: out)
        print("private key: \(out) (mode 600; keep it off the ledger's machine if you can)")
        print("public key:  \(publicPath)")
        print("verifier key: \(try key.verifierKey())")
    }
}

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "The tamper-evident log: checkpoints and proofs (RFC 9162, C2SP tlog-checkpoint).",
        subcommands: [LogCheckpointCommand.self, LogProveCommand.self, LogConsistencyCommand.self])
}

struct LogCheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Commit to every event so far: a C2SP checkpoint, signed with --sign, recorded as an event.",
        discussion:
            "Keep the signed checkpoint somewhere the ledger's writers cannot change: 'verify --checkpoint' then "
            + "proves the log was not rewritten or rolled back."
    )

    @Option(
        name: .long, help: ArgumentHelp("Private key file (from 'key generate') to sign with.", valueName: "keyfile"))
    var sign: String?
    @Option(
        name: .long,
        help: ArgumentHelp("Origin line (default: the key's name, else weightledger/<ledger id>).", valueName: "name"))
    var origin: String?
    @Option(
        name: .long, help: ArgumentHelp("Also write the note to this file (refuses to overwrite).", valueName: "file"))
    var out: String?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        if let out, FileManager.default.fileExists(atPath: out) {
            throw InputError("\(out) already exists; checkpoints are never overwritten")
        }
        let key = try sign.map { try KeyFiles.signingKey($0, name: origin) }
        let outcome = try LogTool(context: ledger.context).checkpoint(signingKey: key, origin: origin)
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: Data(outcome.note.utf8)) else {
                throw InputError("cannot write \(out)")
            }
        }
        if output.json { return try Output.json(CheckpointView(outcome)) }
        print(outcome.note, terminator: "")
    }
}

struct LogProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract:
            "Inclusion proof of an event (by number, or an artifact's registration) against the latest checkpoint.")

    @Argument(help: ArgumentHelp("Event number, or an artifact's digest, prefix or name[:tag].", valueName: "ref|seq"))
    var reference: String
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let outcome = try LogTool(context: ledger.context).prove(reference)
        if output.json { return try Output.json(InclusionView(outcome)) }
        print(
            "event \(outcome.event.seq) (\(outcome.event.type)) is leaf \(outcome.event.seq - 1) of the checkpoint "
                + "at event \(outcome.checkpointEvent) (size \(outcome.checkpoint.size), origin "
                + "\(outcome.checkpoint.origin))"
        )
        print("leaf hash  \(hexString(outcome.leafHash))")
        for (index, hash) in outcome.proof.enumerated() { print("proof[\(index)]   \(hexString(hash))") }
        print("root hash  \(hexString(outcome.checkpoint.rootHash))")
        print("verified: the proof leads from the event to the checkpoint's root (RFC 9162 §2.1.3.2)")
    }
}

struct LogConsistencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consistency",
        abstract: "Prove and check that today's log extends an earlier checkpoint (exit 3 when it does not).")

    @Option(
        name: .long,
        help: ArgumentHelp("The earlier checkpoint (a signed note or checkpoint text).", valueName: "checkpoint-file"))
    var from: String
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Check the checkpoint's signature with this public key (PEM or verifier key).", valueName: "file"))
    var publicKey: String?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        guard let data = FileManager.default.contents(atPath: from), let note = String(data: data, encoding: .utf8)
        else {
            throw InputError("cannot read checkpoint file \(from)")
        }
        let key = try publicKey.map { try KeyFiles.verifyingKey($0) }
        let outcome = try LogTool(context: ledger.context).consistency(from: note, key: key)
        if output.json { return try Output.json(ConsistencyView(outcome)) }
        print(
            "consistent: the log of \(outcome.newSize) events extends the checkpoint of \(outcome.old.size) "
                + "(\(outcome.old.origin))"
        )
        for (index, hash) in outcome.proof.enumerated() { print("proof[\(index)]  \(hexString(hash))") }
        print("new root   \(hexString(outcome.newRoot))")
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the log and everything derived from it; exit 0 when all holds, 3 on any mismatch.",
        discussion: """
            Checks: events numbered without gaps, payloads against their hashes, every leaf and stored subtree of the \
            Merkle
            tree, every recorded checkpoint, the projection tables against a replay of the events, and with \
            --checkpoint an
            outside checkpoint's signature and that today's log extends it. It streams, in bounded memory.
            With --since-checkpoint it starts from the tree the last clean audit verified: the stored tree \
            must still hash
            to that root, and only the events after it are re-read (no replay of the projections; a full run \
            does that).
            """)

    @Option(name: .long, help: ArgumentHelp("An earlier checkpoint kept outside the ledger.", valueName: "file"))
    var checkpoint: String?
    @Option(name: .long, help: ArgumentHelp("Public key to check the checkpoint's signature with.", valueName: "file"))
    var publicKey: String?
    @Flag(
        name: .long,
        help: "Start from the tree the last clean audit verified; re-read only the events after it.")
    var sinceCheckpoint = false
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if publicKey != nil && checkpoint == nil {
            throw ValidationError("--public-key checks a --checkpoint; give both")
        }
    }

    func run() throws {
        var note: String?
        if let checkpoint {
            guard let data = FileManager.default.contents(atPath: checkpoint),
                let text = String(data: data, encoding: .utf8)
            else {
                throw InputError("cannot read checkpoint file \(checkpoint)")
            }
            note = text
        }
        let key = try publicKey.map { try KeyFiles.verifyingKey($0) }
        let outcome = try Verify(context: ledger.context).run(
            checkpointNote: note, key: key, sinceCheckpoint: sinceCheckpoint)
        if output.json {
            try Output.json(VerifyView(outcome))
        } else if outcome.holds {
            let report = outcome.report
            print(
                "ok: \(report.events) events, root \(hexString(report.root)), "
                    + "\(report.checkpointsChecked) recorded checkpoint(s)"
                    + (outcome.checkpoint.map { ", consistent with the outside checkpoint of size \($0.size)" } ?? "")
                    + (report.since.map {
                        "; events after \($0.size) re-read, from the tree the audit at event \($0.seq) verified "
                            + "(projections not replayed)"
                    } ?? "; \(report.tablesCompared.count) tables match a replay of the events"))
        }
        if !outcome.holds { throw IntegrityFailure(problems: outcome.problems) }
    }
}
