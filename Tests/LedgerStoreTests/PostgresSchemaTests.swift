import Foundation
import Testing

@testable import LedgerPostgres

/// schema/postgresql.sql is what `weightledger migrate` creates, and database URLs parse as
/// documented (docs/postgresql.md) without ever showing a password.
@Suite struct PostgresSchemaTests {
    static let schemaFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("schema/postgresql.sql")

    @Test func schemaFileIsTheMigrations() throws {
        let actual = PostgresSchema.document
        if ProcessInfo.processInfo.environment["WEIGHTLEDGER_UPDATE_SCHEMA"] == "1" {
            try actual.write(to: Self.schemaFile, atomically: true, encoding: .utf8)
        }
        let recorded = try String(contentsOf: Self.schemaFile, encoding: .utf8)
        #expect(
            recorded == actual,
            """
            schema/postgresql.sql is stale; regenerate with \
            WEIGHTLEDGER_UPDATE_SCHEMA=1 swift test --filter SchemaTests
            """
        )
        // Every trigger verify looks for is created by a migration.
        for trigger in PostgresSchema.triggers { #expect(actual.contains("CREATE TRIGGER \(trigger) ")) }
    }

    @Test(arguments: [
        ("postgresql://wl@127.0.0.1:5433/ledger", "postgresql://wl@127.0.0.1:5433/ledger", false),
        ("postgres://wl:s%40cret@db.internal/ledger?sslmode=require", "postgresql://wl@db.internal:5432/ledger", true),
        (
            "postgresql://wl@/ledger?host=/run/postgresql", "postgresql://wl@[/run/postgresql/.s.PGSQL.5432]/ledger",
            false
        ),
        ("postgresql://wl@h/ledger?sslmode=verify-full&application_name=x", "postgresql://wl@h:5432/ledger", true),
    ])
    func goodURLs(url: String, shown: String, tls: Bool) throws {
        let address = try PostgresAddress(url)
        #expect(address.description == shown)
        #expect(address.tls == tls)
        #expect(!address.description.contains("s@cret") && !address.description.contains("s%40cret"))
    }

    @Test func passwordsArePercentDecodedAndNeverShown() throws {
        let address = try PostgresAddress("postgresql://wl:s%40cret@db/ledger")
        #expect(address.password == "s@cret")
        for bad in [
            "postgresql://wl:secret@db/", "postgresql://:secret@db/ledger",
            "postgresql://wl:secret@db/ledger?sslmode=allow",
            "postgresql://wl:secret@db/ledger?colour=blue", "mysql://wl:secret@db/ledger",
            "postgresql://wl:secret@/ledger",
            "postgresql://wl:secret@db:0/ledger",
        ] {
            #expect(throws: AddressError.self, "\(bad)") { try PostgresAddress(bad) }
            do {
                _ = try PostgresAddress(bad)
            } catch {
                #expect(!"\(error)".contains("secret"), "\(error)")
            }
        }
    }

    @Test func mirrorsAreNamedPerDatabaseUnderTheCacheDirectory() throws {
        let address = try PostgresAddress("postgresql://wl:pw@db/ledger")
        let other = try PostgresAddress("postgresql://wl:pw@db/other")
        let home = try PostgresLocation.mirrorPath(for: address, environment: ["HOME": "/home/a"])
        #expect(home.hasPrefix("/home/a/.cache/weightledger/mirrors/") && home.hasSuffix(".db"))
        #expect(home != (try PostgresLocation.mirrorPath(for: other, environment: ["HOME": "/home/a"])))
        #expect(
            try PostgresLocation.mirrorPath(
                for: address, environment: ["CACHE_DIRECTORY": "/var/cache/wl", "HOME": "/h"]
            )
            .hasPrefix("/var/cache/wl/mirrors/"))
        #expect(
            try PostgresLocation.mirrorPath(for: address, environment: ["WEIGHTLEDGER_MIRROR": "/m.db", "HOME": "/h"])
                == "/m.db")
        #expect(throws: (any Error).self) { try PostgresLocation.mirrorPath(for: address, environment: [:]) }
    }
}
