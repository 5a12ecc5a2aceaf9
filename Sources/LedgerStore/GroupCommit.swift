import Foundation
import GRDB

/// Group commit for a ledger shared by many concurrent writers (the server).
///
/// Each write waits its turn; whoever finds no commit in progress becomes the leader, takes every
/// write queued so far and runs them in one IMMEDIATE transaction, each inside its own savepoint,
/// then commits once (one fsync for the batch, `synchronous = FULL`). A write that throws rolls
/// back to its savepoint and gets its own error; the others still commit. No caller returns before
/// the commit that holds its write is on disk, so durability is never traded for throughput: the
/// batch is simply whatever queued up during the previous commit.
final class GroupCommit: @unchecked Sendable {
    private final class Job {
        let body: (Database) throws -> Void
        var finished = false
        var error: Error?
        init(_ body: @escaping (Database) throws -> Void) { self.body = body }
    }

    private let condition = NSCondition()
    private var queue: [Job] = []
    private var leading = false
    private let database: any DatabaseWriter

    init(database: any DatabaseWriter) {
        self.database = database
    }

    /// Runs `body` in the next batch; returns once that batch has committed (or throws its error).
    func write(_ body: @escaping (Database) throws -> Void) throws {
        let job = Job(body)
        condition.lock()
        queue.append(job)
        while !job.finished {
            if leading {
                condition.wait()
                continue
            }
            leading = true
            let batch = queue
            queue.removeAll(keepingCapacity: true)
            condition.unlock()
            run(batch)
            condition.lock()
            leading = false
            condition.broadcast()
        }
        condition.unlock()
        if let error = job.error { throw error }
    }

    private func run(_ batch: [Job]) {
        do {
            try database.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    for job in batch {
                        do {
                            try db.inSavepoint {
                                try job.body(db)
                                return .commit
                            }
                        } catch {
                            job.error = error
                        }
                    }
                    return .commit
                }
            }
        } catch {
            // The commit itself failed: nothing in the batch is on disk.
            for job in batch where job.error == nil { job.error = error }
        }
        for job in batch { job.finished = true }
    }
}
