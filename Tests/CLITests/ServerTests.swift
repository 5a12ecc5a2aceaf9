import Foundation
import TestSupport
import Testing

/// `weightledger serve` through real HTTP (curl), as a cluster or a reviewer calls it.
@Suite struct ServerTests {
    /// A free loopback port: bind to 0, read it back, close.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    struct Reply {
        let status: Int
        let body: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:] }
    }

    /// curl; a body (`-d`, `--data-binary`) is sent as JSON unless the arguments name another content type.
    static func curl(_ arguments: [String]) throws -> Reply {
        let json =
            (arguments.contains("-d") || arguments.contains("--data-binary"))
                && !arguments.contains { $0.lowercased().hasPrefix("content-type:") }
            ? ["-H", "Content-Type: application/json"] : []
        let result = try Subprocess.run("/usr/bin/curl", ["-s", "-w", "\n%{http_code}"] + json + arguments)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        return Reply(status: Int(lines.last ?? "") ?? 0, body: lines.dropLast().joined(separator: "\n"))
    }

    @Test func tokensRolesAndTheFirstRoutes() throws {
        let cli = try CLI()
        _ = try cli.ok(
            "register", try cli.model("a.safetensors", seed: 1), "--name", "acme/a:v1", "--compute", "3e26",
            "--trained-in", "US")
        let reviewer = try cli.ok("token", "create", "--role", "reviewer", "--name", "legal-1").trimmingCharacters(
            in: .whitespacesAndNewlines)
        let registrar = try cli.ok("token", "create", "--role", "registrar", "--name", "cluster-a").trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect(reviewer.hasPrefix("wlt_") && reviewer != registrar)
        // Only the SHA-256 is stored.
        let stored = try Subprocess.run("/usr/bin/sqlite3", [cli.ledger, "SELECT group_concat(sha256) FROM tokens"])
            .stdout
        let expectedHash = try SHA256Hex.of(reviewer)
        #expect(!stored.contains(reviewer) && stored.contains(expectedHash))

        let port = Self.freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: CLI.binary)
        server.arguments = ["serve", "--port", String(port)] + cli.ledgerArguments
        server.environment = ProcessInfo.processInfo.environment.merging(["WEIGHTLEDGER_MIRROR": cli.ledger]) { $1 }
        server.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let base = "http://127.0.0.1:\(port)"
        var up = false
        for _ in 0..<200 where !up {
            up = (try? Self.curl(["\(base)/healthz"]))?.status == 200
            if !up { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(up, "the server answers /healthz")

        // Reads need a token; a bad one is 401 too.
        #expect(try Self.curl(["\(base)/api/v1/artifacts"]).status == 401)
        #expect(try Self.curl(["-H", "Authorization: Bearer wlt_nope", "\(base)/api/v1/artifacts"]).status == 401)
        let list = try Self.curl(["-H", "Authorization: Bearer \(registrar)", "\(base)/api/v1/artifacts"])
        #expect(list.status == 200 && list.body.contains("acme/a:v1"))
        let show = try Self.curl(["-H", "Authorization: Bearer \(registrar)", "\(base)/api/v1/artifacts/acme%2Fa%3Av1"])
        #expect(show.status == 200 && (show.json["digest"] as? String)?.hasPrefix("sha256:") == true)
        #expect(
            try Self.curl(["-H", "Authorization: Bearer \(registrar)", "\(base)/api/v1/artifacts/acme%2Fnope%3Av1"])
                .status == 404)
        let check = try Self.curl([
            "-H", "Authorization: Bearer \(registrar)", "\(base)/api/v1/check?artifact=acme/a:v1&to=IN&on=2026-11-25",
        ])
        #expect(check.status == 200 && check.json["licenseRequired"] as? Bool == true)
        #expect(
            try Self.curl(["-H", "Authorization: Bearer \(registrar)", "\(base)/api/v1/check?artifact=acme/a:v1&to=XX"])
                .status == 422)

        // Deploying needs the reviewer role; the event records the token's name as its actor.
        let body = #"{"artifact": "acme/a:v1", "to": "IN", "on": "2026-11-25"}"#
        #expect(
            try Self.curl([
                "-X", "POST", "-H", "Authorization: Bearer \(registrar)", "-d", body, "\(base)/api/v1/deployments",
            ]).status == 403)
        let deployed = try Self.curl([
            "-X", "POST", "-H", "Authorization: Bearer \(reviewer)", "-d", body, "\(base)/api/v1/deployments",
        ])
        #expect(deployed.status == 201, "\(deployed.body)")
        let strict = try Self.curl([
            "-X", "POST", "-H", "Authorization: Bearer \(reviewer)", "-d",
            #"{"artifact": "acme/a:v1", "to": "CN", "strict": true}"#,
            "\(base)/api/v1/deployments",
        ])
        #expect(strict.status == 409)
        #expect(
            try Self.curl([
                "-X", "POST", "-H", "Authorization: Bearer \(reviewer)", "-d", "{not json",
                "\(base)/api/v1/deployments",
            ]).status == 400)
        let actors = try Subprocess.run(
            "/usr/bin/sqlite3", [cli.ledger, "SELECT actor FROM events WHERE type = 'deployment.recorded'"]
        ).stdout
        #expect(actors.trimmingCharacters(in: .whitespacesAndNewlines) == "token:legal-1")

        // A revoked token is refused from then on.
        _ = try cli.ok("token", "revoke", "legal-1")
        #expect(try Self.curl(["-H", "Authorization: Bearer \(reviewer)", "\(base)/api/v1/artifacts"]).status == 401)
        // Tokens and their revocation replay like every other projection.
        #expect(try cli.run("verify").status == 0)
    }
}

enum SHA256Hex {
    static func of(_ text: String) throws -> String {
        let directory = try TemporaryDirectory()
        let path = try directory.write("t", Array(text.utf8))
        return try Subprocess.sha256sum(path)
    }
}
