// swift-tools-version: 6.0
import PackageDescription

// Layers, each importing only those below it (see README "Layout"):
// COpenSSL → Hashing → TransparencyLog; LedgerCore → LedgerPolicy, ModelFiles; LedgerStore → LedgerApp → weightledger
let package = Package(
    name: "WeightLedger",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "weightledger", targets: ["weightledger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        .target(name: "Hashing", dependencies: ["COpenSSL"]),
        .target(name: "LedgerCore"),
        .target(name: "LedgerPolicy", dependencies: ["LedgerCore"]),
        .target(name: "ModelFiles", dependencies: ["LedgerCore"]),
        .target(name: "TransparencyLog", dependencies: ["Hashing"]),
        .target(
            name: "LedgerStore",
            dependencies: ["LedgerCore", "Hashing", "TransparencyLog", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "LedgerApp", dependencies: ["LedgerStore", "LedgerPolicy", "LedgerCore", "Hashing", "ModelFiles", "TransparencyLog"]),
        .target(name: "LedgerServer", dependencies: ["LedgerApp", "LedgerStore", "LedgerCore", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log")]),
        .executableTarget(
            name: "weightledger",
            dependencies: ["LedgerApp", "LedgerServer", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "weightledger-bench",
            dependencies: ["LedgerApp", "LedgerStore", "LedgerCore", "Hashing", "TransparencyLog", "ModelFiles"],
            path: "Benchmarks/weightledger-bench"
        ),
        .executableTarget(name: "weightledger-fuzz", dependencies: ["ModelFiles"], path: "Fuzz/weightledger-fuzz"),
        .target(name: "TestSupport", dependencies: ["ModelFiles"], path: "Tests/TestSupport"),
        .testTarget(name: "HashingTests", dependencies: ["Hashing", "TestSupport"]),
        .testTarget(name: "LedgerCoreTests", dependencies: ["LedgerCore"]),
        .testTarget(name: "LedgerPolicyTests", dependencies: ["LedgerPolicy", "LedgerCore"]),
        .testTarget(name: "TransparencyLogTests", dependencies: ["TransparencyLog", "Hashing", "TestSupport"]),
        .testTarget(name: "ModelFilesTests", dependencies: ["ModelFiles", "LedgerApp", "TestSupport"], exclude: ["Regressions"]),
        .testTarget(
            name: "LedgerStoreTests",
            dependencies: ["LedgerStore", "LedgerApp", "ModelFiles", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "CLITests", dependencies: ["weightledger", "LedgerApp", "LedgerStore", "ModelFiles", "TransparencyLog", "Hashing", "TestSupport"]),
    ]
)
