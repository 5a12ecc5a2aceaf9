import Foundation
import Hashing

/// A C2SP tlog-checkpoint: origin, tree size and base64 root hash, one per line.
/// https://c2sp.org/tlog-checkpoint
public struct Checkpoint: Equatable, Sendable {
    /// The log's name.
    public let origin: String
    /// How many entries it commits to.
    public let size: UInt64
    /// The tree's root at that size.
    public let rootHash: [UInt8]

    /// A checkpoint with every field given.
    public init(origin: String, size: UInt64, rootHash: [UInt8]) {
        self.origin = origin
        self.size = size
        self.rootHash = rootHash
    }

    /// The note text (ending in a newline) that is signed.
    public var text: String { "\(origin)\n\(size)\n\(Data(rootHash).base64EncodedString())\n" }

    /// Parses a checkpoint's text (the part of a note before the signatures); extension lines are ignored.
    public static func parse(_ text: String) throws -> Checkpoint {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 4, lines.last == "", !lines[0].isEmpty,
            let size = UInt64(lines[1]), String(size) == lines[1],
            let root = Data(base64Encoded: String(lines[2])), root.count == 32
        else {
            throw NoteError.malformed(
                "not a checkpoint: expected origin, decimal tree size and base64 SHA-256 root, one per line")
        }
        return Checkpoint(origin: String(lines[0]), size: size, rootHash: Array(root))
    }
}

/// A key that signs notes: a name and an Ed25519 key (C2SP signed-note, signature type 0x01).
public struct NoteKey: Sendable {
    /// The key's name: the notes' origin.
    public let name: String
    /// The Ed25519 key.
    public let key: Ed25519Key

    /// A note key; refuses names with spaces or `+`.
    public init(name: String, key: Ed25519Key) throws {
        guard NoteKey.isValidName(name) else {
            throw NoteError.malformed("key name '\(name)' must be non-empty, without spaces or '+'")
        }
        self.name = name
        self.key = key
    }

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains { $0 == "+" || $0.properties.isWhitespace || $0.value < 0x20 }
    }

    /// key ID = SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)[:4], big-endian.
    public func keyID() throws -> UInt32 {
        let digest = try SHA256.hash(Array(name.utf8) + [0x0A, 0x01] + key.rawPublicKey()).bytes
        return digest.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The verifier key as Go's sumdb/note writes it: `name+hexid+base64(0x01 ‖ public key)`.
    public func verifierKey() throws -> String {
        let publicKey = Data([0x01] + (try key.rawPublicKey())).base64EncodedString()
        return "\(name)+\(String(format: "%08x", try keyID()))+\(publicKey)"
    }

    /// Parses a verifier key string (`name+hexid+base64(0x01 ‖ key)`), checking the ID.
    public static func parseVerifier(_ text: String) throws -> NoteKey {
        let parts = text.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].count == 8, let id = UInt32(parts[1], radix: 16),
            let blob = Data(base64Encoded: String(parts[2])), blob.count == 33, blob.first == 0x01
        else {
            throw NoteError.malformed("not an Ed25519 verifier key (name+hexid+base64)")
        }
        let key = try NoteKey(name: String(parts[0]), key: Ed25519Key.publicKey(raw: Array(blob.dropFirst())))
        guard try key.keyID() == id else {
            throw NoteError.malformed("verifier key ID \(parts[1]) does not match its key")
        }
        return key
    }

    /// The note text signed: text, blank line, `— name base64(keyID ‖ signature)`.
    public func sign(_ text: String) throws -> String {
        guard text.hasSuffix("\n") else { throw NoteError.malformed("note text must end in a newline") }
        let id = try keyID()
        let signature = try key.sign(Array(text.utf8))
        let blob = [UInt8(id >> 24), UInt8(id >> 16 & 0xFF), UInt8(id >> 8 & 0xFF), UInt8(id & 0xFF)] + signature
        return text + "\n\u{2014} \(name) \(Data(blob).base64EncodedString())\n"
    }
}

/// A signed note taken apart: its text and signature lines.
public struct SignedNote: Equatable, Sendable {
    /// One signature line: key name, key id, signature bytes.
    public struct Signature: Equatable, Sendable {
        /// The signing key's name.
        public let name: String
        /// The key id: the first four bytes of SHA-256(name, newline, key type, public key) (C2SP signed-note).
        public let keyID: UInt32
        /// The Ed25519 signature.
        public let signature: [UInt8]
    }

    /// The signed text, ending in a newline.
    public let text: String
    /// Every signature line.
    public let signatures: [Signature]

    /// Splits a note at its last blank line; every line after it must be a signature line.
    public static func parse(_ note: String) throws -> SignedNote {
        guard note.utf8.allSatisfy({ $0 >= 0x20 || $0 == 0x0A }) else {
            throw NoteError.malformed("a note must not contain control characters")
        }
        guard let split = note.range(of: "\n\n", options: .backwards) else {
            throw NoteError.malformed("no blank line before the signatures")
        }
        let text = String(note[..<split.lowerBound]) + "\n"
        let signatureBlock = note[split.upperBound...]
        guard signatureBlock.hasSuffix("\n") else { throw NoteError.malformed("the note must end in a newline") }
        var signatures: [Signature] = []
        for line in signatureBlock.dropLast().split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("\u{2014} ") else {
                throw NoteError.malformed("signature lines start with an em dash and a space")
            }
            let fields = line.dropFirst(2).split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 2, NoteKey.isValidName(String(fields[0])),
                let blob = Data(base64Encoded: String(fields[1])), blob.count > 4
            else {
                throw NoteError.malformed("bad signature line: \(line)")
            }
            let bytes = Array(blob)
            signatures.append(
                Signature(
                    name: String(fields[0]), keyID: bytes.prefix(4).reduce(0) { $0 << 8 | UInt32($1) },
                    signature: Array(bytes.dropFirst(4))))
        }
        guard !signatures.isEmpty else { throw NoteError.malformed("a signed note has at least one signature") }
        return SignedNote(text: text, signatures: signatures)
    }

    /// Whether a signature by `key` (same name and ID) is present and verifies; false when it is
    /// present and does not verify, nil when the key did not sign this note.
    public func verify(with key: NoteKey) throws -> Bool? {
        let id = try key.keyID()
        let mine = signatures.filter { $0.name == key.name && $0.keyID == id }
        guard !mine.isEmpty else { return nil }
        return mine.allSatisfy { key.key.verify($0.signature, of: Array(text.utf8)) }
    }
}

/// Why a note or checkpoint text is refused.
public enum NoteError: Error, Equatable, CustomStringConvertible, Sendable {
    case malformed(String)
    public var description: String {
        switch self {
        case .malformed(let reason): return reason
        }
    }
}
