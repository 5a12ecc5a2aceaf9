import Foundation
import LedgerCore

/// A file a report is written to with `--out`: checked before any work, then written whole or not
/// at all (a temporary file beside it, renamed over it).
struct ReportFile {
    let path: String

    /// Refuses a path whose folder does not exist or that names a folder.
    init(_ path: String) throws {
        guard !path.isEmpty else { throw InputError("--out may not be empty") }
        let url = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw InputError("--out \(path) is a folder; name a file")
        }
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw InputError("--out \(path): no folder \(folder)")
        }
        self.path = path
    }

    /// Writes `bytes` to a temporary file beside the target, then renames it over the target.
    func write(_ bytes: Data) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try bytes.write(to: temporary)
            guard rename(temporary.path, path) == 0 else {
                throw InputError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
        } catch let error as InputError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw InputError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
