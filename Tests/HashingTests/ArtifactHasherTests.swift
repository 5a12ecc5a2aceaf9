import Foundation
import TestSupport
import Testing

@testable import Hashing

/// Files and directories as artifacts: manifests, ignores, symlinks and refusals.
@Suite struct ArtifactHasherTests {
    /// A small model directory with shards, config, git metadata and awkward names.
    func modelDirectory() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.writeRandom("model/model-00001-of-00002.safetensors", count: 300_000, seed: 1)
        try directory.writeRandom("model/model-00002-of-00002.safetensors", count: 200_001, seed: 2)
        try directory.write("model/config.json", Array(#"{"hidden_size":64}"#.utf8))
        try directory.write("model/tokenizer/vocab with space.txt", Array("a b c\n".utf8))
        try directory.write("model/ünïcödé/é.bin", [1, 2, 3])
        try directory.write("model/empty.bin", [])
        try directory.write("model/a-b.bin", [4])
        try directory.write("model/a/b.bin", [5])
        try directory.write("model/.git/HEAD", Array("ref: refs/heads/main\n".utf8))
        try directory.write("model/.github/workflows/ci.yml", Array("on: push\n".utf8))
        try directory.write("model/.gitattributes", Array("*.safetensors filter=lfs\n".utf8))
        try directory.write("model/sub/.gitignore", Array("*.tmp\n".utf8))
        return directory
    }

    @Test func singleFileDigestIsItsSha256() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.writeRandom("w.safetensors", count: 12345, seed: 9)
        let artifact = try ArtifactHasher().hash(path: path)
        #expect(artifact.form == .file)
        #expect(artifact.digest.hex == (try Subprocess.sha256sum(path)))
        #expect(artifact.manifest.entries.map(\.path) == ["w.safetensors"])
        #expect(artifact.sizeBytes == 12345)
    }

    @Test func directoryManifestIsSortedAndLeavesOutGitMetadata() throws {
        let directory = try modelDirectory()
        let artifact = try ArtifactHasher().hash(path: directory.file("model"))
        #expect(artifact.form == .directory)
        #expect(
            artifact.manifest.entries.map(\.path) == [
                "a-b.bin", "a/b.bin", "config.json", "empty.bin", "model-00001-of-00002.safetensors",
                "model-00002-of-00002.safetensors", "tokenizer/vocab with space.txt", "ünïcödé/é.bin",
            ])
        for entry in artifact.manifest.entries {
            #expect(entry.sha256.hex == (try Subprocess.sha256sum(directory.file("model/" + entry.path))))
        }
        #expect(artifact.sizeBytes == 300_000 + 200_001 + 18 + 6 + 3 + 0 + 1 + 1)
    }

    /// schema/manifest.md promises an auditor can rebuild the digest with coreutils; this is that recipe.
    @Test func directoryDigestCanBeRebuiltWithCoreutils() throws {
        let directory = try modelDirectory()
        let artifact = try ArtifactHasher().hash(path: directory.file("model"))
        let recipe = """
            cd model && { printf 'weightledger-manifest-v1\\n'; \
            find . -type f ! -path './.git/*' ! -path './.github/*' ! -name .gitattributes ! -name .gitignore -printf '%P\\n' \
            | LC_ALL=C sort | while IFS= read -r f; do \
            printf '%s %s %s\\n' "$(sha256sum < "$f" | cut -c1-64)" "$(stat -c %s "$f")" "$f"; done; } | sha256sum | \
            cut -c1-64
            """
        let result = try Subprocess.shell(recipe, directory: directory.path)
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == artifact.digest.hex)
        #expect(String(decoding: artifact.manifest.bytes, as: UTF8.self).hasPrefix("weightledger-manifest-v1\n"))
    }

    @Test func extraIgnorePatterns() throws {
        let directory = try modelDirectory()
        let hasher = ArtifactHasher(options: HashOptions(extraIgnores: ["*.txt", "a/", "empty.bin"]))
        let paths = try hasher.hash(path: directory.file("model")).manifest.entries.map(\.path)
        #expect(!paths.contains("tokenizer/vocab with space.txt"))
        #expect(!paths.contains("a/b.bin"))
        #expect(!paths.contains("empty.bin"))
        #expect(paths.contains("a-b.bin"))
    }

    @Test func digestChangesWithAnyByteNameOrFile() throws {
        let directory = try modelDirectory()
        let hasher = ArtifactHasher()
        let original = try hasher.hash(path: directory.file("model")).digest
        try directory.write("model/config.json", Array(#"{"hidden_size":65}"#.utf8))
        let edited = try hasher.hash(path: directory.file("model")).digest
        #expect(edited != original)
        try FileManager.default.moveItem(
            atPath: directory.file("model/config.json"), toPath: directory.file("model/config2.json"))
        #expect(try hasher.hash(path: directory.file("model")).digest != edited)
    }

    @Test func symlinksInsideAreRefusedUnlessFollowed() throws {
        let directory = try modelDirectory()
        try FileManager.default.createSymbolicLink(
            atPath: directory.file("model/link.bin"), withDestinationPath: "config.json")
        #expect(throws: HashingError.symlink(path: directory.file("model/link.bin"))) {
            try ArtifactHasher().hash(path: directory.file("model"))
        }
        let followed = try ArtifactHasher(options: HashOptions(followSymlinks: true)).hash(
            path: directory.file("model"))
        let link = try #require(followed.manifest.entries.first { $0.path == "link.bin" })
        let config = try #require(followed.manifest.entries.first { $0.path == "config.json" })
        #expect(link.sha256 == config.sha256)
    }

    @Test func symlinkLoopIsAnError() throws {
        let directory = try modelDirectory()
        try FileManager.default.createSymbolicLink(atPath: directory.file("model/loop"), withDestinationPath: ".")
        #expect(throws: HashingError.symlinkLoop(path: directory.file("model/loop"))) {
            try ArtifactHasher(options: HashOptions(followSymlinks: true)).hash(path: directory.file("model"))
        }
    }

    @Test func refusals() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: HashingError.missing(path: directory.file("nope"))) {
            try ArtifactHasher().hash(path: directory.file("nope"))
        }
        try FileManager.default.createDirectory(atPath: directory.file("empty/.git"), withIntermediateDirectories: true)
        try directory.write("empty/.git/config", [1])
        #expect(throws: HashingError.emptyDirectory(path: directory.file("empty"))) {
            try ArtifactHasher().hash(path: directory.file("empty"))
        }
        try directory.write("bad/new\nline.bin", [1])
        #expect(throws: HashingError.self) { try ArtifactHasher().hash(path: directory.file("bad")) }
        #expect(mkfifo(directory.file("fifo"), 0o644) == 0)
        #expect(throws: HashingError.notRegularFile(path: directory.file("fifo"))) {
            try ArtifactHasher().hash(path: directory.file("fifo"))
        }
    }

    /// Issue 13, item 10: local hashing and a client's file list share one path rule
    /// (`Manifest.validate`): names a Windows checkout would climb out with, or that show other
    /// text than their bytes, are refused here as the server refuses them in a manifest.
    @Test(arguments: [
        (#"..\..\win.bin"#, "backslash"), ("evil\u{202E}fdp.bin", "formatting"),
        ("zero\u{200B}width.bin", "formatting"),
        ("line\u{2028}separator.bin", "formatting"),
    ])
    func namesLocalHashingRefuses(name: String, problem: String) throws {
        let directory = try TemporaryDirectory()
        try directory.write("model/ok.bin", [1])
        try directory.write("model/" + name, [2])
        do {
            _ = try ArtifactHasher().hash(path: directory.file("model"))
            Issue.record("\(name) was hashed")
        } catch let error as HashingError {
            #expect("\(error)".contains(problem), "\(error)")
        }
        #expect(Manifest.validate(relativePath: "sub/" + name) != nil)
        #expect(Manifest.validate(relativePath: "a/./b") != nil && Manifest.validate(relativePath: "a//b") != nil)
        #expect(Manifest.validate(relativePath: "sub/ünïcödé/é.bin") == nil)
    }

    /// Root reads files whatever their mode, so this runs only as another user.
    @Test(.enabled(if: getuid() != 0)) func unreadableFileIsAnError() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("secret.bin", [1, 2, 3])
        chmod(path, 0)
        #expect(throws: HashingError.self) { try ArtifactHasher().hash(path: path) }
    }
}
