import LedgerCore
import LedgerUseCases

/// Where a review points for each standard export of its artifact (with its lineage): the command
/// that writes it, and the review page's download of it.
public enum ExportLinks {
    /// Each format with what it is, in the order a review lists them.
    static let formats: [(format: ExportFormat, title: String)] = [
        (.inToto, "in-toto Statement v1 with SLSA Provenance v1, one per artifact of the lineage"),
        (.cyclonedx, "CycloneDX 1.6 BOM (machine-learning-model components)"),
        (.spdx, "SPDX 3.0.1 JSON-LD (AI profile)"),
        (.sha256sums, "SHA256SUMS, for sha256sum -c in the artifact's folder"),
    ]

    /// `weightledger export sha256:… --format F --with-lineage` for each format.
    static func commands(_ digest: ArtifactDigest) -> [(title: String, command: String)] {
        formats.map { ($0.title, "weightledger export \(digest.value) --format \($0.format.rawValue) --with-lineage") }
    }

    /// The review page's download of each format (`?export=F`).
    public static func pageLinks(_ digest: ArtifactDigest) -> [(title: String, href: String)] {
        formats.map { ($0.title, "/artifacts/\(digest.value)/review?export=\($0.format.rawValue)") }
    }
}
