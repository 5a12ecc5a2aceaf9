import ArgumentParser
import Foundation
import LedgerCore
import LedgerRender
import LedgerSQLite
import LedgerServer
import LedgerUseCases

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract:
            "Serve the JSON API (/api/v1) for clusters and the review pages for legal, behind tokens with roles "
            + "('weightledger token create').",
        discussion:
            "The JSON API is described at /openapi.yaml (docs/openapi.yaml); review pages for browsers start at "
            + "/artifacts (sign in with a token at /login). Only /healthz, /readyz, /login and /openapi.yaml answer "
            + "without a token."
    )

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Read the settings from this YAML file (keys are the flags' names: port: 8080); flags given here win "
                + "(docs/operations.md).", valueName: "file"))
    var config: String?
    @Option(name: .long, help: ArgumentHelp("Address to listen on (default: 127.0.0.1).", valueName: "host"))
    var host: String?
    @Option(name: .long, help: ArgumentHelp("Port to listen on (default: 8080).", valueName: "port"))
    var port: Int?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Sign checkpoints made through the API with this private key ('key generate').", valueName: "file"))
    var sign: String?
    @Option(name: .long, help: ArgumentHelp("The checkpoints' origin (default: the key's name).", valueName: "origin"))
    var origin: String?
    @Flag(name: .long, help: "Log each request's method, path, status and latency (never headers, bodies or queries).")
    var logRequests = false
    @Option(
        name: .long,
        help: ArgumentHelp(
            "How --log-requests writes each request: text, or json (one object per line) (default: text).",
            valueName: "format"))
    var logFormat: String?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Largest registration body in MiB (a manifest of ~100,000 files is about 15 MiB) (default: 16).",
            valueName: "MiB"))
    var maxBody: Int?
    @Flag(name: .long, help: "Mark the session cookie Secure (when a TLS proxy fronts the server).")
    var secureCookies = false
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Locations recorded by clients that the server's audits may open as its own files: HOST, "
                + "HOST:/prefix or /prefix, comma-separated or repeated (default: none; see docs/audit.md).",
            valueName: "roots"))
    var auditRoots: [String] = []
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Seconds a connection may stay open with no request in progress before it is closed (default: 60).",
            valueName: "seconds"))
    var idleTimeout: Double?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Seconds a client has to send a request's head (line and headers) once it has begun; then 408 "
                + "(default: 10).", valueName: "seconds"))
    var headerTimeout: Double?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Seconds a client has to send a request's body once its head has arrived; then 408 (default: 60).",
            valueName: "seconds"))
    var bodyTimeout: Double?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Most connections open at once; more clients wait to be accepted (lowered to fit 'ulimit -n') "
                + "(default: 4096).", valueName: "n"))
    var maxConnections: Int?
    @Flag(
        name: .long,
        help:
            "Count failed sign-ins per the last X-Forwarded-For address (set only when your proxy appends it).")
    var trustForwardedFor = false
    @Option(
        name: .long,
        help: ArgumentHelp(
            "An origin whose forms may post here besides the server's own, e.g. https://ledger.example (repeatable; "
                + "for a proxy that changes Host).", valueName: "origin"))
    var allowedOrigin: [String] = []
    @OptionGroup var policy: PolicyOptions
    @OptionGroup var ledger: LedgerOptions

    /// What the command line says; unset where it says nothing (flags can only turn a switch on).
    var flags: ServeConfig {
        ServeConfig(
            host: host, port: port, sign: sign, origin: origin, logRequests: logRequests ? true : nil,
            logFormat: logFormat, maxBody: maxBody, secureCookies: secureCookies ? true : nil,
            auditRoots: auditRoots.isEmpty ? nil : auditRoots, idleTimeout: idleTimeout,
            headerTimeout: headerTimeout, bodyTimeout: bodyTimeout, maxConnections: maxConnections,
            trustForwardedFor: trustForwardedFor ? true : nil,
            allowedOrigins: allowedOrigin.isEmpty ? nil : allowedOrigin,
            policyDir: policy.policyDir, ledger: ledger.ledger, database: ledger.database, actor: ledger.actor)
    }

    func run() async throws {
        let config = try (config.map { try ServeConfig.load(path: $0) } ?? ServeConfig()).overridden(by: flags)
        let resolved = try ServeSettings(config)
        var ledger = ledger
        ledger.ledger = config.ledger
        ledger.database = config.database
        ledger.actor = config.actor
        var policy = policy
        policy.policyDir = config.policyDir
        let location = try ledger.location
        guard location.exists() else {
            throw InputError("no ledger at \(location); create one and a token first ('weightledger token create')")
        }
        // Bad packs are refused before listening.
        let key = try config.sign.map { try KeyFiles.signingKey($0, name: config.origin) }
        #if os(Linux)
        // A server allocates and frees the same sizes all day: keep freed memory in the process
        // instead of returning it to the kernel after each burst (madvise and page faults were
        // ~15% of the CPU under load).
        _ = glibcMallopt(-1 /* M_TRIM_THRESHOLD */, 256 << 20)
        _ = glibcMallopt(-3 /* M_MMAP_THRESHOLD */, 32 << 20)
        #endif
        let library = try policy.library()
        let server = LedgerServer(
            location: location, ledger: try location.openShared(), library: library, signingKey: key,
            origin: config.origin, settings: resolved.settings)
        try await server.run(host: resolved.host, port: resolved.port)
    }
}

/// `serve`'s settings checked, with the defaults filled in: one place for every limit, whether a
/// value came from a flag or from the file.
struct ServeSettings {
    let host: String
    let port: Int
    let settings: ServerSettings

    init(_ config: ServeConfig) throws {
        host = config.host ?? "127.0.0.1"
        port = config.port ?? 8080
        guard (1...65535).contains(port) else { throw Self.refused("port", "must be between 1 and 65535") }
        let maxBody = config.maxBody ?? 16
        guard (1...1024).contains(maxBody) else { throw Self.refused("max-body", "must be between 1 and 1024 MiB") }
        let idle = config.idleTimeout ?? 60
        let header = config.headerTimeout ?? 10
        let body = config.bodyTimeout ?? 60
        for (name, seconds) in [("idle-timeout", idle), ("header-timeout", header), ("body-timeout", body)]
        where !(seconds >= 0.1 && seconds <= 86_400) {
            throw Self.refused(name, "must be between 0.1 and 86400 seconds")
        }
        for origin in config.allowedOrigins ?? [] where !ServerSettings.isOrigin(origin) {
            throw Self.refused("allowed-origin", "must be scheme://host[:port], e.g. https://ledger.example")
        }
        let maxConnections = config.maxConnections ?? 4096
        guard (1...1_000_000).contains(maxConnections) else {
            throw Self.refused("max-connections", "must be between 1 and 1000000")
        }
        guard let format = RequestLogFormat(rawValue: config.logFormat ?? "text") else {
            throw Self.refused("log-format", "must be text or json")
        }
        var settings = ServerSettings()
        settings.logRequests = config.logRequests ?? false
        settings.logFormat = format
        settings.maxRegistrationBody = maxBody << 20
        settings.secureCookies = config.secureCookies ?? false
        settings.auditRoots = try AuditRoots(parsing: config.auditRoots ?? [], field: .auditRoots)
        settings.timeouts = ConnectionTimeouts(
            idle: .milliseconds(Int(idle * 1000)), header: .milliseconds(Int(header * 1000)),
            body: .milliseconds(Int(body * 1000)))
        settings.maxConnections = maxConnections
        settings.trustForwardedFor = config.trustForwardedFor ?? false
        settings.allowedOrigins = config.allowedOrigins ?? []
        self.settings = settings
    }

    /// A value out of range, named as a flag and as the config file's key.
    static func refused(_ key: String, _ rule: String) -> InputError {
        InputError("--\(key) \(rule) (\(key): in a --config file)")
    }
}

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "API tokens for the server.",
        subcommands: [TokenCreateCommand.self, TokenListCommand.self, TokenRevokeCommand.self])
}

struct TokenCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract:
            "Make a token with a role (registrar, reviewer, auditor, admin); it is printed once, only its SHA-256 "
            + "is kept."
    )

    @Option(name: .long, help: ArgumentHelp("registrar, reviewer, auditor or admin.", valueName: "role"))
    var role: Role
    @Option(
        name: .long, help: ArgumentHelp("The token's name, recorded as the actor of what it does.", valueName: "name"))
    var name: String
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write the token into this new file, readable by its owner only (mode 600), instead of printing it.",
            valueName: "file"))
    var out: String?
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        let grant = try TokenGrant(name: name, role: role)
        guard let out else { return print(try Tokens(context: ledger.context).create(grant)) }
        // The file first: a name taken or a directory not writable refuses before the token exists.
        let file = try TokenFile(creating: out)
        let token: String
        do { token = try Tokens(context: ledger.context).create(grant) } catch {
            file.abandon()
            throw error
        }
        try file.write(token, name: name)
        print("token \(name) (\(role.rawValue)) written to \(out), mode 600")
    }
}

/// A new file for a token: created exclusively (never an existing file or a symbolic link) with
/// mode 600 whatever the umask.
struct TokenFile {
    let path: String
    let descriptor: Int32

    init(creating path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw InputError("\(field: "out") \(path): cannot create it (\(reason)); it must be a new file")
        }
        guard fchmod(descriptor, 0o600) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            unlink(path)
            throw InputError("\(field: "out") \(path): cannot make it private (\(reason))")
        }
        self.path = path
        self.descriptor = descriptor
    }

    /// Removes the file when no token was made.
    func abandon() {
        close(descriptor)
        unlink(path)
    }

    func write(_ token: String, name: String) throws {
        let bytes = Array((token + "\n").utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        let synced = written == bytes.count && fsync(descriptor) == 0
        let reason = String(cString: strerror(errno))
        close(descriptor)
        guard synced else {
            unlink(path)
            throw InputError(
                "token \(name) was made but could not be written to \(path) (\(reason)): revoke it "
                    + "('weightledger token revoke \(name)') and make another")
        }
    }
}

struct TokenListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "The tokens that are not revoked: name and role (never the token).")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let tokens = try Tokens(context: ledger.context).list()
        if output.json { return try Output.json(tokens.map { ["name": $0.name, "role": $0.role.rawValue] }) }
        if tokens.isEmpty { return print("no tokens") }
        // Names are printable ASCII without spaces (`TokenGrant`); an old or forged row is shown safely.
        let width = tokens.map(\.name.count).max() ?? 0
        for token in tokens {
            print(
                SafeText.line(token.name.padding(toLength: width, withPad: " ", startingAt: 0))
                    + "  \(token.role.rawValue)")
        }
    }
}

struct TokenRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token by name.")

    @Argument(help: ArgumentHelp("The token's name.", valueName: "name"))
    var name: String
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        try Tokens(context: ledger.context).revoke(name: name)
        print("revoked token \(name)")
    }
}

#if os(Linux)
/// glibc's mallopt(3), which Swift's Glibc module does not export (<malloc.h>).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
