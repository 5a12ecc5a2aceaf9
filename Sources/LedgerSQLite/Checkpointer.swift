import Foundation
import GRDB

/// Checkpoints a shared ledger's write-ahead log from its own connection, twice a second.
/// (SQLite then truncates the WAL file to `journal_size_limit` when it restarts.)
///
/// SQLite's automatic checkpoint runs inside the commit that crosses the threshold, so one write
/// in thousands waited tens of milliseconds while the WAL was copied into the file. A PASSIVE
/// checkpoint from another connection copies what it can without blocking writers or readers;
/// the next writer then restarts the WAL from its beginning once everything has been copied.
final class Checkpointer: @unchecked Sendable {
    static let restartFrames = 50_000
    private let connection: DatabaseQueue
    private let timer: DispatchSourceTimer

    init(path: String) throws {
        var config = Configuration()
        // PASSIVE never waits; RESTART (below) waits up to 2 s for the current commit.
        config.busyMode = .timeout(2)
        connection = try DatabaseQueue(path: path, configuration: config)
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "weightledger.checkpointer", qos: .utility))
        timer.schedule(deadline: .now() + 0.5, repeating: 0.5)
        timer.setEventHandler { [connection] in
            // Busy (another checkpoint, or a CLI process closing) is fine: next tick.
            try? connection.writeWithoutTransaction { db in
                let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
                // Under sustained writes a PASSIVE checkpoint never finishes, so the WAL never
                // restarts: past ~200 MB, wait for a gap between commits and restart it.
                if let frames: Int = row?[1], frames > Checkpointer.restartFrames {
                    _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(RESTART)")
                }
            }
        }
        timer.resume()
    }

    func stop() {
        timer.cancel()
        try? connection.close()
    }
}
