import LedgerCore
import LedgerPolicy
import LedgerRender
import LedgerUseCases

/// The demo's transcript: each registration as the command a person would type, then what the ledger knows.
public enum DemoText {
    /// `binary` is how to invoke weightledger again, for the closing hints.
    public static func render(
        _ report: Demo.Report, ledgerPath: String, modelsDirectory: String, binary: String
    ) -> String {
        var out = ["WeightLedger demo: ledger \(ledgerPath)", "model files in \(modelsDirectory)", ""]
        out.append("0. Who makes, ships and receives the weights: organisations with their headquarters and revenue")
        for party in report.parties {
            out.append("   $ \(party.command)")
            out.append("   " + party.output)
        }
        out.append("")
        for (number, entry) in report.steps.enumerated() {
            out.append("\(number + 1). \(entry.step.title)")
            out.append("   $ \(entry.step.command)")
            out.append(
                RegisterText.render(entry.outcome).split(separator: "\n").map { "   " + $0 }.joined(separator: "\n"))
            out.append("")
        }
        let frontier = report.descendantsOfFrontier
        let frontierLabel = frontier.node(frontier.root).map(TextRenderer.label) ?? "the frontier model"
        out.append("Everything made from \(frontierLabel):")
        out.append("$ weightledger lineage --descendants acme/frontier-1:base")
        out.append(TextRenderer.tree(report.descendantsOfFrontier))
        out.append("")
        out.append("What the merge was made from (the frontier model is counted once):")
        out.append("$ weightledger lineage acme/frontier-1-merged:v1")
        out.append(TextRenderer.tree(report.ancestorsOfMerge))
        out.append("")
        out.append("$ weightledger show acme/frontier-1-merged:v1")
        out.append(TextRenderer.show(report.merge))
        out.append("")
        out.append("What the policy packs say (built-in: \(PolicyLibraryNames.builtin)):")
        out.append("")
        for entry in report.policy {
            out.append("• \(entry.title)")
            out.append("$ \(entry.command)")
            out.append(entry.output)
            out.append("")
        }
        out.append("Explore it yourself:")
        out.append("  export WEIGHTLEDGER_LEDGER=\(ledgerPath)")
        out.append("  \(binary) list")
        out.append("  \(binary) show acme/frontier-1:base --json")
        out.append("  \(binary) lineage --dot acme/frontier-1-merged:v1 | dot -Tsvg > lineage.svg")
        out.append("  \(binary) check acme/frontier-1-merged:v1 --to AE --json")
        out.append("  \(binary) review acme/frontier-1-support:int4 --to IN --format html > review.html")
        out.append("  \(binary) policy show us-bis-ai-diffusion-2025")
        out.append("  \(binary) log prove acme/frontier-1-support:int4 && \(binary) verify")
        return out.joined(separator: "\n")
    }
}

enum PolicyLibraryNames {
    static var builtin: String {
        BuiltinPacks.all.map { String($0.source.dropFirst("built-in:".count).dropLast(".json".count)) }.joined(
            separator: ", ")
    }
}
