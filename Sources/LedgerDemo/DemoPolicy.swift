import Foundation
import LedgerCore
import LedgerRender
import LedgerUseCases

/// The demo's second act: what the policy packs say about the story's artifacts, a deployment
/// that needs a license, the license, and the review legal reads. Each entry is a command as a
/// person would type it and what it printed.
struct DemoPolicy {
    struct Entry: Sendable {
        let title: String
        let command: String
        let output: String
    }

    let context: AppContext
    let library: PolicyLibrary

    static let copy = "acme/frontier-1-support:int4"
    static let licenseNumber = "D-2026-0042"

    static let openBase = "openlab/atlas-7b:v1"
    static let legalTune = "acme/frontier-1-legal:v1"

    /// The open base model was registered closed; its publication is recorded later, as a dated event.
    func publishLater() throws -> Entry {
        let url = "https://huggingface.co/openlab/atlas-7b"
        let command = "weightledger publish \(Self.openBase) --url \(url) --on 2025-03-01"
        do {
            let request = try PublishRequest(artifact: Self.openBase, url: url, on: "2025-03-01")
            let (digest, seq) = try Publish(context: context).run(request)
            return Entry(
                title: "The open base model's weights went public on 2025-03-01: a dated fact, recorded later",
                command: command,
                output: PublishView.text(PublishView(digest: digest, publication: request.publication, event: seq)))
        } catch is InputError {
            return Entry(
                title: "The open base model's publication (already recorded by an earlier demo run)",
                command: command, output: "(already on record)")
        }
    }

    /// The legal fine-tune's compute turns up: a correction, with the old value, the new and why.
    func correction() throws -> [Entry] {
        let reason = "compute found in the training run's logs"
        let command = "weightledger correct \(Self.legalTune) --compute 1.2e24 --reason \"\(reason)\""
        var entries: [Entry] = []
        do {
            let correction = try Correction(
                artifact: Self.legalTune, .init(reason: reason, compute: ComputeDraft(operations: 1.2e24)))
            let (event, seq) = try Correct(context: context).run(correction)
            entries.append(
                Entry(
                    title: "The compute turns up later: a correction is a new event, never an edit",
                    command: command, output: CorrectionView.text(CorrectionView(event: event, seq: seq))))
        } catch is InputError {
            entries.append(
                Entry(
                    title: "The correction (already recorded by an earlier demo run)", command: command,
                    output: "(already on record)"))
        }
        let shown = try Show(context: context).artifact(try ArtifactReference(Self.legalTune), history: true)
        entries.append(
            Entry(
                title: "Every change to its facts, with its event, who and why",
                command: "weightledger show \(Self.legalTune) --history",
                output: TextRenderer.show(shown)))
        return entries
    }

    func run() throws -> [Entry] {
        var entries: [Entry] = []
        let check = Check(context: context, library: library)
        let deploy = Deploy(context: context, library: library)
        let flags = Flags(context: context, library: library)

        entries.append(try publishLater())
        let bis = ["us-bis-ai-diffusion-2025"]
        let bySubsidiary = try check.run(PolicyCheck(artifact: Self.copy, to: "DE", policies: bis))
        entries.append(
            Entry(
                title:
                    "May the 4-bit copy go to Germany? Shipped by the Singapore subsidiary that made it (the default "
                    + "exporter), License Exception AIA is not available: license required",
                command: "weightledger check \(Self.copy) --to DE --policy us-bis-ai-diffusion-2025",
                output: PolicyText.check(bySubsidiary)))
        let germany = try check.run(
            PolicyCheck(artifact: Self.copy, to: "DE", policies: bis, exporter: DemoStory.lab))
        entries.append(
            Entry(
                title: "Shipped by the US parent instead: Tier 1, no license under License Exception AIA",
                command:
                    "weightledger check \(Self.copy) --to DE --exporter '\(DemoStory.lab)' --policy "
                    + "us-bis-ai-diffusion-2025",
                output: PolicyText.check(germany)))
        let india = try check.run(PolicyCheck(artifact: Self.copy, to: "IN"))
        entries.append(
            Entry(
                title: "And to India? The quantized copy is the same weights: 4E091, Tier 2, license required (exit 1)",
                command: "weightledger check \(Self.copy) --to IN", output: PolicyText.check(india)))
        let legal = try check.run(
            PolicyCheck(artifact: "acme/frontier-1-legal:v1", to: "FR", policies: ["eu-ai-act-gpai"]))
        entries.append(
            Entry(
                title: "Unknown compute is never a silent \"clear\": the finding names what is missing",
                command: "weightledger check acme/frontier-1-legal:v1 --to FR --policy eu-ai-act-gpai",
                output: PolicyText.check(legal)))
        entries += try correction()
        do {
            _ = try deploy.run(Deployment(.init(artifact: Self.copy, to: "CN", strict: true)))
            entries.append(
                Entry(
                    title: "A strict deployment to China", command: "weightledger deploy \(Self.copy) --to CN --strict",
                    output: "(unexpectedly recorded)"))
        } catch let refused as DeploymentRefused {
            entries.append(
                Entry(
                    title: "A strict deployment to China is refused: exit 1, nothing written",
                    command: "weightledger deploy \(Self.copy) --to CN --strict",
                    output: "weightledger: error: \(refused)"))
        }
        let recorded = try deploy.run(
            Deployment(.init(artifact: Self.copy, to: "IN", recipient: "Example Analytics Pvt Ltd")))
        entries.append(
            Entry(
                title: "Deploying to India without a license is recorded, with a block finding",
                command: "weightledger deploy \(Self.copy) --to IN --recipient \"Example Analytics Pvt Ltd\"",
                output: PolicyText.deploy(recorded).split(separator: "\n").prefix(4).joined(separator: "\n") + "\n  …"))
        entries.append(
            Entry(
                title: "The nightly view: every finding that needs a person", command: "weightledger flags",
                output: PolicyText.flags(try flags.run(), all: false)))
        let command =
            "weightledger license add --authority BIS --number \(Self.licenseNumber) --artifact \(Self.copy) --to "
            + "IN --valid-until 2027-12-31"
        let existing = try LicenseAdd.existing(context: context, id: "BIS/\(Self.licenseNumber)")
        if existing {
            entries.append(
                Entry(
                    title: "The license (already recorded by an earlier demo run)", command: command,
                    output: "(already on record)"))
        } else {
            let (license, seq) = try LicenseAdd(context: context).run(
                LicenseGrant(
                    .init(
                        authority: "BIS", number: Self.licenseNumber, artifacts: [Self.copy], destinations: ["IN"],
                        validUntil: "2027-12-31")))
            entries.append(
                Entry(
                    title: "Legal obtains the license and records it", command: command,
                    output: PolicyText.license(license, seq: seq)))
        }
        entries.append(
            Entry(
                title: "The license resolves the finding", command: "weightledger flags",
                output: PolicyText.flags(try flags.run(), all: false)))
        let review = try Review(context: context, library: library).run(ReviewRequest(artifact: Self.copy, to: "IN"))
        entries.append(
            Entry(
                title: "The review legal reads before the deployment (also --format md, html or json)",
                command: "weightledger review \(Self.copy) --to IN", output: ReviewRenderer.text(review)))
        let merged = try Review(context: context, library: library).run(
            ReviewRequest(artifact: DemoStory.mergeName, to: "GB"))
        let text = ReviewRenderer.text(merged).split(separator: "\n", omittingEmptySubsequences: false)
        let start = text.firstIndex { $0.hasPrefix("FACT HISTORY") } ?? 0
        let end = text[start...].firstIndex { $0.isEmpty } ?? text.endIndex
        entries.append(
            Entry(
                title: "A review shows every later change to the lineage's facts (excerpt)",
                command: "weightledger review \(DemoStory.mergeName) --to GB",
                output: text[start..<end].joined(separator: "\n")))
        // The log: a checkpoint commits to every event above; verify recomputes all of it.
        let checkpoint = try LogTool(context: context).checkpoint(signingKey: nil, origin: nil)
        entries.append(
            Entry(
                title:
                    "A checkpoint of the tamper-evident log (sign it with --sign KEY from 'key generate', keep it "
                    + "elsewhere)",
                command: "weightledger log checkpoint --out checkpoint.txt",
                output: checkpoint.note.trimmingCharacters(in: .newlines)))
        let verified = try Verify(context: context).run(checkpointNote: checkpoint.note, key: nil)
        entries.append(
            Entry(
                title:
                    "Every event re-hashed, the Merkle tree and checkpoints recomputed, the tables rebuilt from the "
                    + "events",
                command: "weightledger verify --checkpoint checkpoint.txt",
                output: verified.holds
                    ? "ok: \(verified.report.events) events, root \(hexString(verified.report.root)), consistent "
                        + "with the checkpoint; "
                        + "\(verified.report.tablesCompared.count) tables match a replay of the events"
                    : "MISMATCH: \(verified.problems.joined(separator: "; "))"))
        return entries
    }
}
