import Foundation
import Ledger

/// The chain key a command verifies with: from `--chain-key FILE`, else derived from the ledger
/// key when its file is there. Reading a key never creates one, and never writes the ledger.
struct ChainKeySource {
    /// Where the key came from, for messages and `verify -o json` (`chain-key`, `ledger-key`, `none`).
    enum Origin: String {
        case chainKey = "chain-key"
        case ledgerKey = "ledger-key"
        case none
    }

    var key: ChainKey?
    var origin: Origin

    /// `--chain-key FILE` when given, else the ledger key's file when it exists; each checked
    /// against the key id the ledger keeps (when it keeps one).
    /// - Throws: ``InputError`` for a file that is not a key, or a key of another ledger.
    static func resolve(chainKeyFile: String?, store options: StoreOptions, ledger: any RevisionStore,
                        context: CommandContext) async throws -> ChainKeySource {
        let kept = try await ledger.settings()[LedgerKey.setting]
        if let chainKeyFile {
            guard let data = FileManager.default.contents(atPath: chainKeyFile) else {
                throw InputError.unreadable(chainKeyFile, reason: "No such file or directory")
            }
            guard let file = ChainKeyFile(text: String(decoding: data, as: UTF8.self)) else { throw InputError.notAChainKey(chainKeyFile) }
            if let kept, kept != file.ledgerKeyID { throw InputError.chainKeyOfAnotherLedger(chainKeyFile, ledger: ledger.location) }
            return ChainKeySource(key: file.key, origin: .chainKey)
        }
        guard let key = try options.existingKey(in: context) else { return ChainKeySource(key: nil, origin: .none) }
        if let kept, kept != LedgerKey.id(of: key.key) {
            throw StoreError.keyMismatch(location: ledger.location, keyFile: key.path)
        }
        return ChainKeySource(key: ChainKey(deriving: key.key), origin: .ledgerKey)
    }
}

extension StoreOptions {
    /// The ledger key and its file when the file exists (never created here); nil when there is
    /// no file, or a team ledger names none.
    /// - Throws: ``InputError`` for a file that is not 32 bytes or fails ``KeyFile``'s checks.
    func existingKey(in context: CommandContext) throws -> (key: SecretKey, path: String)? {
        guard let path = try? keyPath(in: context), let key = try KeyFile.readIfPermitted(path) else { return nil }
        return (key, path)
    }
}
