@testable import StoreLocation
import XCTest

/// `sslmode` and `sslrootcert`: their sources, defaults and libpq's checks of the pair.
final class TLSTests: XCTestCase {
    private var home: TemporaryFolder!

    override func setUpWithError() throws {
        home = try TemporaryFolder()
    }

    override func tearDown() {
        home = nil
    }

    func testSSLModeDefaultsToPrefer() throws {
        XCTAssertEqual(try Fixture.postgres("postgresql://h/d").sslMode, .prefer)
        XCTAssertEqual(try Fixture.postgres("postgresql://h/d", ["PGSSLMODE": ""]).sslMode, .prefer)
    }

    func testSSLModeFromURLThenPGSSLMODE() throws {
        XCTAssertEqual(try Fixture.postgres("postgresql://h/d?sslmode=disable", ["PGSSLMODE": "require"]).sslMode, .disable)
        XCTAssertEqual(try Fixture.postgres("postgresql://h/d", ["PGSSLMODE": "require"]).sslMode, .require)
        for mode in SSLMode.allCases where !mode.verifiesCertificate {
            XCTAssertEqual(try Fixture.postgres("postgresql://h/d?sslmode=\(mode.rawValue)").sslMode, mode)
        }
    }

    func testInvalidSSLModeNamesItAndTheValidOnes() {
        XCTAssertEqual(Fixture.error("postgresql://h/d?sslmode=verify_full")?.description,
                       "ledger URL postgresql://h/d?sslmode=verify_full: invalid sslmode 'verify_full'; "
                       + "use one of disable, allow, prefer, require, verify-ca, verify-full")
        XCTAssertEqual(Fixture.error("postgresql://h/d", ["PGSSLMODE": "REQUIRE"]),
                       .invalidSSLMode(url: "postgresql://h/d", value: "REQUIRE", source: .environment("PGSSLMODE")))
        XCTAssertEqual(Fixture.error("postgresql://h/d", ["PGSSLMODE": "on"])?.description,
                       "ledger URL postgresql://h/d: invalid sslmode in PGSSLMODE 'on'; "
                       + "use one of disable, allow, prefer, require, verify-ca, verify-full")
    }

    func testVerifyModesWithoutARootCertificateAreErrors() {
        XCTAssertEqual(Fixture.error("postgresql://h/d?sslmode=verify-full", home: home.path)?.description,
                       "ledger URL postgresql://h/d?sslmode=verify-full: sslmode verify-full needs a root certificate: "
                       + "set sslrootcert (or put it in ~/.postgresql/root.crt)")
        XCTAssertEqual(Fixture.error("postgresql://h/d", ["PGSSLMODE": "verify-ca"], home: home.path),
                       .missingRootCertificate(url: "postgresql://h/d", sslMode: .verifyCA))
    }

    func testRootCertificateDefaultsToTheHomeFileWhenItExists() throws {
        XCTAssertNil(try Fixture.postgres("postgresql://h/d", home: home.path).sslRootCert)
        let path = try home.write(".postgresql/root.crt", "-----BEGIN CERTIFICATE-----\n")
        XCTAssertEqual(try Fixture.postgres("postgresql://h/d", home: home.path).sslRootCert, path)
        let server = try Fixture.postgres("postgresql://h/d?sslmode=verify-full", home: home.path)
        XCTAssertEqual(server.sslMode, .verifyFull)
        XCTAssertEqual(server.sslRootCert, path)
        XCTAssertEqual(try Fixture.postgres("postgresql://h/d?sslmode=verify-ca", home: home.path + "/").sslRootCert, path)
    }

    func testRootCertificateFromURLThenPGSSLROOTCERT() throws {
        try home.write(".postgresql/root.crt", "home")
        let url = try home.write("url.crt", "url")
        let env = try home.write("env.crt", "env")
        XCTAssertEqual(try Fixture.postgres("postgresql://h/d?sslrootcert=\(url)", ["PGSSLROOTCERT": env],
                                            home: home.path).sslRootCert, url)
        XCTAssertEqual(try Fixture.postgres("postgresql://h/d?sslmode=verify-ca", ["PGSSLROOTCERT": env],
                                            home: home.path).sslRootCert, env)
    }

    func testAMissingRootCertificateFileIsAnErrorForVerifyModesOnly() throws {
        let missing = home.path + "/missing.crt"
        XCTAssertEqual(Fixture.error("postgresql://h/d?sslmode=verify-ca", ["PGSSLROOTCERT": missing]),
                       .rootCertificateNotFound(url: "postgresql://h/d?sslmode=verify-ca", path: missing, sslMode: .verifyCA))
        XCTAssertEqual(Fixture.error("postgresql://h/d?sslmode=verify-full&sslrootcert=/no/ca.pem")?.description,
                       "ledger URL postgresql://h/d?sslmode=verify-full&sslrootcert=/no/ca.pem: sslmode verify-full needs "
                       + "the root certificate '/no/ca.pem', which does not exist; fix sslrootcert, "
                       + "or use sslrootcert=system for the system's trusted roots")
        XCTAssertEqual(try Fixture.postgres("postgresql://h/d?sslmode=require&sslrootcert=/no/ca.pem").sslRootCert,
                       "/no/ca.pem")
    }

    func testSystemTrustStore() throws {
        let server = try Fixture.postgres("postgresql://h/d?sslmode=verify-full&sslrootcert=system")
        XCTAssertEqual(server.sslRootCert, "system")
        XCTAssertEqual(server.sslMode, .verifyFull)
        XCTAssertEqual(try Fixture.postgres("postgresql://h/d", ["PGSSLROOTCERT": "system"]).sslRootCert, "system")
    }

    func testSystemTrustStoreMakesTheDefaultVerifyFull() throws {
        XCTAssertEqual(try Fixture.postgres("postgresql://h/d?sslrootcert=system").sslMode, .verifyFull)
        XCTAssertEqual(try Fixture.postgres("postgresql://h/d", ["PGSSLROOTCERT": "system"]).sslMode, .verifyFull)
    }

    func testSystemTrustStoreRefusesWeakerModes() {
        for mode in SSLMode.allCases where mode != .verifyFull {
            XCTAssertEqual(Fixture.error("postgresql://h/d?sslrootcert=system", ["PGSSLMODE": mode.rawValue]),
                           .weakSSLModeWithSystemRoots(url: "postgresql://h/d?sslrootcert=system", sslMode: mode))
        }
        XCTAssertEqual(Fixture.error("postgresql://h/d?sslrootcert=system&sslmode=verify-ca")?.description,
                       "ledger URL postgresql://h/d?sslrootcert=system&sslmode=verify-ca: sslmode verify-ca may not be "
                       + "used with sslrootcert=system; use sslmode=verify-full")
    }

    func testRedactedURLShowsTheSSLMode() throws {
        XCTAssertEqual(try Fixture.postgres("postgresql://u@h/d?sslmode=require").redactedURL,
                       "postgresql://u@h:5432/d?sslmode=require")
    }
}
