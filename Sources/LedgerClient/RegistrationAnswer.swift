import Foundation
import LedgerCore

/// `register --server` as text, from the server's `register --json`-shaped answer.
public enum RemoteRegisterText {
    /// `registered sha256:… NAME on SERVER` from the server's JSON answer.
    public static func render(_ answer: Data, server: String) throws -> String {
        struct Answer: Decodable {
            struct Artifact: Decodable {
                let digest: String
                let names: [String]
            }
            let status: String
            let artifact: Artifact
        }
        guard let decoded = try? JSONDecoder().decode(Answer.self, from: answer) else {
            throw InputError("\(server) answered with JSON this client does not understand")
        }
        let label = decoded.artifact.names.first.map { " \($0)" } ?? ""
        return "\(decoded.status) \(decoded.artifact.digest)\(label) on \(server)"
    }
}
