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
        #expect(page.descendants.nodes.count == ArtifactPage.maxDescendants + 1 && page.hiddenDescendants == 5)
        // Over the threshold and bound for China: the artifact's own node is blocking.
        #expect(page.worst[page.artifact.record.digest] == .block)
        let graph = LineageDrawing.make(
            nodes: page.nodes, edges: page.edges, worst: page.worst, root: page.artifact.record.digest,
            hidden: page.hiddenDescendants)
        let layout = try #require(graph.picture?.layout, "Graphviz laid the graph out: \(graph.failure ?? "")")
        // Graphviz draws at most `cap` members; the caption counts the rest.
        #expect(graph.members.count == LineageDrawing.cap && graph.hidden == 2 + 5)
        #expect(graph.caption.contains("7 more not drawn"))
        let y = { (digest: ArtifactDigest) in
            graph.members.firstIndex { $0.digest == digest }.map { layout.nodes[$0].center.y }
        }
        let parent = try #require(y(page.ancestors.nodes[1].record.digest))
        let child = try #require(y(page.artifact.record.digest))
        #expect(parent < child, "the parent is drawn above")
        #expect(page.descendants.nodes.dropFirst().prefix(10).allSatisfy { (y($0.record.digest) ?? 0) > child })
        let svg = graph.svg { "/artifacts/\($0.value)" }
        #expect(svg.components(separatedBy: "<g class=\"node\"").count - 1 == LineageDrawing.cap)
        #expect(svg.contains("data-finding=\"blocking finding\"") && svg.contains("fill=\"#f8d7da\""))
        let html = HTMLPages.artifact(page, destination: "CN", date: "2026-11-25", caller: "legal-1")
        #expect(html.contains("7 more not drawn") && !html.contains("<script"))
    }
}
