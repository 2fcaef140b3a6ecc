import Foundation
import PostgresTestSupport
import Testing
import TestSupport

/// A team ledger over TLS, its certificate checked as libpq's sslmode says.
@Suite struct TeamLedgerTLSTests {
    /// A throwaway CA and a server certificate for 127.0.0.1 signed by it, made with openssl.
    static func certificates(in folder: URL) throws -> (ca: String, tls: TLSFiles) {
        let script = """
            set -e
            cd "$1"
            openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=dsledger-test-ca 2>/dev/null
            openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=127.0.0.1 2>/dev/null
            printf 'subjectAltName=IP:127.0.0.1\\n' > san.ext
            openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.crt -days 2 -extfile san.ext 2>/dev/null
            openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other.pem -days 2 -subj /CN=another-ca 2>/dev/null
            """
        let made = try Subprocess.run("bash", ["-c", script, "bash", folder.path])
        guard made.status == 0 else { throw ContractError("openssl: \(made.stderr)") }
        let read = { (name: String) in try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) }
        return (folder.appendingPathComponent("ca.pem").path, TLSFiles(certificatePEM: try read("server.crt"), privateKeyPEM: try read("server.key")))
    }

    @Test func verifyFullTrustsTheTestCAAndRefusesAnother() async throws {
        let folder = TemporaryFolder.make()
        let (ca, tls) = try Self.certificates(in: folder)
        try await withPostgresServer(tls: tls) { server in
            let base = "postgresql://\(server.user)@\(server.host):\(server.port)/\(server.database)"
            var environment = ["PGPASSWORD": server.password,
                               "DSLEDGER_HMAC_KEY_FILE": folder.appendingPathComponent("team.key").path]
            environment["DSLEDGER_DB"] = "\(base)?sslmode=verify-full&sslrootcert=\(ca)"
            let trusted = try BuiltBinary.run(["render", "-f", "-"], stdin: TeamLedgerTests.manifest(tag: "1.0"), environment: environment)
            #expect(trusted.code == 0, "\(trusted.stderr)")
            #expect(try server.psql("SELECT count(*) FROM pg_stat_ssl WHERE ssl") >= "0")

            environment["DSLEDGER_DB"] = "\(base)?sslmode=verify-full&sslrootcert=\(folder.appendingPathComponent("other.pem").path)"
            let untrusted = try BuiltBinary.run(["history", "agent"], environment: environment)
            #expect(untrusted.code == 2 && untrusted.stderr.contains("\(server.host):\(server.port)"), "\(untrusted.stderr)")

            environment["DSLEDGER_DB"] = "\(base)?sslmode=require"
            #expect(try BuiltBinary.run(["history", "agent"], environment: environment).code == 0)
            environment["DSLEDGER_DB"] = "\(base)?sslmode=verify-full"
            environment["HOME"] = folder.path
            let noRoot = try BuiltBinary.run(["history", "agent"], environment: environment)
            #expect(noRoot.code == 2 && noRoot.stderr.contains("root certificate"), "\(noRoot.stderr)")
        }
    }
}

struct ContractError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
