#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists the regular files below a directory, as relative `/`-separated paths.
struct DirectoryWalker {
    let options: HashOptions

    /// Relative paths of every file to hash below `root`, in no particular order.
    func regularFiles(below root: String) throws -> [String] {
        var out: [String] = []
        var rootInfo = stat()
        guard stat(root, &rootInfo) == 0 else { throw HashingError.fromErrno(errno, path: root) }
        try walk(root: root, relative: "", visiting: [DirectoryKey(rootInfo)], into: &out)
        return out
    }

    private func walk(root: String, relative: String, visiting: Set<DirectoryKey>, into out: inout [String]) throws {
        let directory = relative.isEmpty ? root : root + "/" + relative
        for name in try entries(of: directory) {
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            let childPath = root + "/" + childRelative
            if let problem = Manifest.validate(relativePath: childRelative) {
                throw HashingError.badFileName(path: childPath, reason: problem)
            }
            var info = stat()
            guard lstat(childPath, &info) == 0 else { throw HashingError.fromErrno(errno, path: childPath) }
            if info.st_mode & S_IFMT == S_IFLNK {
                if options.isIgnored(relativePath: childRelative, name: name, isDirectory: false) { continue }
                guard options.followSymlinks else { throw HashingError.symlink(path: childPath) }
                guard stat(childPath, &info) == 0 else { throw HashingError.fromErrno(errno, path: childPath) }
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if options.isIgnored(relativePath: childRelative, name: name, isDirectory: true) { continue }
                let key = DirectoryKey(info)
                guard !visiting.contains(key) else { throw HashingError.symlinkLoop(path: childPath) }
                try walk(root: root, relative: childRelative, visiting: visiting.union([key]), into: &out)
            case S_IFREG:
                if options.isIgnored(relativePath: childRelative, name: name, isDirectory: false) { continue }
                out.append(childRelative)
            default:
                if options.isIgnored(relativePath: childRelative, name: name, isDirectory: false) { continue }
                throw HashingError.notRegularFile(path: childPath)
            }
        }
    }

    /// Names in a directory, without `.` and `..`; names that are not UTF-8 are refused.
    private func entries(of directory: String) throws -> [String] {
        guard let handle = opendir(directory) else { throw HashingError.fromErrno(errno, path: directory) }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> [UInt8] in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [0x2e] || name == [0x2e, 0x2e] { continue }
            guard let text = String(validating: name, as: UTF8.self) else {
                throw HashingError.badFileName(
                    path: directory + "/" + String(decoding: name, as: UTF8.self), reason: "is not valid UTF-8")
            }
            names.append(text)
        }
        return names
    }
}

/// Device and inode of a directory, to notice a symlink that leads back into its own ancestry.
private struct DirectoryKey: Hashable {
    let device: UInt64
    let inode: UInt64
    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
