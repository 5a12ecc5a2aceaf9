import Foundation
import ModelFiles

/// A fresh directory under the system temp dir, removed when released.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wl-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The absolute path of `relative` inside this directory.
    public func file(_ relative: String) -> String { path + "/" + relative }

    /// Writes bytes at `relative`, creating parent directories.
    @discardableResult
    public func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let target = file(relative)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// Writes `count` deterministic pseudo-random bytes at `relative`.
    @discardableResult
    public func writeRandom(_ relative: String, count: Int, seed: UInt64) throws -> String {
        var filler = FillerBytes(seed: seed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        filler.append(count, to: &bytes)
        return try write(relative, bytes)
    }
}
