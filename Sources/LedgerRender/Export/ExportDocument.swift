import Hashing
import LedgerCore
import LedgerUseCases
import ModelSigning

/// An export written out: the format's bytes, or with a key, each document in a DSSE envelope.
public enum ExportDocument {
    /// The bytes of `source` in `format`. One in-toto statement is laid-out JSON; several (with the
    /// lineage) are JSON Lines, one statement a line. Signed, every document is a DSSE envelope on
    /// a line of its own (an in-toto bundle when there are several).
    public static func bytes(
        _ source: ExportSource, format: ExportFormat, signer: SigningKey? = nil
    ) throws
        -> [UInt8]
    {
        let documents: [[UInt8]]
        let payloadType: String
        switch format {
        case .inToto:
            let statements = InTotoExport.statements(source)
            payloadType = InTotoExport.payloadType
            documents =
                statements.count == 1 && signer == nil
                ? [try PrettyJSON.bytes(of: statements[0])]
                : try statements.map { try CanonicalJSON.bytes(of: $0) + [UInt8(ascii: "\n")] }
        case .cyclonedx:
            payloadType = CycloneDXExport.payloadType
            documents = [try PrettyJSON.bytes(of: try CycloneDXExport.bom(source))]
        case .spdx:
            payloadType = SPDXExport.payloadType
            documents = [try PrettyJSON.bytes(of: SPDXExport.document(source))]
        case .sha256sums:
            payloadType = "text/plain; charset=utf-8"
            documents = [SHA256SumsExport.bytes(source)]
        }
        guard let signer else { return documents.flatMap { $0 } }
        return try documents.flatMap { document in
            try DSSEEnvelope(signing: document, type: payloadType, key: signer).json() + [UInt8(ascii: "\n")]
        }
    }

    /// The media type the server answers with: JSON Lines for several in-toto statements.
    public static func contentType(_ format: ExportFormat, of source: ExportSource) -> String {
        switch format {
        case .inToto where source.members.count > 1: return "application/jsonl"
        case .inToto, .cyclonedx, .spdx: return "application/json"
        case .sha256sums: return "text/plain; charset=utf-8"
        }
    }
}
