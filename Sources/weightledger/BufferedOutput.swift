import Foundation

/// Standard output written in chunks of about 1 MiB: commands that stream a whole ledger (`list`,
/// `flags`) write as they read, without a system call per line and without holding the output.
final class OutputStream {
    /// A stream to the process's standard output (one per command: it is not shared between threads).
    static var standardOutput: OutputStream { OutputStream(FileHandle.standardOutput) }

    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(_ handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
    }

    /// Appends bytes, writing out a full buffer.
    func write(_ data: Data) {
        buffer += data
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Appends bytes, writing out a full buffer.
    func write(_ bytes: [UInt8]) {
        buffer += bytes
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Writes out what is buffered.
    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
