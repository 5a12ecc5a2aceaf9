import Foundation
import GRDB

/// Group commit for a ledger shared by many concurrent writers (the server).
///
/// Writes queue up; one writer thread takes every write queued so far and runs them in one
/// IMMEDIATE transaction, each inside its own savepoint, then commits once (`synchronous = FULL`:
/// one fsync for the batch), and only then completes each write. A write that throws rolls back
/// to its savepoint and gets its own error; the others still commit. Nobody hears "done" before
/// the commit holding their write is on disk, so throughput never costs durability: a batch is
/// simply whatever queued during the previous commit.
final class GroupCommit: @unchecked Sendable {
    private final class Job {
        /// Dropped once run: synchronous callers pass non-escaping closures (`withoutActuallyEscaping`).
        var body: ((Database) throws -> Void)?
        let done: (Error?) -> Void
        var error: Error?
        init(_ body: @escaping (Database) throws -> Void, done: @escaping (Error?) -> Void) {
            self.body = body
            self.done = done
        }
    }

    private let lock = NSLock()
    private var queue: [Job] = []
    private var draining = false
    /// Told each batch's size once it has committed or failed (`/metrics`).
    private var observer: (@Sendable (Int) -> Void)?
    private let writer = DispatchQueue(label: "weightledger.group-commit")
    private let database: any DatabaseWriter
    /// The store the file mirrors, whose transaction each batch runs inside (nil: none).
    private let source: (any MirrorSource)?

    init(database: any DatabaseWriter, source: (any MirrorSource)?) {
        self.database = database
        self.source = source
    }

    /// Calls `observer` with each batch's size from now on.
    func observe(_ observer: @escaping @Sendable (Int) -> Void) {
        lock.lock()
        self.observer = observer
        lock.unlock()
    }

    /// Queues `body`; `done` is called once the batch holding it has committed (nil) or failed.
    func submit(_ body: @escaping (Database) throws -> Void, done: @escaping (Error?) -> Void) {
        lock.lock()
        queue.append(Job(body, done: done))
        let start = !draining
        draining = true
        lock.unlock()
        if start { writer.async { self.drain() } }
    }

    /// Runs `body` in the next batch; returns once that batch has committed (or throws its error).
    /// A write's body gets its writer explicitly and never starts another write: that would wait
    /// for the batch it is part of.
    func write(_ body: @escaping (Database) throws -> Void) throws {
        dispatchPrecondition(condition: .notOnQueue(writer))
        final class Outcome: @unchecked Sendable { var error: Error? }
        let outcome = Outcome()
        let finished = DispatchSemaphore(value: 0)
        submit(body) { error in
            outcome.error = error
            finished.signal()
        }
        finished.wait()
        if let error = outcome.error { throw error }
    }

    private func drain() {
        while true {
            lock.lock()
            let batch = queue
            queue.removeAll(keepingCapacity: true)
            if batch.isEmpty {
                draining = false
                lock.unlock()
                return
            }
            let observer = observer
            lock.unlock()
            run(batch)
            observer?(batch.count)
            for job in batch { job.done(job.error) }
        }
    }

    private func run(_ batch: [Job]) {
        do {
            try Self.transaction(database, source: source) { db in
                for job in batch {
                    do {
                        try db.inSavepoint {
                            defer { job.body = nil }
                            try job.body?(db)
                            return .commit
                        }
                    } catch {
                        job.error = error
                    }
                }
            }
        } catch {
            // The commit itself failed: nothing in the batch is on disk.
            for job in batch where job.error == nil { job.error = error }
        }
        for job in batch { job.body = nil }
    }

    /// One IMMEDIATE transaction running `body`, inside one of `source`'s when the file mirrors
    /// one: the source's lock is taken before the file's, the file caught up first, and the
    /// events `body` appended committed to the source before the file commits.
    static func transaction(
        _ database: any DatabaseWriter, source: (any MirrorSource)?, _ body: (Database) throws -> Void
    ) throws {
        if let source {
            try database.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try source.catchUp(SQLiteWriter(db: db))
                    return .commit
                }
            }
        }
        let outside = try source?.beginWrite()
        var committed = false
        defer { if !committed { outside?.rollBack() } }
        try database.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let writer = SQLiteWriter(db: db)
                try outside?.catchUp(writer)
                let count = try writer.reader.eventCount()
                try body(db)
                try outside?.commit(writer, after: count)
                committed = true
                return .commit
            }
        }
    }
}
