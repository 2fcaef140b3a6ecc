@testable import StoreLocation
import XCTest

/// What the URL leaves out comes from the environment, then libpq's defaults, in libpq's order.
final class DefaultsTests: XCTestCase {
    func testHostFromURLThenPGHOSTThenLocalhost() throws {
        XCTAssertEqual(try Fixture.postgres("postgresql://url-host/d", ["PGHOST": "env-host"]).host, "url-host")
        XCTAssertEqual(try Fixture.postgres("postgresql:///d", ["PGHOST": "env-host"]).host, "env-host")
        XCTAssertEqual(try Fixture.postgres("postgresql:///d", ["PGHOST": "/run/pg"]).unixSocketPath, "/run/pg/.s.PGSQL.5432")
        XCTAssertEqual(try Fixture.postgres("postgresql:///d").host, "localhost", "TCP, never a socket")
        XCTAssertEqual(try Fixture.postgres("postgresql:///d", ["PGHOST": ""]).host, "localhost", "empty is unset")
    }

    func testSeveralHostsInPGHOSTAreRefused() {
        XCTAssertEqual(Fixture.error("postgresql:///d", ["PGHOST": "a,b"])?.description,
                       "ledger URL postgresql:///d: host in PGHOST 'a,b' names several hosts, "
                       + "which dsledger does not support; give one host")
    }

    func testPortFromURLThenPGPORTThen5432() throws {
        XCTAssertEqual(try Fixture.postgres("postgresql://h:1111/d", ["PGPORT": "2222"]).port, 1111)
        XCTAssertEqual(try Fixture.postgres("postgresql://h/d", ["PGPORT": "2222"]).port, 2222)
        XCTAssertEqual(try Fixture.postgres("postgresql://h/d").port, 5432)
        XCTAssertEqual(Fixture.error("postgresql://h/d", ["PGPORT": "70000"])?.description,
                       "ledger URL postgresql://h/d: invalid port in PGPORT '70000'; use a number from 1 to 65535")
        XCTAssertEqual(Fixture.error("postgresql://h/d", ["PGPORT": "5432,5433"]),
                       .invalidPort(url: "postgresql://h/d", value: "5432,5433", source: .environment("PGPORT")))
    }

    func testUserFromURLThenPGUSERThenUSERThenLOGNAMEThenTheSystem() throws {
        let all = ["PGUSER": "pguser", "USER": "user", "LOGNAME": "logname"]
        XCTAssertEqual(try Fixture.postgres("postgresql://url@h", all).user, "url")
        XCTAssertEqual(try Fixture.postgres("postgresql://h", all).user, "pguser")
        XCTAssertEqual(try Fixture.postgres("postgresql://h", all.filter { $0.key != "PGUSER" }).user, "user")
        XCTAssertEqual(try Fixture.postgres("postgresql://h", ["LOGNAME": "logname", "USER": ""]).user, "logname")
        XCTAssertEqual(try Fixture.postgres("postgresql://h", [:], systemUser: "from-passwd").user, "from-passwd")
    }

    func testNoUserAnywhereIsAnError() {
        XCTAssertEqual(Fixture.error("postgresql://h/d", [:], systemUser: nil)?.description,
                       "ledger URL postgresql://h/d: cannot tell the user name; "
                       + "put it in the URL (postgresql://user@host/db) or set PGUSER")
    }

    func testTheRealSystemUserNameIsFound() {
        XCTAssertNotNil(SystemUser.name())
    }

    func testDatabaseFromURLThenPGDATABASEThenTheUser() throws {
        XCTAssertEqual(try Fixture.postgres("postgresql://u@h/urldb", ["PGDATABASE": "envdb"]).database, "urldb")
        XCTAssertEqual(try Fixture.postgres("postgresql://u@h/", ["PGDATABASE": "envdb"]).database, "envdb")
        XCTAssertEqual(try Fixture.postgres("postgresql://u@h", ["PGDATABASE": "envdb"]).database, "envdb")
        XCTAssertEqual(try Fixture.postgres("postgresql://u@h").database, "u")
        XCTAssertEqual(try Fixture.postgres("postgresql://h", ["PGUSER": "pguser"]).database, "pguser")
    }

    func testApplicationNameFromURLThenPGAPPNAME() throws {
        XCTAssertEqual(try Fixture.postgres("postgresql://h?application_name=url", ["PGAPPNAME": "env"]).applicationName, "url")
        XCTAssertEqual(try Fixture.postgres("postgresql://h", ["PGAPPNAME": "env"]).applicationName, "env")
        XCTAssertNil(try Fixture.postgres("postgresql://h").applicationName)
    }

    func testConnectTimeoutFromURLThenPGCONNECT_TIMEOUT() throws {
        XCTAssertEqual(try Fixture.postgres("postgresql://h?connect_timeout=7", ["PGCONNECT_TIMEOUT": "9"]).connectTimeout, 7)
        XCTAssertEqual(try Fixture.postgres("postgresql://h", ["PGCONNECT_TIMEOUT": "9"]).connectTimeout, 9)
        XCTAssertEqual(try Fixture.postgres("postgresql://h?connect_timeout=1").connectTimeout, 1)
        XCTAssertNil(try Fixture.postgres("postgresql://h").connectTimeout)
        XCTAssertNil(try Fixture.postgres("postgresql://h?connect_timeout=0").connectTimeout, "0 means the default")
        XCTAssertNil(try Fixture.postgres("postgresql://h", ["PGCONNECT_TIMEOUT": "0"]).connectTimeout)
    }

    func testInvalidConnectTimeoutIsAnError() {
        for bad in ["-1", "1.5", "ten", " 5", "99999999999999999999"] {
            XCTAssertEqual(Fixture.error("postgresql://h?connect_timeout=\(bad)"),
                           .invalidConnectTimeout(url: "postgresql://h?connect_timeout=\(bad)", value: bad, source: .url), bad)
        }
        XCTAssertEqual(Fixture.error("postgresql://h", ["PGCONNECT_TIMEOUT": "soon"])?.description,
                       "ledger URL postgresql://h: invalid connect_timeout in PGCONNECT_TIMEOUT 'soon'; "
                       + "use a whole number of seconds (0 for the default)")
    }

    func testEveryEnvironmentVariableAtOnce() throws {
        let environment = ["PGHOST": "eh", "PGPORT": "6000", "PGUSER": "eu", "PGDATABASE": "ed", "PGPASSWORD": "ep",
                           "PGSSLMODE": "require", "PGCONNECT_TIMEOUT": "3", "PGAPPNAME": "ea"]
        XCTAssertEqual(try Fixture.postgres("postgres://", environment), PostgresLocation(
            host: "eh", port: 6000, user: "eu", password: "ep", passwordSource: .environment, database: "ed",
            sslMode: .require, connectTimeout: 3, applicationName: "ea"))
    }
}
