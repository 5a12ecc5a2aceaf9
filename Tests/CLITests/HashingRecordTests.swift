import Foundation
import ModelFiles
import TestSupport
import Testing

/// Issue 15: the options that change what is hashed are part of the registration, and `audit`
/// re-hashes each location with the options it was recorded with (0.3.0 re-hashed with the
/// defaults: exit 3 after `--follow-symlinks` or `--ignore`).
@Suite struct HashingRecordTests {
    /// A snapshot laid out as the Hugging Face cache lays it out: files are relative symbolic links
    /// into `blobs/`, beside a README the registrant leaves out.
    static func snapshot(_ cli: CLI) throws -> String {
        let root = cli.directory.file("models--acme--tiny")
        let snapshot = root + "/snapshots/0123456789abcdef0123456789abcdef01234567"
        try FileManager.default.createDirectory(atPath: root + "/blobs", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: snapshot, withIntermediateDirectories: true)
        let weights = SafetensorsWriter.bytes(tensors: [.init("w", "F32", [4, 4])], seed: 7)
        for (name, bytes) in [("model.safetensors", weights), ("config.json", Array("{\"a\": 1}".utf8))] {
            let blob = "blob-\(name.count)"
            try Data(bytes).write(to: URL(fileURLWithPath: root + "/blobs/" + blob))
            try FileManager.default.createSymbolicLink(
                atPath: snapshot + "/" + name, withDestinationPath: "../../blobs/" + blob)
        }
        try Data("# card".utf8).write(to: URL(fileURLWithPath: snapshot + "/README.md"))
        return snapshot
    }

    func audit(_ cli: CLI) throws -> (status: Int32, problems: String) {
        let result = try cli.run("audit", "--rehash", "all", "--on", "2026-11-25", "--json")
        return (result.status, result.stdout + result.stderr)
    }

    @Test func auditReHashesWithTheRecordedOptionsTwiceInARow() throws {
        let cli = try CLI()
        let snapshot = try Self.snapshot(cli)
        _ = try cli.ok(
            "register", snapshot, "--name", "acme/tiny:main", "--follow-symlinks", "--ignore", "README.md",
            "--compute", "1e20", "--trained-in", "US")
        for run in 1...2 {
            let outcome = try audit(cli)
            #expect(outcome.status == 0, "audit \(run): \(outcome.problems)")
        }
        // The event says how it was hashed; the manifest has no README.
        let payload = try Subprocess.run(
            "/usr/bin/sqlite3", [cli.ledger, "SELECT payload FROM events WHERE type = 'artifact.registered'"]
        ).stdout
        #expect(payload.contains(#""hashing":{"followSymlinks":true,"ignore":["README.md"]}"#), "\(payload)")
        #expect(!payload.contains("README.md\",\"size"))

        // Moved elsewhere (a copy with the same links), the location keeps its options.
        let copy = cli.directory.file("copy")
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        let moved = copy + "/snapshots-moved"
        try FileManager.default.copyItem(atPath: snapshot, toPath: moved)
        try FileManager.default.createSymbolicLink(
            atPath: cli.directory.file("copy/blobs"),
            withDestinationPath: cli.directory.file("models--acme--tiny/blobs"))
        // The copied links are relative (../../blobs/…): from copy/snapshots-moved they resolve to copy/../blobs,
        // so point them at the blobs directly.
        for name in ["model.safetensors", "config.json"] {
            let target = try FileManager.default.destinationOfSymbolicLink(atPath: moved + "/" + name)
            try FileManager.default.removeItem(atPath: moved + "/" + name)
            try FileManager.default.createSymbolicLink(
                atPath: moved + "/" + name, withDestinationPath: "../blobs/" + (target.split(separator: "/").last ?? "")
            )
        }
        _ = try cli.ok("location", "move", "acme/tiny:main", snapshot, "--to", moved, "--reason", "new disk")
        let afterMove = try audit(cli)
        #expect(afterMove.status == 0, "after the move: \(afterMove.problems)")

        // A second location of the same bytes recorded without the options (a plain copy with the
        // README left out by hand) is re-hashed with the defaults.
        let plain = cli.directory.file("plain")
        try FileManager.default.createDirectory(atPath: plain, withIntermediateDirectories: true)
        for name in ["model.safetensors", "config.json"] {
            try Data(contentsOf: URL(fileURLWithPath: moved + "/" + name)).write(
                to: URL(fileURLWithPath: plain + "/" + name))
        }
        _ = try cli.ok("register", plain, "--name", "acme/tiny:copy")
        let both = try audit(cli)
        #expect(both.status == 0, "two locations, two sets of options: \(both.problems)")
        // A README appearing in the plain copy is a new file there, as before.
        try Data("# new".utf8).write(to: URL(fileURLWithPath: plain + "/README.md"))
        let changed = try audit(cli)
        #expect(changed.status == 3 && changed.problems.contains("new file: README.md"), "\(changed.problems)")
    }

    /// A folder of links that is not a cache snapshot is refused without --follow-symlinks, as
    /// before; a Hugging Face cache snapshot is followed without it (issue 15), and that is recorded.
    @Test func linksAreFollowedInACacheSnapshotOnly() throws {
        let cli = try CLI()
        let snapshot = try Self.snapshot(cli)
        let plain = cli.directory.file("links")
        try FileManager.default.createDirectory(atPath: plain, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: plain + "/model.safetensors", withDestinationPath: snapshot + "/model.safetensors")
        let refused = try cli.run("register", plain, "--name", "acme/links:v1")
        #expect(refused.status == 2 && refused.stderr.contains("symbolic link"), "\(refused.stderr)")
        _ = try cli.ok("register", snapshot, "--compute", "1e20", "--trained-in", "US")
        let payload = try Subprocess.run(
            "/usr/bin/sqlite3", [cli.ledger, "SELECT payload FROM events WHERE type = 'artifact.registered'"]
        ).stdout
        #expect(payload.contains(#""hashing":{"followSymlinks":true,"ignore":[]}"#), "\(payload)")
        #expect(payload.contains(#""repository":"acme/tiny""#))
        #expect(try cli.run("audit", "--rehash", "all", "--on", "2026-11-25").status == 0)
    }
}
