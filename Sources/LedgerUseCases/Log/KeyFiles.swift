import Foundation
import Hashing
import LedgerCore
import TransparencyLog

/// Note-signing keys on disk: PEM that `openssl pkey` reads, preceded by one line naming the key
/// (`weightledger-key-name: NAME`), which PEM readers skip.
public enum KeyFiles {
    static let nameHeader = "weightledger-key-name: "

    /// `key generate`: writes FILE (private, mode 0600) and FILE.pub; refuses to overwrite either.
    public static func generate(name: String, out path: String) throws -> (key: NoteKey, publicPath: String) {
        let key = try NoteKey(name: name, key: Ed25519Key.generate())
        let publicPath = path + ".pub"
        for existing in [path, publicPath] where FileManager.default.fileExists(atPath: existing) {
            throw InputError("\(existing) already exists; keys are never overwritten")
        }
        let header = nameHeader + name + "\n"
        try write(header + key.key.privatePEM(), to: path, mode: 0o600)
        do {
            try write(header + key.key.publicPEM(), to: publicPath, mode: 0o644)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return (key, publicPath)
    }

    private static func write(_ text: String, to path: String, mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw InputError("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        _ = fchmod(fd, mode)
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ Glibc.write(fd, $0.baseAddress, $0.count) }) == bytes.count, fsync(fd) == 0 else {
            throw InputError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// A private key for signing. Refused when others may read it. The name comes from the file's
    /// name line, else `name` (for keys made with `openssl genpkey`).
    public static func signingKey(_ path: String, name: String? = nil) throws -> NoteKey {
        var info = stat()
        guard stat(path, &info) == 0 else { throw InputError("no key file \(path)") }
        guard info.st_mode & 0o077 == 0 else {
            throw InputError(
                "private key \(path) is readable by others (mode \(String(info.st_mode & 0o777, radix: 8))); run "
                    + "chmod 600 \(path)"
            )
        }
        return try load(path, name: name, wantPrivate: true)
    }

    /// A public key (or a private one, whose public half is used) for checking signatures.
    public static func verifyingKey(_ path: String, name: String? = nil) throws -> NoteKey {
        try load(path, name: name, wantPrivate: false)
    }

    private static func load(_ path: String, name: String?, wantPrivate: Bool) throws -> NoteKey {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw InputError("cannot read key file \(path)")
        }
        // A verifier key line in Go's note format is accepted too.
        if !text.contains("-----BEGIN"), !wantPrivate {
            do { return try NoteKey.parseVerifier(text.trimmingCharacters(in: .whitespacesAndNewlines)) } catch {
                throw InputError("\(path) is neither a PEM key nor a verifier key: \(error)")
            }
        }
        let key: Ed25519Key
        do { key = try Ed25519Key.pem(text) } catch { throw InputError("\(path) is not an Ed25519 PEM key: \(error)") }
        if wantPrivate && !key.isPrivate {
            throw InputError("\(path) holds a public key; signing needs the private key")
        }
        let fileName = text.split(separator: "\n").first { $0.hasPrefix(nameHeader) }.map {
            String($0.dropFirst(nameHeader.count))
        }
        guard let keyName = name ?? fileName else {
            throw InputError("\(path) does not name its key; pass \(field: "origin") NAME")
        }
        do { return try NoteKey(name: keyName, key: key) } catch { throw InputError("\(error)") }
    }
}
