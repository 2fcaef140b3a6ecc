@testable import StoreLocation
import XCTest

/// The password: URL, then `PGPASSWORD`, then the password file.
final class PasswordTests: XCTestCase {
    private var home: TemporaryFolder!

    override func setUpWithError() throws {
        home = try TemporaryFolder()
    }

    override func tearDown() {
        home = nil
    }

    private let urlWarning = "a password in the ledger URL is visible to other users of this machine (ps, /proc); "
        + "use PGPASSWORD or ~/.pgpass"

    func testPasswordInTheURLWinsAndIsWarnedAbout() throws {
        try home.write(".pgpass", "*:*:*:*:from-file\n")
        let server = try Fixture.postgres("postgresql://u:from-url@h/d", ["PGPASSWORD": "from-env"], home: home.path)
        XCTAssertEqual(server.password, "from-url")
        XCTAssertEqual(server.passwordSource, .url)
        XCTAssertTrue(server.passwordInURL)
        XCTAssertEqual(server.warnings, [urlWarning])
        XCTAssertEqual(try Fixture.postgres("postgresql://h/d?password=q", home: home.path).warnings, [urlWarning])
    }

    func testPGPASSWORDComesBeforeThePasswordFile() throws {
        try home.write(".pgpass", "*:*:*:*:from-file\n")
        let server = try Fixture.postgres("postgresql://u@h/d", ["PGPASSWORD": "from-env"], home: home.path)
        XCTAssertEqual(server.password, "from-env")
        XCTAssertEqual(server.passwordSource, .environment)
        XCTAssertFalse(server.passwordInURL)
        XCTAssertEqual(server.warnings, [])
    }

    func testPasswordFileInTheHomeFolder() throws {
        let path = try home.write(".pgpass", "*:*:*:*:from-file\n")
        let server = try Fixture.postgres("postgresql://u@h/d", ["PGPASSWORD": ""], home: home.path)
        XCTAssertEqual(server.password, "from-file")
        XCTAssertEqual(server.passwordSource, .passfile(path))
        XCTAssertEqual(server.warnings, [])
    }

    func testPGPASSFILEReplacesTheHomeFile() throws {
        try home.write(".pgpass", "*:*:*:*:home\n")
        let other = try home.write("elsewhere/passwords", "*:*:*:*:other\n")
        let server = try Fixture.postgres("postgresql://u@h/d", ["PGPASSFILE": other], home: home.path)
        XCTAssertEqual(server.password, "other")
        XCTAssertEqual(server.passwordSource, .passfile(other))
    }

    func testNoPasswordAnywhere() throws {
        let server = try Fixture.postgres("postgresql://u@h/d", home: home.path)
        XCTAssertNil(server.password)
        XCTAssertEqual(server.passwordSource, .none)
        XCTAssertEqual(server.warnings, [])
        XCTAssertNil(try Fixture.postgres("postgresql://u@h/d", home: "").password, "no home, no file")
    }

    func testEachFieldMustMatchInOrder() throws {
        try home.write(".pgpass", """
            other:5432:d:u:wrong-host
            h:5433:d:u:wrong-port
            h:5432:other:u:wrong-database
            h:5432:d:other:wrong-user
            h:5432:d:u:right

            """)
        XCTAssertEqual(try Fixture.postgres("postgresql://u@h/d", home: home.path).password, "right")
    }

    func testWildcardsCommentsBlankLinesAndFirstMatchWins() throws {
        try home.write(".pgpass", """
            # h:5432:d:u:commented-out

            db.example.com:*:*:ops:ops-anywhere
            *:6432:ledger:*:first
            *:*:*:*:second
            """)
        XCTAssertEqual(try Fixture.postgres("postgresql://ops@db.example.com/x", home: home.path).password, "ops-anywhere")
        XCTAssertEqual(try Fixture.postgres("postgresql://me@h:6432/ledger", home: home.path).password, "first")
        XCTAssertEqual(try Fixture.postgres("postgresql://me@h:6433/ledger", home: home.path).password, "second")
    }

    func testStarMatchesOnlyAsAWholeField() throws {
        try home.write(".pgpass", "db*:*:*:*:prefix\n\\*:*:*:*:literal-star\n")
        XCTAssertNil(try Fixture.postgres("postgresql://u@db1/d", home: home.path).password)
        XCTAssertEqual(try Fixture.postgres("postgresql://u@db*/d", home: home.path).password, "prefix")
    }

    func testEscapedColonsAndBackslashes() throws {
        try home.write(".pgpass", #"""
            *:*:we\:ird\\db:*:pa\:ss\\wo\rd:ignored-extra
            """#)
        let server = try Fixture.postgres(#"postgresql://u@h/we%3Aird%5Cdb"#, home: home.path)
        XCTAssertEqual(server.password, #"pa:ss\word"#)
    }

    func testIPv6HostMatchesWithEscapedColons() throws {
        try home.write(".pgpass", #"\:\:1:5432:*:*:v6"# + "\n")
        XCTAssertEqual(try Fixture.postgres("postgresql://u@[::1]/d", home: home.path).password, "v6")
    }

    func testCRLFLineEndings() throws {
        try home.write(".pgpass", "h:5432:d:u:windows\r\n*:*:*:*:later\r\n")
        XCTAssertEqual(try Fixture.postgres("postgresql://u@h/d", home: home.path).password, "windows")
    }

    func testLocalhostAlsoMatchesASocketHost() throws {
        try home.write(".pgpass", "localhost:5432:*:*:local\n")
        XCTAssertEqual(try Fixture.postgres("postgresql://u@%2Frun%2Fpg/d", home: home.path).password, "local")
        try home.write(".pgpass", "/run/pg:5432:*:*:by-directory\nlocalhost:5432:*:*:local\n")
        XCTAssertEqual(try Fixture.postgres("postgresql://u@%2Frun%2Fpg/d", home: home.path).password, "by-directory")
        XCTAssertNil(try Fixture.postgres("postgresql://u@127.0.0.1/d", home: home.path).password)
    }

    func testDefaultsAreMatchedNotJustURLParts() throws {
        try home.write(".pgpass", "localhost:5432:osuser:osuser:defaults\n")
        let server = try Fixture.postgres("postgresql://", home: home.path)
        XCTAssertEqual(server.password, "defaults")
    }

    func testFileWithGroupOrWorldAccessIsIgnoredWithAWarning() throws {
        let path = try home.write(".pgpass", "*:*:*:*:exposed\n", mode: 0o644)
        let server = try Fixture.postgres("postgresql://u@h/d", home: home.path)
        XCTAssertNil(server.password)
        XCTAssertEqual(server.passwordSource, .none)
        XCTAssertEqual(server.warnings, [
            "the password file \(path) has group or world access (mode 0644); it is ignored (chmod 0600 it)",
        ])
        for mode in [0o640, 0o604, 0o601, 0o610] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            XCTAssertNil(try Fixture.postgres("postgresql://u@h/d", home: home.path).password, String(mode, radix: 8))
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: path)
        XCTAssertEqual(try Fixture.postgres("postgresql://u@h/d", home: home.path).password, "exposed")
    }

    func testAFolderIsNotAPasswordFile() throws {
        try FileManager.default.createDirectory(atPath: home.path + "/.pgpass", withIntermediateDirectories: false)
        let server = try Fixture.postgres("postgresql://u@h/d", home: home.path)
        XCTAssertNil(server.password)
        XCTAssertEqual(server.warnings, ["the password file \(home.path)/.pgpass is not a regular file; it is ignored"])
    }

    func testEmptyPasswordOnTheFirstMatchMeansNone() throws {
        try home.write(".pgpass", "h:*:*:*:\n*:*:*:*:later\n")
        XCTAssertNil(try Fixture.postgres("postgresql://u@h/d", home: home.path).password)
    }
}
