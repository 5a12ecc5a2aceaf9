import Foundation
import Hashing
import LedgerCore
import ModelSigning

/// One envelope of an exported file that verified.
public struct VerifiedEnvelope: Sendable {
    /// The line it was on (1 for a file holding one envelope).
    public let line: Int
    /// Its payload type.
    public let payloadType: String
    /// The subjects an in-toto statement names (`name sha256:…`); empty for other payloads.
    public let subjects: [String]
}

/// `export verify FILE --key PUB`: every DSSE envelope of the file (one JSON object, or JSON Lines)
/// must carry a signature of the key over its payload; exit 3 naming the first that does not.
public enum ExportVerify {
    /// The envelopes, each verified.
    public static func run(file: String, keyPath: String) throws -> [VerifiedEnvelope] {
        let key = try ModelSignatures.key(keyPath, private: false)
        let bytes = try ModelSignatures.read(file, limit: 256 * 1_048_576, what: "export")
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .enumerated().filter { !$0.element.allSatisfy { $0 == 0x20 || $0 == 0x0d || $0 == 0x09 } }
        let whole = lines.count > 1 && (try? JSONParser.parse(bytes)) != nil
        let entries = whole ? [(offset: 0, element: bytes[...])] : lines.map { ($0.offset, $0.element) }
        guard !entries.isEmpty else { throw InputError("\(file) holds no DSSE envelope") }
        return try entries.map { offset, element in
            let envelope: DSSEEnvelope
            do { envelope = try DSSEEnvelope(json: Array(element)) } catch {
                throw InputError("\(file) line \(offset + 1): \(error)")
            }
            guard envelope.isSigned(by: key) else {
                throw SigningError.notVerified("\(file) line \(offset + 1): no signature of this key over the payload")
            }
            var subjects: [String] = []
            if envelope.payloadType == "application/vnd.in-toto+json",
                let statement = try? JSONParser.parse(envelope.payload)
            {
                subjects = (statement["subject"]?.arrayValue ?? []).compactMap { subject in
                    guard let name = subject["name"]?.stringValue else { return nil }
                    return name + (subject["digest"]?["sha256"]?.stringValue.map { " sha256:\($0)" } ?? "")
                }
            }
            return VerifiedEnvelope(line: offset + 1, payloadType: envelope.payloadType, subjects: subjects)
        }
    }

    /// The private key `export --sign` signs with (PEM: Ed25519 from `key generate`, or ECDSA).
    public static func signingKey(_ path: String) throws -> SigningKey {
        try ModelSignatures.key(path, private: true)
    }
}
