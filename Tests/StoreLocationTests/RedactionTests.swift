@testable import StoreLocation
import XCTest

/// No text made from a location, an error or a warning holds the password, wherever it came from.
final class RedactionTests: XCTestCase {
    private let secret = "s3cr3t-pw"
    private var home: TemporaryFolder!

    override func setUpWithError() throws {
        home = try TemporaryFolder()
    }

    override func tearDown() {
        home = nil
    }

    /// Every text a caller might print or log about the location.
    private func texts(of location: LedgerLocation) throws -> [String] {
        guard case .postgres(let server) = location else { throw UnexpectedFile() }
        var dumped = "", dumpedServer = ""
        dump(location, to: &dumped)
        dump(server, to: &dumpedServer)
        return [
            location.displayName, location.description, location.debugDescription, "\(location)",
            String(describing: location), String(reflecting: location), dumped, "\([location])", "\(Optional(location) as Any)",
            server.redactedURL, server.description, server.debugDescription, "\(server)",
            String(describing: server), String(reflecting: server), dumpedServer, "\(["k": server])",
        ] + server.warnings
    }

    private func assertNoSecret(_ texts: [String], file: StaticString = #filePath, line: UInt = #line) {
        for text in texts {
            XCTAssertFalse(text.contains(secret), "leaks the password: \(text)", file: file, line: line)
            XCTAssertFalse(text.contains("s3cr3t"), "leaks part of the password: \(text)", file: file, line: line)
        }
    }

    func testPasswordInTheURLIsInNoText() throws {
        let location = try Fixture.parse("postgresql://alice:\(secret)@db.example.com:6432/ledger?sslmode=require")
        guard case .postgres(let server) = location else { throw UnexpectedFile() }
        XCTAssertEqual(server.password, secret, "the password is kept for the driver")
        XCTAssertEqual(server.redactedURL, "postgresql://alice:***@db.example.com:6432/ledger?sslmode=require")
        XCTAssertEqual(String(reflecting: server), server.redactedURL)
        XCTAssertEqual(String(describing: location), server.redactedURL)
        XCTAssertEqual(String(reflecting: location), server.redactedURL)
        XCTAssertEqual(server.warnings.count, 1)
        assertNoSecret(try texts(of: location))
    }

    func testPasswordAsAQueryParameterIsInNoText() throws {
        let location = try Fixture.parse("postgresql://alice@db/ledger?password=\(secret)&application_name=x")
        assertNoSecret(try texts(of: location))
    }

    func testPasswordFromTheEnvironmentOrFileIsInNoText() throws {
        let fromEnvironment = try Fixture.parse("postgresql://alice@db/ledger", ["PGPASSWORD": secret])
        XCTAssertEqual(fromEnvironment.displayName, "postgresql://alice:***@db:5432/ledger?sslmode=prefer")
        assertNoSecret(try texts(of: fromEnvironment))
        try home.write(".pgpass", "*:*:*:*:\(secret)\n")
        let fromFile = try Fixture.parse("postgresql://alice@db/ledger", home: home.path)
        assertNoSecret(try texts(of: fromFile))
        try home.write(".pgpass", "*:*:*:*:\(secret)\n", mode: 0o644)
        assertNoSecret(try texts(of: Fixture.parse("postgresql://alice@db/ledger", home: home.path)))
    }

    func testNoPasswordNoStars() throws {
        XCTAssertEqual(try Fixture.parse("postgresql://alice@db/ledger").displayName,
                       "postgresql://alice@db:5432/ledger?sslmode=prefer")
    }

    func testRedactedURLEncodesOddCharacters() throws {
        let server = try Fixture.postgres("postgresql://a%3Ab%40c:x@h/d%2F%3Fe")
        XCTAssertEqual(server.redactedURL, "postgresql://a%3Ab%40c:***@h:5432/d%2F%3Fe?sslmode=prefer")
    }

    /// Each URL holds the password and fails for a different reason.
    func testNoErrorShowsThePassword() {
        let failing: [(String, [String: String])] = [
            ("postgresql://alice:\(secret)@db:99999/ledger", [:]),
            ("postgresql://alice:\(secret)@db/ledger?bogus=1", [:]),
            ("postgresql://alice:\(secret)@db/ledger?sslmode=nope", [:]),
            ("postgresql://alice:\(secret)@db/ledger?sslmode=verify-full", [:]),
            ("postgresql://alice:\(secret)@db/ledger?sslmode=verify-ca&sslrootcert=/no/such.crt", [:]),
            ("postgresql://alice:\(secret)@db/ledger?sslmode=require&sslrootcert=system", [:]),
            ("postgresql://alice:\(secret)@db/ledger?connect_timeout=x", [:]),
            ("postgresql://alice:\(secret)@db/ledger", ["PGPORT": "x"]),
            ("postgresql://alice:\(secret)@a,b/ledger", [:]),
            ("postgresql://alice:\(secret)@[::1/ledger", [:]),
            ("postgresql://alice:\(secret)%zz@db/ledger", [:]),
            ("postgresql://alice:\(secret)%00@db/ledger", [:]),
            ("postgresql://alice:\(secret)%FF@db/ledger", [:]),
            ("postgresql://:\(secret)@db/ledger", [:]),
            ("postgresql://alice:s3cr3t/pw@db/ledger", [:]),
            ("postgresql://alice:s3cr3t?pw@db/ledger", [:]),
            ("postgresql://alice:s3cr3t@pw@db/ledger?application_name=a@b", [:]),
            ("postgresql://alice:123/s3cr3t@db/ledger", [:]),
            ("postgresql://db/ledger?password=\(secret)&bogus=1", [:]),
            ("postgresql://db/ledger?password=\(secret)%zz", [:]),
            ("postgresql://db/ledger?password=\(secret)=x", [:]),
            ("postgresql://db/ledger?pass%77ord=\(secret)&sslmode=x", [:]),
            ("postgresql://db/ledger?pass%zzord=\(secret)", [:]),
            ("postgresql://db/ledger?application_name=a@b&password=\(secret)", [:]),
            ("  postgresql://alice:\(secret)@db/ledger", [:]),
        ]
        for (value, environment) in failing {
            guard let error = Fixture.error(value, environment, systemUser: nil) else { continue }
            let texts = [error.description, String(describing: error), String(reflecting: error), "\(error)"]
            for text in texts {
                XCTAssertFalse(text.contains("s3cr3t"), "\(value) → \(text)")
                XCTAssertFalse(text.contains("\n"), "more than one line: \(text)")
            }
        }
    }

    func testErrorsNameTheRedactedURL() {
        XCTAssertEqual(Fixture.error("postgresql://alice:\(secret)@db:0/ledger")?.description,
                       "ledger URL postgresql://alice:***@db:0/ledger: invalid port '0'; use a number from 1 to 65535")
        XCTAssertEqual(Fixture.error("postgresql://alice:\(secret)%zz@db/ledger")?.description,
                       "ledger URL postgresql://alice:***@db/ledger: invalid percent-encoding in the password; write '%' as %25")
        XCTAssertEqual(Fixture.error("postgresql://alice:s3cr3t/pw@db/ledger")?.description,
                       "ledger URL postgresql://***@db/ledger: an '@' after the host; write '@' as %40, "
                       + "and '/' and '?' in a user name or password as %2F and %3F")
        XCTAssertEqual(Fixture.error("postgresql://db/ledger?password=\(secret)&bogus=1")?.description,
                       "ledger URL postgresql://db/ledger?password=***&bogus=1: unknown parameter 'bogus'; use "
                       + "application_name, connect_timeout, dbname, host, password, port, sslmode, sslrootcert or user")
    }

    func testRedactionOfRawValues() {
        XCTAssertEqual(URLRedaction.redacted("postgresql://u:p@h/d?password=q&x=1&pass%77ord=r&p%zz=s"),
                       "postgresql://u:***@h/d?password=***&x=1&pass%77ord=***&p%zz=***")
        XCTAssertEqual(URLRedaction.redacted("postgresql://u@h/d"), "postgresql://u@h/d")
        XCTAssertEqual(URLRedaction.redacted("postgresql://u:p@h/d\nX"), "postgresql://u:***@h/d%0AX")
    }

    func testControlCharactersCannotBreakTheLine() {
        XCTAssertEqual(Fixture.error("postgresql://h/d?sslmode=a%0Ab")?.description,
                       "ledger URL postgresql://h/d?sslmode=a%0Ab: invalid sslmode 'a%0Ab'; "
                       + "use one of disable, allow, prefer, require, verify-ca, verify-full")
        XCTAssertEqual(Fixture.error("postgresql://h/d?sslmode=\u{1B}[2J")?.description.contains("\u{1B}"), false)
    }
}
