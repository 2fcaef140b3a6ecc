import Foundation
import Testing
import TestSupport

/// Key files made by the openssl command line, as a user makes them.
enum OpenSSLKeys {
    /// `openssl genpkey -algorithm ed25519` and `openssl pkey -pubout` in a new folder.
    static func ed25519() throws -> (privateKey: String, publicKey: String) {
        let folder = TemporaryFolder.make()
        let privateKey = folder.appendingPathComponent("checkpoint.pem").path
        let publicKey = folder.appendingPathComponent("checkpoint.pub").path
        try openssl(["genpkey", "-algorithm", "ed25519", "-out", privateKey])
        try openssl(["pkey", "-in", privateKey, "-pubout", "-out", publicKey])
        return (privateKey, publicKey)
    }

    /// Runs openssl and requires it to succeed.
    static func openssl(_ arguments: [String]) throws {
        let result = try Subprocess.run("openssl", arguments)
        try #require(result.status == 0, "openssl \(arguments.joined(separator: " ")): \(result.stderr)")
    }

    /// A file in a new folder holding `text`.
    static func file(_ text: String, named name: String = "key.pem") throws -> String {
        let path = TemporaryFolder.make().appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
