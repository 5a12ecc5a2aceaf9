import LedgerCore
import Testing

/// Issue 13, item 7, the pure part: whose path a location is, and which ones an audit may open.
@Suite struct StoredLocationTests {
    @Test(
        arguments: [
            // text, actor, host, path, remote
            ("/srv/m.safetensors", "alice@ops", nil, "/srv/m.safetensors", false),
            ("/srv/m.safetensors", "token:cluster-a", nil, "/srv/m.safetensors", true),
            ("gpu-1:/data/m", "token:cluster-a", "gpu-1", "/data/m", true),
            ("gpu-1:/data/m", "alice@ops", "gpu-1", "/data/m", true),
            ("[fe80::1]:/data/m", "token:x", "[fe80::1]", "/data/m", true),
            ("/data/ckpt:v1", "alice@ops", nil, "/data/ckpt:v1", false),
        ] as [(String, String, String?, String, Bool)])
    func whoseLocation(text: String, actor: String, host: String?, path: String, remote: Bool) {
        let location = StoredLocation(recorded: text, by: actor)
        #expect(location.host == host && location.path == path && location.remote == remote && location.text == text)
    }

    @Test(arguments: [
        "/etc/shadow", "gpu-1:relative", "gpu 1:/x", "gpu-1:/a/../b", "gpu-1:/a//b", "gpu-1:/a/./b", "gpu-1:/",
        "gpu-1:/a\u{0}b", "gpu-1:/a\u{202E}b", "gpu-1:/" + String(repeating: "x", count: 4_096), ":/x",
    ])
    func submittedLocationsRefused(text: String) {
        #expect(throws: DomainError.self) { try StoredLocation.submitted(text, field: .location) }
    }

    @Test func submittedLocationsAccepted() throws {
        for text in ["gpu-1:/data/m.safetensors", "node.example.org:/a b/ü", "10.0.0.7:/m", "[::1]:/m"] {
            #expect(try StoredLocation.submitted(text, field: .location) == text)
        }
    }

    /// root list, location text, actor, opened path (nil: not opened), prefix it must stay under.
    @Test(
        arguments: [
            ([], "/srv/m", "alice@ops", "/srv/m", nil),
            ([], "gpu-1:/data/m", "token:a", nil, nil),
            ([], "/srv/m", "token:a", nil, nil),
            (["gpu-1"], "gpu-1:/data/m", "token:a", "/data/m", nil),
            (["GPU-1"], "gpu-1:/data/m", "token:a", "/data/m", nil),
            (["gpu-1"], "gpu-2:/data/m", "token:a", nil, nil),
            (["gpu-1"], "/data/m", "token:a", nil, nil),
            (["gpu-1:/data"], "gpu-1:/data/m", "token:a", "/data/m", "/data"),
            (["gpu-1:/data/"], "gpu-1:/data/m", "token:a", "/data/m", "/data"),
            (["gpu-1:/data"], "gpu-1:/database/m", "token:a", nil, nil),
            (["gpu-1:/data"], "gpu-1:/etc/shadow", "token:a", nil, nil),
            (["/shared"], "gpu-9:/shared/m", "token:a", "/shared/m", "/shared"),
            (["/shared"], "/shared/m", "token:a", "/shared/m", "/shared"),
            (["/shared"], "/shared/../etc/shadow", "token:a", nil, nil),
            (["gpu-2, gpu-1:/data"], "gpu-1:/data/x", "token:a", "/data/x", "/data"),
        ] as [([String], String, String, String?, String?)])
    func rootsDecide(roots: [String], text: String, actor: String, path: String?, within: String?) throws {
        let opened = try AuditRoots(parsing: roots, field: .auditRoots).openable(
            StoredLocation(recorded: text, by: actor))
        #expect(opened?.path == path && opened?.within == within)
    }

    @Test(arguments: ["relative/dir", "", "gpu-1:/a/../b", "host name", "/a/./b"])
    func badRootsRefused(root: String) {
        #expect(throws: DomainError.self) { try AuditRoots(parsing: [root], field: .auditRoots) }
    }

    @Test func prefixesMatchWholeComponents() {
        #expect(AuditRoots.path("/data/x", isUnder: "/data") && AuditRoots.path("/data", isUnder: "/data"))
        #expect(!AuditRoots.path("/database", isUnder: "/data") && AuditRoots.path("/x", isUnder: "/"))
    }
}
