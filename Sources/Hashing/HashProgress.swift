import Foundation

/// Counts bytes hashed across worker threads and, when asked, draws a progress line on stderr:
/// bytes done of the total, rate, and time left. Drawn only on a terminal, never into a log.
public final class HashProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var done: Int64 = 0
    private var total: Int64
    private let start = DispatchTime.now()
    private var timer: DispatchSourceTimer?
    private let label: String

    /// `total`: the bytes expected (0 when not known yet; `expect` adds to it).
    public init(total: Int64 = 0, label: String = "hashing") {
        self.total = total
        self.label = label
    }

    /// Whether stderr is a terminal: progress is drawn only then.
    public static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Adds `bytes` to the total to hash.
    public func expect(_ bytes: Int64) { lock.withLock { total += bytes } }

    /// Counts `bytes` as hashed.
    public func add(_ bytes: Int) { lock.withLock { done += Int64(bytes) } }

    /// Bytes hashed so far.
    public var bytesDone: Int64 { lock.withLock { done } }

    /// Starts redrawing the line every `interval` seconds.
    public func startDrawing(interval: Double = 0.25) {
        let source = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        source.schedule(deadline: .now() + interval, repeating: interval)
        source.setEventHandler { [weak self] in self?.draw() }
        lock.withLock { timer = source }
        source.resume()
    }

    /// Stops drawing and clears the line.
    public func stopDrawing() {
        let source = lock.withLock { () -> DispatchSourceTimer? in
            defer { timer = nil }
            return timer
        }
        guard let source else { return }
        source.cancel()
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    /// The line as drawn, e.g. `hashing 1.2 GB / 4.0 GB  2.31 GB/s  ETA 1s`.
    public func line() -> String {
        let (done, total) = lock.withLock { (self.done, self.total) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var text =
            "\(label) \(HashProgress.gigabytes(done)) / \(HashProgress.gigabytes(total))  "
            + "\(String(format: "%.2f", rate / 1e9)) GB/s"
        if rate > 0, total > done { text += "  ETA \(Int((Double(total - done) / rate).rounded(.up)))s" }
        return text
    }

    private func draw() {
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(line())".utf8))
    }

    static func gigabytes(_ bytes: Int64) -> String { String(format: "%.2f GB", Double(bytes) / 1e9) }
}
