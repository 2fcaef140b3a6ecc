@testable import StoreLocation
import XCTest

/// libpq's URI syntax: user info, hosts, ports, the database and the query.
final class URLSyntaxTests: XCTestCase {
    func testAllParts() throws {
        let server = try Fixture.postgres("postgresql://ops@db.example.com:6432/ledger")
        XCTAssertEqual(server.user, "ops")
        XCTAssertEqual(server.host, "db.example.com")
        XCTAssertEqual(server.port, 6432)
        XCTAssertEqual(server.database, "ledger")
        XCTAssertEqual(server.endpoint, "db.example.com:6432")
        XCTAssertNil(server.unixSocketPath)
    }

    func testIPv6HostInBrackets() throws {
        let server = try Fixture.postgres("postgresql://[::1]:5433/ledger")
        XCTAssertEqual(server.host, "::1")
        XCTAssertEqual(server.port, 5433)
        XCTAssertEqual(server.endpoint, "[::1]:5433")
        XCTAssertEqual(server.redactedURL, "postgresql://osuser@[::1]:5433/ledger?sslmode=prefer")
        XCTAssertEqual(try Fixture.postgres("postgresql://[2001:db8::7]").host, "2001:db8::7")
        XCTAssertEqual(try Fixture.postgres("postgresql://[fe80::1%25eth0]/x").host, "fe80::1%eth0")
    }

    func testIPv6Mistakes() {
        XCTAssertEqual(Fixture.error("postgresql://[::1/ledger"),
                       .malformedURL(url: "postgresql://[::1/ledger", problem: "no ']' after the IPv6 address; write it as [::1]"))
        XCTAssertEqual(Fixture.error("postgresql://[]:5432/x")?.description,
                       "ledger URL postgresql://[]:5432/x: empty IPv6 address '[]'; give an address or leave the host out")
        XCTAssertEqual(Fixture.error("postgresql://[::1]x/ledger")?.description,
                       "ledger URL postgresql://[::1]x/ledger: unexpected 'x' after the IPv6 address; expected ':' and a port")
    }

    func testPercentDecodingOfEveryPart() throws {
        let server = try Fixture.postgres(
            "postgresql://al%40ice:p%3Aw%2Fd@my%2Dhost/led%20ger%2Fx?application_name=a%26b%3Dc&sslrootcert=system")
        XCTAssertEqual(server.user, "al@ice")
        XCTAssertEqual(server.password, "p:w/d")
        XCTAssertEqual(server.host, "my-host")
        XCTAssertEqual(server.database, "led ger/x")
        XCTAssertEqual(server.applicationName, "a&b=c")
        XCTAssertEqual(try Fixture.postgres("postgresql://db/a+b").database, "a+b", "libpq keeps '+' as is")
        XCTAssertEqual(try Fixture.postgres("postgresql://db/caf%C3%A9").database, "café")
    }

    func testBadPercentEncodingIsAnError() {
        XCTAssertEqual(Fixture.error("postgresql://db/a%zzb")?.description,
                       "ledger URL postgresql://db/a%zzb: invalid percent-encoding '%zz' in the database name; write '%' as %25")
        XCTAssertEqual(Fixture.error("postgresql://db/ab%4")?.description,
                       "ledger URL postgresql://db/ab%4: invalid percent-encoding '%4' in the database name; write '%' as %25")
        XCTAssertEqual(Fixture.error("postgresql://db/a%00")?.description,
                       "ledger URL postgresql://db/a%00: %00 in the database name; libpq does not allow a zero byte")
        XCTAssertEqual(Fixture.error("postgresql://u%FF@db/x")?.description,
                       "ledger URL postgresql://u%FF@db/x: the user name is not UTF-8 once percent-decoded")
    }

    func testPercentEncodedSocketDirectoryHost() throws {
        let server = try Fixture.postgres("postgresql://%2Fvar%2Frun%2Fpostgresql:5433/ledger")
        XCTAssertEqual(server.host, "/var/run/postgresql")
        XCTAssertTrue(server.isUnixSocket)
        XCTAssertEqual(server.unixSocketPath, "/var/run/postgresql/.s.PGSQL.5433")
        XCTAssertEqual(server.endpoint, "/var/run/postgresql/.s.PGSQL.5433")
        XCTAssertEqual(server.redactedURL, "postgresql://osuser@%2Fvar%2Frun%2Fpostgresql:5433/ledger?sslmode=prefer")
        XCTAssertEqual(try Fixture.postgres("postgresql://%2Ftmp%2F/x").unixSocketPath, "/tmp/.s.PGSQL.5432")
        XCTAssertEqual(try Fixture.postgres("postgresql:///x?host=/tmp").unixSocketPath, "/tmp/.s.PGSQL.5432")
    }

    func testPortMustBeDigitsFrom1To65535() throws {
        XCTAssertEqual(try Fixture.postgres("postgresql://db:1/x").port, 1)
        XCTAssertEqual(try Fixture.postgres("postgresql://db:65535/x").port, 65535)
        XCTAssertEqual(try Fixture.postgres("postgresql://db:/x").port, 5432, "an empty port is unset, as in libpq")
        for bad in ["0", "65536", "-1", "+5432", " 5432", "54a", "99999999999999999999999", "0x10"] {
            XCTAssertEqual(Fixture.error("postgresql://db:\(bad)/x"),
                           .invalidPort(url: "postgresql://db:\(bad)/x", value: bad, source: .url), bad)
        }
        XCTAssertEqual(Fixture.error("postgresql://db:http/x")?.description,
                       "ledger URL postgresql://db:http/x: invalid port 'http'; use a number from 1 to 65535")
    }

    func testSeveralHostsAreRefused() {
        XCTAssertEqual(Fixture.error("postgresql://a:5432,b:5433/x")?.description,
                       "ledger URL postgresql://a:5432,b:5433/x: host 'a:5432,b:5433' names several hosts, "
                       + "which dsledger does not support; give one host")
        XCTAssertEqual(Fixture.error("postgresql://a%2Cb/x"),
                       .severalHosts(url: "postgresql://a%2Cb/x", hosts: "a,b", source: .url))
        XCTAssertEqual(Fixture.error("postgresql:///x?host=a,b"),
                       .severalHosts(url: "postgresql:///x?host=a,b", hosts: "a,b", source: .url))
    }

    func testRawAtAfterTheHostIsRefused() {
        let expected = "an '@' after the host; write '@' as %40, and '/' and '?' in a user name or password as %2F and %3F"
        XCTAssertEqual(Fixture.error("postgresql://db/a@b"), .malformedURL(url: "postgresql://***@b", problem: expected))
        XCTAssertEqual(Fixture.error("postgresql://db/x?application_name=me@laptop"),
                       .malformedURL(url: "postgresql://***@laptop", problem: expected))
        XCTAssertEqual(try Fixture.postgres("postgresql://db/a%40b").database, "a@b")
    }

    func testLastAtOfTheAuthoritySplitsUserInfo() throws {
        let server = try Fixture.postgres("postgresql://ops:p@ss@db/x")
        XCTAssertEqual(server.user, "ops")
        XCTAssertEqual(server.password, "p@ss")
        XCTAssertEqual(server.host, "db")
    }

    func testEmptyPartsAreUnset() throws {
        let server = try Fixture.postgres("postgresql://:@:/", ["PGHOST": "h", "PGUSER": "u", "PGDATABASE": "d"])
        XCTAssertEqual(server, PostgresLocation(host: "h", user: "u", database: "d"))
    }

    func testQueryParametersOverrideTheURLParts() throws {
        let server = try Fixture.postgres(
            "postgresql://u1:pw1@h1:1111/d1?user=u2&password=pw2&host=h2&port=2222&dbname=d2")
        XCTAssertEqual(server.user, "u2")
        XCTAssertEqual(server.password, "pw2")
        XCTAssertEqual(server.passwordSource, .url)
        XCTAssertEqual(server.host, "h2")
        XCTAssertEqual(server.port, 2222)
        XCTAssertEqual(server.database, "d2")
        XCTAssertEqual(try Fixture.postgres("postgresql:///?dbname=a&dbname=b").database, "b", "the last one wins")
        XCTAssertEqual(try Fixture.postgres("postgresql://h/d?host=").host, "h", "an empty value changes nothing")
    }

    func testQueryParameterPortIsChecked() {
        XCTAssertEqual(Fixture.error("postgresql://h/d?port=x"),
                       .invalidPort(url: "postgresql://h/d?port=x", value: "x", source: .url))
    }

    func testUnknownParametersAreRefused() {
        for name in ["options", "target_session_attrs", "ssl", "sslcert", "SSLMODE", "hostaddr"] {
            XCTAssertEqual(Fixture.error("postgresql://h/d?\(name)=1"),
                           .unknownParameter(url: "postgresql://h/d?\(name)=1", name: name), name)
        }
        XCTAssertEqual(Fixture.error("postgresql://h/d?sslmode=require&bogus=1")?.description,
                       "ledger URL postgresql://h/d?sslmode=require&bogus=1: unknown parameter 'bogus'; use "
                       + "application_name, connect_timeout, dbname, host, password, port, sslmode, sslrootcert or user")
    }

    func testQuerySeparatorsFollowLibpq() throws {
        XCTAssertEqual(try Fixture.postgres("postgresql://h/d?").database, "d")
        XCTAssertEqual(try Fixture.postgres("postgresql://h/d?application_name=x&").applicationName, "x")
        XCTAssertEqual(Fixture.error("postgresql://h/d?sslmode=require&&b=2")?.description,
                       "ledger URL postgresql://h/d?sslmode=require&&b=2: parameter '' has no '='; write name=value")
        XCTAssertEqual(Fixture.error("postgresql://h/d?sslmode")?.description,
                       "ledger URL postgresql://h/d?sslmode: parameter 'sslmode' has no '='; write name=value")
        XCTAssertEqual(Fixture.error("postgresql://h/d?application_name=a=b")?.description,
                       "ledger URL postgresql://h/d?application_name=a=b: parameter 'application_name' "
                       + "has a second '='; write '=' in a value as %3D")
    }

    func testCombiningMarksCannotHideDelimiters() throws {
        let afterSeparator = try Fixture.postgres("postgresql://\u{301}h/d")
        XCTAssertEqual(afterSeparator.host, "\u{301}h", "still a URL, never a file")
        let server = try Fixture.postgres("postgresql://u:pw@\u{301}h/\u{301}d")
        XCTAssertEqual(server.password, "pw")
        XCTAssertEqual(server.database, "\u{301}d")
        XCTAssertEqual(Fixture.error("postgresql://u:pw@h:1\u{301}/d"),
                       .invalidPort(url: "postgresql://u:***@h:1\u{301}/d", value: "1\u{301}", source: .url))
    }
}
