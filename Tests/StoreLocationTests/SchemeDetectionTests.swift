@testable import StoreLocation
import XCTest

/// Which values are URLs, which are files, and which are refused.
final class SchemeDetectionTests: XCTestCase {
    func testBothSchemeSpellingsInAnyCaseAreURLs() throws {
        for value in ["postgresql://db/ledger", "postgres://db/ledger", "PostgreSQL://db/ledger", "POSTGRES://db/ledger"] {
            let server = try Fixture.postgres(value)
            XCTAssertEqual(server.host, "db", value)
            XCTAssertEqual(server.database, "ledger", value)
        }
    }

    func testFilePathsStayFilesUnchanged() throws {
        for path in ["/var/lib/dsledger/ledger.db", "ledger.db", "./a/b.db", "~/x", "a:b.db", "C:ledger.db",
                     "postgres.db", "postgresql:ledger", "file:ledger.db", "dir/postgresql://x", " spaced.db"] {
            XCTAssertEqual(try Fixture.parse(path), .file(path: path), path)
        }
    }

    func testFileDisplayNameIsThePath() {
        let location = LedgerLocation.file(path: "/tmp/a:b.db")
        XCTAssertEqual(location.displayName, "/tmp/a:b.db")
        XCTAssertEqual("\(location)", "/tmp/a:b.db")
    }

    func testOtherSchemesAreRefusedNeverFiles() {
        XCTAssertEqual(Fixture.error("mysql://root@db/ledger"), .unsupportedScheme("mysql"))
        XCTAssertEqual(Fixture.error("mysql://root@db/ledger")?.description,
                       "unsupported ledger URL scheme 'mysql'; use a file path or postgresql://…")
        for (value, scheme) in [("sqlite:///tmp/x.db", "sqlite"), ("file:///tmp/x.db", "file"),
                                ("postgresql+psycopg://db", "postgresql+psycopg"), ("pg.v2-x://h", "pg.v2-x"),
                                ("postgressql://db", "postgressql")] {
            XCTAssertEqual(Fixture.error(value), .unsupportedScheme(scheme), value)
        }
    }

    func testEmptyValueIsAnError() {
        XCTAssertEqual(Fixture.error(""), .empty)
        XCTAssertEqual(LocationError.empty.description, "the ledger location is empty; use a file path or postgresql://…")
    }

    func testWhiteSpaceBeforeAURLIsAnErrorNotAFile() {
        XCTAssertEqual(Fixture.error("  postgresql://db/ledger")?.description,
                       "ledger URL   postgresql://db/ledger: white space before the URL; remove it")
    }

    func testBareSchemeUsesEveryDefault() throws {
        let server = try Fixture.postgres("postgresql://")
        XCTAssertEqual(server, PostgresLocation(host: "localhost", port: 5432, user: "osuser", database: "osuser"))
        XCTAssertEqual(server.redactedURL, "postgresql://osuser@localhost:5432/osuser?sslmode=prefer")
    }
}
