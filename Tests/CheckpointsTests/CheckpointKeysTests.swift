import Checkpoints
import Foundation
import Testing
import TestSupport

@Suite struct CheckpointKeysTests {
    @Test func readsTheKeysOpenSSLWrites() throws {
        let (privateKey, publicKey) = try OpenSSLKeys.ed25519()
        let signing = try CheckpointSigningKey.load(file: privateKey)
        let verifying = try CheckpointPublicKey.load(file: publicKey)
        #expect(signing.publicKey == verifying)
        let message = Array("statement".utf8)
        let signature = signing.signature(for: message)
        #expect(signature.count == 64)
        #expect(verifying.isValidSignature(signature, for: message))
        #expect(!verifying.isValidSignature(signature, for: Array("statemenT".utf8)))
        #expect(CheckpointPublicKey(base64: verifying.base64) == verifying)
    }

    @Test func openSSLVerifiesTheSignature() throws {
        let (privateKey, publicKey) = try OpenSSLKeys.ed25519()
        let message = Array(#"{"format":"dsledger-checkpoint/v1"}"#.utf8)
        let signature = try CheckpointSigningKey.load(file: privateKey).signature(for: message)
        let messageFile = try OpenSSLKeys.file(String(decoding: message, as: UTF8.self), named: "statement.json")
        let signatureFile = TemporaryFolder.make().appendingPathComponent("statement.sig").path
        try Data(signature).write(to: URL(fileURLWithPath: signatureFile))
        try OpenSSLKeys.openssl(["pkeyutl", "-verify", "-pubin", "-inkey", publicKey, "-rawin", "-in", messageFile,
                                 "-sigfile", signatureFile])
    }

    @Test func aMissingFileSaysHowToMakeOne() throws {
        let path = TemporaryFolder.make().appendingPathComponent("absent.pem").path
        #expect(throws: CheckpointKeyError.missingFile(path)) { try CheckpointSigningKey.load(file: path) }
        #expect(throws: CheckpointKeyError.missingFile(path)) { try CheckpointPublicKey.load(file: path) }
        #expect(CheckpointKeyError.missingFile(path).description.contains("openssl genpkey -algorithm ed25519"))
    }

    @Test func aFileThatIsNotPEMIsRefused() throws {
        let path = try OpenSSLKeys.file("not a key\n")
        #expect(throws: CheckpointKeyError.notPEM(path)) { try CheckpointSigningKey.load(file: path) }
        #expect(throws: CheckpointKeyError.notPEM(path)) { try CheckpointPublicKey.load(file: path) }
    }

    @Test func anEncryptedKeyIsRefused() throws {
        let path = TemporaryFolder.make().appendingPathComponent("encrypted.pem").path
        try OpenSSLKeys.openssl(["genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "pass:secret", "-out", path])
        #expect(throws: CheckpointKeyError.encrypted(path)) { try CheckpointSigningKey.load(file: path) }
    }

    @Test func aKeyOfAnotherAlgorithmIsRefused() throws {
        let folder = TemporaryFolder.make()
        let privateKey = folder.appendingPathComponent("p256.pem").path
        let publicKey = folder.appendingPathComponent("p256.pub").path
        try OpenSSLKeys.openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", privateKey])
        try OpenSSLKeys.openssl(["pkey", "-in", privateKey, "-pubout", "-out", publicKey])
        #expect {
            try CheckpointSigningKey.load(file: privateKey)
        } throws: { error in
            guard case .notEd25519(privateKey, _)? = error as? CheckpointKeyError else { return false }
            return true
        }
        #expect {
            try CheckpointPublicKey.load(file: publicKey)
        } throws: { error in
            guard case .notEd25519(publicKey, _)? = error as? CheckpointKeyError else { return false }
            return true
        }
    }

    @Test func aPrivateKeyGivenAsThePublicKeySaysHowToDeriveIt() throws {
        let (privateKey, publicKey) = try OpenSSLKeys.ed25519()
        let error = CheckpointKeyError.wrongDocument(privateKey, expected: "an Ed25519 public key ('PUBLIC KEY')", found: "PRIVATE KEY")
        #expect(throws: error) { try CheckpointPublicKey.load(file: privateKey) }
        #expect(error.description.contains("openssl pkey -in \(privateKey) -pubout"))
        #expect(throws: CheckpointKeyError.self) { try CheckpointSigningKey.load(file: publicKey) }
    }
}
