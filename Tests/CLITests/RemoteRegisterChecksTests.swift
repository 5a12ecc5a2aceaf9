import Foundation
import TestSupport
import Testing

/// `register --server` checks the server and the token before it reads a byte of the model (a
/// FIFO no one writes would block the first read forever), and tells "retry later" (exit 4) from
/// "bad input" (exit 2).
@Suite struct RemoteRegisterChecksTests {
    /// `register PATH --server …` under `timeout`: a read of the FIFO would hang until it is killed (124).
    static func register(
        _ cli: CLI, _ path: String, server: String, tokenFile: String, _ extra: [String] = []
    )
        throws -> ProcessResult
    {
        try Subprocess.run(
            "/usr/bin/timeout",
            ["60", CLI.binary, "register", path, "--server", server, "--token-file", tokenFile, "--name", "acme/x:v1"]
                + extra, environment: cli.environment, directory: cli.directory.path)
    }

    static func fifo(_ cli: CLI) throws -> String {
        let path = cli.directory.file("checkpoint.safetensors")
        #expect(mkfifo(path, 0o600) == 0)
        return path
    }

    @Test func anUnreachableServerIsExit4BeforeTheFilesAreRead() throws {
        let cli = try CLI()
        let fifo = try Self.fifo(cli)
        let tokenFile = try cli.directory.write("t.token", Array("wlt_nothing\n".utf8))
        let port = ServerTests.freePort()  // nothing listens there
        let result = try Self.register(cli, fifo, server: "http://127.0.0.1:\(port)", tokenFile: tokenFile)
        #expect(result.status == 4, "\(result.status) \(result.stderr)")
        #expect(result.stderr.contains("127.0.0.1:\(port)"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")

        // --retries N: N more tries, each wait told on stderr, then exit 4.
        let started = Date()
        let retried = try Self.register(
            cli, fifo, server: "http://127.0.0.1:\(port)", tokenFile: tokenFile, ["--retries", "2"])
        #expect(retried.status == 4, "\(retried.stderr)")
        #expect(retried.stderr.components(separatedBy: "trying again in").count == 3, "\(retried.stderr)")
        #expect(retried.stderr.contains("trying again in 1 s (1 of 2)"), "\(retried.stderr)")
        #expect(retried.stderr.contains("trying again in 2 s (2 of 2)"), "\(retried.stderr)")
        #expect(Date().timeIntervalSince(started) >= 3)
        // Bad input is still exit 2, and --retries needs --server.
        #expect(try cli.run(["register", fifo, "--retries", "2"]).status == 2)
        #expect(
            try cli.run(["register", fifo, "--retries", "-1", "--server", "http://x", "--token-file", tokenFile])
                .status == 2)
    }

    @Test func aRefusedTokenOrRoleIsExit2BeforeTheFilesAreRead() throws {
        let cli = try CLI()
        let reviewer = try ServerAPITests.token(cli, "reviewer", "legal-1")
        let registrar = try ServerAPITests.token(cli, "registrar", "cluster-a")
        let server = try LiveServer(cli: cli)
        let fifo = try Self.fifo(cli)
        let unknown = try cli.directory.write("unknown.token", Array("wlt_unknown".utf8))
        let refused = try Self.register(cli, fifo, server: server.base, tokenFile: unknown)
        #expect(refused.status == 2 && refused.stderr.contains("401"), "\(refused.status) \(refused.stderr)")
        #expect(refused.stderr.contains("token was refused"), "\(refused.stderr)")
        let reviewerFile = try cli.directory.write("reviewer.token", Array(reviewer.utf8))
        let role = try Self.register(cli, fifo, server: server.base, tokenFile: reviewerFile)
        #expect(role.status == 2, "\(role.status) \(role.stderr)")
        #expect(role.stderr.contains("token legal-1 has role reviewer, which may not register"), "\(role.stderr)")
        // The registrar gets past the check, to the FIFO (not a regular file: refused unread); a model registers.
        let registrarFile = try cli.directory.write("registrar.token", Array(registrar.utf8))
        let pipe = try Self.register(cli, fifo, server: server.base, tokenFile: registrarFile)
        #expect(pipe.status == 2 && pipe.stderr.contains("checkpoint.safetensors"), "\(pipe.status) \(pipe.stderr)")
        let model = try cli.model("m.safetensors", seed: 3)
        let registered = try Self.register(cli, model, server: server.base, tokenFile: registrarFile, ["--json"])
        #expect(registered.status == 0, "\(registered.status) \(registered.stderr)")
    }

    @Test func whoAmIAnswersTheTokensNameRoleAndPermissions() throws {
        let cli = try CLI()
        let tokens = try ["registrar", "reviewer", "auditor", "admin"].map {
            ($0, try ServerAPITests.token(cli, $0, "t-\($0)"))
        }
        let server = try LiveServer(cli: cli)
        var every = Set<String>()
        for (role, token) in tokens {
            let reply = try server.call(token, ["\(server.base)/api/v1/whoami"])
            #expect(reply.status == 200)
            let body = try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any]
            #expect(body?["name"] as? String == "t-\(role)" && body?["role"] as? String == role)
            let permissions = body?["permissions"] as? [String] ?? []
            #expect(permissions.contains("read"))
            #expect(permissions.contains("register") == (role == "registrar"))
            every.formUnion(permissions)
        }
        #expect(try server.call("wlt_unknown", ["\(server.base)/api/v1/whoami"]).status == 401)
        // Every permission some role has is in the OpenAPI document's list, and no other.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let document = try String(contentsOf: root.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        let section = try #require(document.components(separatedBy: "operationId: whoAmI").dropFirst().first)
        let list = try #require(
            section.components(separatedBy: "enum: [read,").dropFirst().first?.split(separator: "]").first)
        let listed = Set(
            ("read," + list).split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        #expect(listed == every, "\(listed.symmetricDifference(every))")
    }
}

/// `serve` that cannot listen says where and why, in one line (exit 2), instead of NIO's
/// `bind(descriptor:ptr:bytes:)`.
@Suite struct ServeListenErrorTests {
    @Test func aPortInUseAnAddressNotHereAndAnUnknownHostAreNamed() throws {
        let cli = try CLI()
        _ = try ServerAPITests.token(cli, "admin", "a")
        let server = try LiveServer(cli: cli)
        let port = try #require(Int(server.base.split(separator: ":").last ?? ""))
        let cases: [(host: String, port: Int, says: String)] = [
            ("127.0.0.1", port, "cannot listen on 127.0.0.1:\(port): another process is listening there"),
            ("192.0.2.1", port, "cannot listen on 192.0.2.1:\(port): no interface of this machine has that address"),
            ("no-such-host.invalid", port, "cannot listen on no-such-host.invalid:\(port): no such host"),
        ]
        for (host, port, says) in cases {
            let result = try Subprocess.run(
                "/usr/bin/timeout",
                ["30", CLI.binary, "serve", "--host", host, "--port", String(port)] + cli.ledgerArguments,
                environment: cli.environment, directory: cli.directory.path)
            #expect(result.status == 2, "\(host): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(says), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }
}
