import Foundation
import TestSupport
import Testing

@testable import Hashing

/// The fast engine gives the same digests as the plain path and as sha256sum: parallel workers,
/// the overlapped reader across ring-buffer boundaries, any job count.
@Suite struct HashEngineTests {
    struct OverlapCase: Sendable, CustomTestStringConvertible {
        let size: Int
        let chunk: Int
        var testDescription: String { "\(size) bytes in \(chunk)-byte chunks" }
    }

    static let overlapCases: [OverlapCase] = [
        OverlapCase(size: 0, chunk: 4096), OverlapCase(size: 1, chunk: 4096), OverlapCase(size: 4096, chunk: 4096),
        OverlapCase(size: 4097, chunk: 4096), OverlapCase(size: 3 * 4096, chunk: 4096),
        OverlapCase(size: 3 * 4096 + 1, chunk: 4096),
        OverlapCase(size: 5_000_000, chunk: 65536), OverlapCase(size: 9 << 20, chunk: 4 << 20),
    ]

    @Test(arguments: overlapCases)
    func overlappedReaderMatchesSha256sum(_ testCase: OverlapCase) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.writeRandom("f.bin", count: testCase.size, seed: UInt64(testCase.size))
        let progress = HashProgress()
        let hasher = FileHasher(chunkSize: testCase.chunk, overlapThreshold: 0)
        let (digest, size) = try hasher.hash(path: path, overlap: true, progress: progress)
        #expect(digest.hex == (try Subprocess.sha256sum(path)))
        #expect(size == Int64(testCase.size))
        #expect(progress.bytesDone == Int64(testCase.size))
    }

    @Test(arguments: [1, 2, 3, 8])
    func anyJobCountGivesTheSameDirectoryDigest(_ jobs: Int) throws {
        let directory = try TemporaryDirectory()
        var expected: [String: String] = [:]
        for index in 0..<40 {
            let relative = "model/d\(index % 3)/f\(index).bin"
            let path = try directory.writeRandom(relative, count: (index * 7919) % 300_000, seed: UInt64(index))
            expected[String(relative.dropFirst(6))] = try Subprocess.sha256sum(path)
        }
        let progress = HashProgress()
        let artifact = try ArtifactHasher(jobs: jobs, progress: progress).hash(path: directory.file("model"))
        let sequential = try ArtifactHasher(jobs: 1).hash(path: directory.file("model"))
        #expect(artifact.digest == sequential.digest)
        #expect(
            artifact.manifest.entries.map(\.path)
                == expected.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        for entry in artifact.manifest.entries { #expect(entry.sha256.hex == expected[entry.path]) }
        #expect(progress.bytesDone == artifact.sizeBytes)
    }

    @Test func aFailingFileFailsTheWholeDirectory() throws {
        let directory = try TemporaryDirectory()
        for index in 0..<10 { try directory.writeRandom("m/f\(index).bin", count: 1000, seed: UInt64(index)) }
        // /proc/self/mem stats as a regular file but cannot be read, even by root.
        try FileManager.default.createSymbolicLink(
            atPath: directory.file("m/f5b.bin"), withDestinationPath: "/proc/self/mem")
        #expect(throws: HashingError.self) {
            try ArtifactHasher(options: HashOptions(followSymlinks: true), jobs: 4).hash(path: directory.file("m"))
        }
    }

    @Test func progressLineSaysBytesRateAndTimeLeft() {
        let progress = HashProgress(total: 4_000_000_000)
        progress.add(1_000_000_000)
        let line = progress.line()
        #expect(line.hasPrefix("hashing 1.00 GB / 4.00 GB"))
        #expect(line.contains("GB/s"))
        #expect(line.contains("ETA"))
    }
}

/// A file that changes while it is hashed is an error, never a digest of bytes that are gone.
@Suite struct ChangedWhileHashingTests {
    enum Change: String, CaseIterable, Sendable {
        case appended, truncated, rewrittenInPlace, replacedByAnotherFile
    }

    static let cases: [(Change, Bool)] = Change.allCases.flatMap { change in [(change, false), (change, true)] }

    @Test(arguments: cases)
    func changeIsDetected(_ change: Change, overlap: Bool) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.writeRandom("f.bin", count: 256 * 1024, seed: 5)
        let done = ChangeOnce()
        var hasher = FileHasher(chunkSize: 4096, overlapThreshold: 0)
        hasher.afterChunk = {
            guard done.first() else { return }
            usleep(2_000)  // let the clock move past the file's mtime granularity
            switch change {
            case .appended:
                let handle = FileHandle(forWritingAtPath: path)!
                handle.seekToEndOfFile()
                handle.write(Data([1]))
                handle.closeFile()
            case .truncated:
                _ = truncate(path, 1000)
            case .rewrittenInPlace:
                let handle = FileHandle(forWritingAtPath: path)!
                handle.write(Data([0xAB, 0xCD]))
                handle.closeFile()
            case .replacedByAnotherFile:
                _ = try? directory.writeRandom("g.bin", count: 256 * 1024, seed: 6)
                _ = rename(directory.file("g.bin"), path)
            }
        }
        do {
            _ = try hasher.hash(path: path, overlap: overlap)
            // A rename leaves the open file untouched: its bytes are still the ones hashed, so that is fine.
            #expect(change == .replacedByAnotherFile, "\(change) was not detected")
        } catch let error as HashingError {
            #expect(change != .replacedByAnotherFile, "the open file was not changed: \(error)")
            #expect("\(error)".contains("changed while"), "\(error)")
        }
    }
}

/// True the first time only, across threads.
final class ChangeOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var fired = false
    func first() -> Bool {
        lock.withLock {
            defer { fired = true }
            return !fired
        }
    }
}
