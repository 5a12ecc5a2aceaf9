import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 13 item 8: a client that connects and sends nothing, sends its head a byte at a time, or
/// never finishes its body is closed by the server (408 for a cut-off request), and the server holds
/// at most `--max-connections` connections. On 0.3.0 every such connection stayed open for good.
@Suite struct ConnectionTimeoutTests {
    /// A raw TCP connection to the server, so the test decides exactly which bytes are sent.
    final class RawConnection {
        let fd: Int32

        init(port: Int) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else { throw CLI.Failure("connect failed: errno \(errno)") }
        }

        deinit { close(fd) }

        func send(_ text: String) {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }

        /// What the server sends until it closes the connection, or nil when it is still open
        /// after `seconds`.
        func untilClosed(within seconds: Double) -> String? {
            var received: [UInt8] = []
            let deadline = Date().addingTimeInterval(seconds)
            var buffer = [UInt8](repeating: 0, count: 4096)
            while Date() < deadline {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let left = Int32(max(1, deadline.timeIntervalSinceNow * 1000))
                guard poll(&poller, 1, left) > 0 else { continue }
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count <= 0 { return String(decoding: received, as: UTF8.self) }
                received += buffer[0..<count]
            }
            return nil
        }
    }

    static func port(_ server: LiveServer) -> Int { Int(server.base.split(separator: ":").last!)! }

    @Test func idleSlowHeadsAndSlowBodiesAreClosed() throws {
        let cli = try CLI()
        let token = try cli.ok("token", "create", "--role", "registrar", "--name", "r")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try LiveServer(
            cli: cli, extra: ["--idle-timeout", "1", "--header-timeout", "1", "--body-timeout", "1"])
        let port = Self.port(server)

        let idle = try RawConnection(port: port)
        let slowHead = try RawConnection(port: port)
        slowHead.send("GET /healthz HTTP/1.1\r\nHo")
        let slowBody = try RawConnection(port: port)
        slowBody.send(
            "POST /api/v1/artifacts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"digest\":")
        let kept = try RawConnection(port: port)
        kept.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")

        // Each is closed well within 10 s of its 1 s timeout; the cut-off requests are told why.
        let idleEnd = idle.untilClosed(within: 10)
        #expect(idleEnd == "", "an idle connection is closed without an answer: \(idleEnd ?? "still open")")
        let headEnd = slowHead.untilClosed(within: 10)
        #expect(headEnd?.hasPrefix("HTTP/1.1 408") == true, "\(headEnd ?? "still open")")
        let bodyEnd = slowBody.untilClosed(within: 10)
        #expect(bodyEnd?.hasPrefix("HTTP/1.1 408") == true, "\(bodyEnd ?? "still open")")
        // A kept-alive connection gets its answer, then is closed once idle.
        let keptEnd = kept.untilClosed(within: 10)
        #expect(keptEnd?.hasPrefix("HTTP/1.1 200") == true && keptEnd?.hasSuffix("ok") == true, "\(keptEnd ?? "")")
        // Nothing was half-registered, and the server still answers.
        #expect(try ServerTests.curl(["\(server.base)/healthz"]).status == 200)
        #expect((try cli.json("list") as? [Any])?.isEmpty == true)
    }

    @Test func connectionsBeyondTheLimitWaitToBeAccepted() throws {
        let cli = try CLI()
        _ = try cli.ok("token", "create", "--role", "reviewer", "--name", "r")
        let server = try LiveServer(cli: cli, extra: ["--max-connections", "2", "--idle-timeout", "3"])
        let port = Self.port(server)
        // LiveServer's own probe connection may still be closing: give it a moment.
        Thread.sleep(forTimeInterval: 0.3)
        let held = try [RawConnection(port: port), RawConnection(port: port)]
        Thread.sleep(forTimeInterval: 0.3)
        let third = try RawConnection(port: port)  // the kernel queues it; the server does not take it
        third.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(third.untilClosed(within: 1) == nil, "a third connection was served while two were held")
        // Once the held ones are closed for idleness, the waiting one is served.
        let answer = third.untilClosed(within: 15)
        #expect(answer?.hasPrefix("HTTP/1.1 200") == true, "\(answer ?? "never served")")
        _ = held
    }

    @Test func badTimeoutsAndLimitsAreRefused() throws {
        let cli = try CLI()
        for arguments in [
            ["--idle-timeout", "0"], ["--header-timeout", "-1"], ["--body-timeout", "nan"],
            ["--body-timeout", "100000"], ["--max-connections", "0"],
        ] {
            let result = try cli.run(["serve", "--port", String(ServerTests.freePort())] + arguments)
            #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(arguments[0]), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }
}
