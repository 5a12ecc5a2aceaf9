import Foundation

/// Work started on a thread of its own, its result waited for.
public final class BackgroundWork<T>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<T, Error>?

    /// Starts `work` on a new thread.
    public init(_ work: @escaping @Sendable () throws -> T) {
        Thread.detachNewThread { [self] in
            outcome = Result { try work() }
            done.signal()
        }
    }

    /// Waits for the work (once; later calls return at once) and returns what it returned.
    public func result() throws -> T {
        if !waited {
            done.wait()
            waited = true
        }
        return try outcome!.get()
    }
    private var waited = false
}
