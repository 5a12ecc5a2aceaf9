// swift-tools-version: 6.0
import PackageDescription

// Layers: each module imports only modules of lower layers, and declares every one it imports
// (scripts/check-imports.py reads this block and the README's "Layout" table; .ci/run runs it).
// 1 COpenSSL, CGraphviz, CPangoCairo — C bridges
// 2 Hashing, LedgerCore, Drawing — SHA-256 and Ed25519, the pure domain and its typed commands, graph layout and PDF
// 3 ModelFiles, ModelSigning, TransparencyLog, LedgerPolicy — model files, model signatures, Merkle log, pure policy
// 4 LedgerStore — storage protocols (ledger, reader, writer, event log and tree, locks, replay) and verify
// 5 LedgerSQLite, LedgerUseCases — the SQLite backend (GRDB); use cases shared by every surface
// 6 LedgerRender, LedgerClient, LedgerPostgres — renderers, the HTTP client, the PostgreSQL backend
// 7 LedgerDemo, LedgerServer — the demo story, the HTTP server
// 8 weightledger — the CLI
let package = Package(
    name: "WeightLedger",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "weightledger", targets: ["weightledger"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]
        ),
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev"]), .brew(["pango", "cairo"])]
        ),
        .target(name: "Hashing", dependencies: ["COpenSSL"]),
        .target(name: "Drawing", dependencies: ["CGraphviz", "CPangoCairo"]),
        .target(name: "LedgerCore"),
        .target(name: "LedgerPolicy", dependencies: ["LedgerCore"]),
        .target(name: "ModelFiles", dependencies: ["LedgerCore", .product(name: "Yams", package: "Yams")]),
        .target(name: "ModelSigning", dependencies: ["LedgerCore", "Hashing"]),
        .target(name: "TransparencyLog", dependencies: ["Hashing"]),
        .target(name: "LedgerStore", dependencies: ["LedgerCore", "Hashing", "TransparencyLog"]),
        .target(
            name: "LedgerSQLite",
            dependencies: [
                "LedgerStore", "LedgerCore", "Hashing", "TransparencyLog",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "LedgerPostgres",
            dependencies: [
                "LedgerSQLite", "LedgerStore", "LedgerCore", "Hashing", "TransparencyLog",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "LedgerUseCases",
            dependencies: [
                "LedgerStore", "LedgerPolicy", "LedgerCore", "Hashing", "ModelFiles", "ModelSigning", "TransparencyLog",
            ]
        ),
        .target(
            name: "LedgerRender",
            dependencies: [
                "Drawing", "LedgerUseCases", "LedgerStore", "LedgerPolicy", "LedgerCore", "Hashing", "TransparencyLog",
                "ModelSigning",
            ]
        ),
        .target(name: "LedgerClient", dependencies: ["LedgerUseCases", "LedgerCore", "Hashing"]),
        .target(
            name: "LedgerDemo",
            dependencies: ["LedgerUseCases", "LedgerRender", "LedgerPolicy", "LedgerCore", "ModelFiles"]),
        .target(
            name: "LedgerServer",
            dependencies: [
                "LedgerUseCases", "LedgerRender", "LedgerStore", "LedgerPolicy", "LedgerCore", "Hashing",
                "TransparencyLog",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "weightledger",
            dependencies: [
                "LedgerUseCases", "LedgerRender", "LedgerClient", "LedgerDemo", "LedgerServer", "LedgerSQLite",
                "LedgerStore", "LedgerPostgres",
                "LedgerPolicy", "LedgerCore", "Hashing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "weightledger-bench",
            dependencies: [
                "LedgerUseCases", "LedgerSQLite", "LedgerPostgres", "LedgerStore", "LedgerCore", "Hashing",
                "TransparencyLog",
                "ModelFiles",
            ],
            path: "Benchmarks/weightledger-bench"
        ),
        .executableTarget(name: "weightledger-fuzz", dependencies: ["ModelFiles"], path: "Fuzz/weightledger-fuzz"),
        .target(name: "TestSupport", dependencies: ["ModelFiles"], path: "Tests/TestSupport"),
        .testTarget(name: "HashingTests", dependencies: ["Hashing", "TestSupport"]),
        .testTarget(name: "LedgerCoreTests", dependencies: ["LedgerCore"]),
        .testTarget(name: "ModelSigningTests", dependencies: ["ModelSigning", "Hashing", "LedgerCore", "TestSupport"]),
        .testTarget(name: "DrawingTests", dependencies: ["Drawing"]),
        .testTarget(name: "LedgerPolicyTests", dependencies: ["LedgerPolicy", "LedgerCore"]),
        .testTarget(name: "TransparencyLogTests", dependencies: ["TransparencyLog", "Hashing", "TestSupport"]),
        .testTarget(
            name: "ModelFilesTests", dependencies: ["ModelFiles", "LedgerCore", "LedgerUseCases", "TestSupport"],
            exclude: ["Regressions", "Fixtures"]),
        .testTarget(
            name: "LedgerStoreTests",
            dependencies: [
                "LedgerStore", "LedgerSQLite", "LedgerPostgres", "LedgerUseCases", "LedgerRender", "LedgerDemo",
                "LedgerPolicy",
                "LedgerCore", "Hashing",
                "ModelFiles", "TestSupport", "TransparencyLog", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "ServerRouterTests",
            dependencies: [
                "LedgerServer", "LedgerSQLite", "LedgerPostgres", "LedgerStore", "LedgerUseCases", "LedgerCore",
                "Hashing",
                "TestSupport", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "weightledger", "LedgerUseCases", "LedgerRender", "LedgerStore", "LedgerSQLite", "LedgerPostgres",
                "LedgerCore",
                "ModelFiles",
                "TransparencyLog", "Hashing", "TestSupport",
            ],
            exclude: ["Fixtures"]
        ),
    ]
)
