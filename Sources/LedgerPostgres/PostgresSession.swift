import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to the database, used from ordinary threads: each call waits for its answer
/// (the queries run on SwiftNIO's event loops, never on the caller's thread or Swift's
/// cooperative pool, so a blocked caller cannot starve them).
final class PostgresSession: @unchecked Sendable {
    let connection: PostgresConnection
    private let logger: Logger

    private init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Connects to `address` (TLS with the certificate verified when it asks for it).
    static func connect(_ address: PostgresAddress, id: Int) throws -> PostgresSession {
        var configuration: PostgresConnection.Configuration
        if let socket = address.socketPath {
            configuration = .init(
                unixSocketPath: socket, username: address.user, password: address.password, database: address.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS =
                address.tls ? .require(try NIOSSLContext(configuration: .makeClientConfiguration())) : .disable
            configuration = .init(
                host: address.host ?? "localhost", port: address.port, username: address.user,
                password: address.password, database: address.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(10)
        var logger = Logger(label: "weightledger.postgres")
        logger.logLevel = .critical
        let connection = try PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: id, logger: logger
        ).wait()
        return PostgresSession(connection: connection, logger: logger)
    }

    /// The rows `query` returns.
    func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
        try connection.query(query, logger: logger).wait().rows
    }

    /// Runs `query` for its effect.
    func run(_ query: PostgresQuery) throws {
        _ = try connection.query(query, logger: logger).wait()
    }

    /// Runs one statement of the schema's own text (a migration's), without parameters.
    func script(_ sql: String) throws {
        try run(PostgresQuery(unsafeSQL: sql))
    }

    /// The one value of a one-row, one-column answer, or nil when there is no row.
    func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type) throws -> T? {
        guard let row = try rows(query).first else { return nil }
        return try row.decode(T.self)
    }

    var isClosed: Bool { connection.isClosed }

    func close() {
        try? connection.close().wait()
    }

    /// A connection dropped without `close` (a process shutting down, a pool released) is closed
    /// here; the closure keeps it until it is, as PostgresNIO requires.
    deinit {
        guard !connection.isClosed else { return }
        let connection = self.connection
        connection.close().whenComplete { _ in _ = connection }
    }
}

/// Connections kept for reuse: one is taken for each read or transaction and given back after;
/// one that failed is closed instead (it may be in the middle of a transaction). At most
/// `limit` are open at once (a server's burst of requests waits for one rather than exhausting
/// the database's `max_connections`, shared by every server); no caller holds one while taking
/// another, so waiting cannot deadlock.
final class PostgresPool: @unchecked Sendable {
    let address: PostgresAddress
    private let lock = NSLock()
    private var idle: [PostgresSession] = []
    private var opened = 0
    private var closed = false
    private let slots: DispatchSemaphore
    /// Connections one process opens at most.
    static let limit = 16

    init(_ address: PostgresAddress) {
        self.address = address
        self.slots = DispatchSemaphore(value: Self.limit)
    }

    /// An idle connection, or a new one once fewer than `limit` are out.
    func take() throws -> PostgresSession {
        slots.wait()
        lock.lock()
        while let session = idle.popLast() {
            if !session.isClosed {
                lock.unlock()
                return session
            }
        }
        opened += 1
        let id = opened
        lock.unlock()
        do {
            return try PostgresSession.connect(address, id: id)
        } catch {
            slots.signal()
            throw PostgresFailure.classify(error, address: address)
        }
    }

    /// Gives `session` back for reuse.
    func give(_ session: PostgresSession) {
        lock.lock()
        if !closed, !session.isClosed {
            idle.append(session)
            lock.unlock()
        } else {
            lock.unlock()
            session.close()
        }
        slots.signal()
    }

    /// Closes a session that failed (it may be inside a transaction) instead of giving it back.
    func discard(_ session: PostgresSession) {
        session.close()
        slots.signal()
    }

    /// Runs `body` on a connection; its errors come back classified (`PostgresFailure`).
    func with<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        let session = try take()
        do {
            let result = try body(session)
            give(session)
            return result
        } catch {
            discard(session)
            throw PostgresFailure.classify(error, address: address)
        }
    }

    /// Closes every idle connection; connections in use close when given back.
    func close() {
        lock.lock()
        closed = true
        let sessions = idle
        idle.removeAll()
        lock.unlock()
        for session in sessions { session.close() }
    }
}
