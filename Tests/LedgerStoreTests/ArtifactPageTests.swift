import Foundation
import LedgerSQLite
import TestSupport
import Testing

@testable import LedgerCore
@testable import LedgerPolicy
@testable import LedgerRender
@testable import LedgerStore
@testable import LedgerUseCases

/// The artifact page's data and its SVG: generations, colours by worst finding, the descendant cap.
@Suite struct ArtifactPageTests {
    static func register(
        _ context: AppContext, _ index: Int, name: String, parents: [String] = [], compute: Double,
        country: String = "US"
    ) throws {
        let digest = try ArtifactDigest("sha256:" + String(format: "%064x", index + 1))
        var request = Registration.Draft()
        request.names = [name]
        request.parents = parents
        request.compute = ComputeDraft(operations: compute)
        request.trainedIn = country
        _ = try Register(context: context).record(
            ArtifactSubmission(
                digest: digest, form: .file, sizeBytes: 1,
                files: [ArtifactFile(path: "m", size: 1, sha256: digest)], model: nil, location: nil),
            try Registration(request))
    }

    @Test func generationsColoursAndTheDescendantCap() throws {
        let directory = try TemporaryDirectory()
        let context = AppContext(location: SQLiteLocation(path: directory.file("ledger.db")), actor: "tester")
        try Self.register(context, 0, name: "acme/base:v1", compute: 3e26)
        try Self.register(context, 1, name: "acme/chat:v1", parents: ["acme/base:v1"], compute: 1e24)
        for index in 0..<(ArtifactPage.maxDescendants + 5) {
            try Self.register(context, 10 + index, name: "acme/leaf:\(index)", parents: ["acme/chat:v1"], compute: 1e20)
        }
        let library = try PolicyLibrary.load(directory: nil)
        let page = try ArtifactPage(context: context, library: library).run(
            try ReviewRequest(artifact: "acme/chat:v1", to: "CN", on: "2026-11-25"))
        let levels = LineageSVG.levels(page)
        #expect(levels[page.artifact.record.digest] == 0)
        #expect(levels[page.ancestors.nodes[1].record.digest] == -1, "the parent is drawn one row above")
        #expect(page.descendants.nodes.count == ArtifactPage.maxDescendants + 1 && page.hiddenDescendants == 5)
        #expect(page.descendants.nodes.dropFirst().allSatisfy { levels[$0.record.digest] == 1 })
        // Over the threshold and bound for China: the artifact's own node is blocking.
        #expect(page.worst[page.artifact.record.digest] == .block)
        let svg = LineageSVG.render(page) { "/artifacts/\($0.value)" }
        #expect(svg.components(separatedBy: "<g class=\"node\"").count - 1 == 2 + ArtifactPage.maxDescendants)
        #expect(svg.contains("data-finding=\"blocking finding\"") && svg.contains("fill=\"#f8d7da\""))
        let html = HTMLPages.artifact(page, destination: "CN", date: "2026-11-25", caller: "legal-1")
        #expect(html.contains("5 more descendants are not drawn") && !html.contains("<script"))
    }
}
