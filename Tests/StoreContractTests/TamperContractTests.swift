import Foundation
import Ledger
import LedgerTestSupport
import ObjectModel
import Testing

/// What `verify` must catch on every store when someone edits the database behind dsledger's back.
@Suite struct TamperContractTests {
    /// Three revisions of the release, then the store for tampering.
    static func recorded(_ kind: StoreKind, _ body: (ContractStore) async throws -> Void) async throws {
        try await withContractStore(kind) { contract throws in
            _ = try await contract.store.record([Drafts.draft(image: "a:1"), Drafts.draft(image: "a:2", secrets: ["TOKEN": "other"]),
                                                 Drafts.draft(image: "a:3")])
            await #expect(try contract.store.verify() == [])
            try await body(contract)
        }
    }

    static func problems(_ contract: ContractStore) async throws -> [String] {
        try await contract.store.verify().map(\.description)
    }

    @Test(arguments: StoreKind.allCases) func anEditedAuthorBreaksTheChain(kind: StoreKind) async throws {
        try await Self.recorded(kind) { contract throws in
            try contract.tamper("UPDATE revision SET author = 'mallory' WHERE number = 2;")
            #expect(try await Self.problems(contract) == ["ops/agent revision 2: link digest mismatch: its fields, or the link before it, were changed"])
        }
    }

    @Test(arguments: StoreKind.allCases) func aDeletedRevisionIsAHole(kind: StoreKind) async throws {
        try await Self.recorded(kind) { contract throws in
            switch contract.kind {
            case .sqlite:
                try contract.tamper("""
                    DELETE FROM revisionObject WHERE revisionId = (SELECT id FROM revision WHERE number = 2);
                    DELETE FROM secretHash WHERE revisionId = (SELECT id FROM revision WHERE number = 2);
                    DELETE FROM revision WHERE number = 2;
                    """)
            case .postgresql:
                try contract.tamper("""
                    DELETE FROM revision_object WHERE number = 2; DELETE FROM secret_hash WHERE number = 2;
                    DELETE FROM revision WHERE number = 2;
                    """)
            }
            #expect(try await Self.problems(contract) == ["ops/agent revision 2: missing: the numbering jumps from 1 to 3"])
        }
    }

    @Test(arguments: StoreKind.allCases) func aReplacedObjectBodyNoLongerMatchesItsDigest(kind: StoreKind) async throws {
        try await Self.recorded(kind) { contract throws in
            let forged = #"{"apiVersion":"v1","data":{"agent.conf":"level = debug"},"kind":"ConfigMap","metadata":{"name":"agent-config","namespace":"ops"}}"#
            switch contract.kind {
            case .sqlite:
                try contract.tamper("UPDATE object SET encoding = 0, body = CAST('\(forged)' AS BLOB) WHERE kind = 'ConfigMap';")
            case .postgresql:
                try contract.tamper("UPDATE object SET encoding = 0, body = convert_to('\(forged)', 'UTF8') WHERE kind = 'ConfigMap';")
            }
            let found = try await Self.problems(contract)
            #expect(found.count == 1)
            #expect(found.first?.hasPrefix("ops/agent revision 1: stored object sha256:") == true)
            #expect(found.first?.hasSuffix("does not match its digest") == true)
            // The chains alone (the audit report's check) do not rehash bodies, and say so.
            let chains = try await contract.store.verify(chainKey: Drafts.chainKey, scope: .chains)
            #expect(chains.isIntact && chains.scope == .chains)
        }
    }

    @Test(arguments: StoreKind.allCases) func theChainsAloneStillCatchEditedLinksAndSecretHashes(kind: StoreKind) async throws {
        try await Self.recorded(kind) { contract throws in
            try contract.tamper("UPDATE revision SET author = 'mallory' WHERE number = 3;")
            var chains = try await contract.store.verify(chainKey: Drafts.chainKey, scope: .chains)
            #expect(chains.damage.map(\.description) == ["ops/agent revision 3: link digest mismatch: its fields, or the link before it, were changed"])
            let table = contract.kind == .sqlite ? "secretHash" : "secret_hash"
            try contract.tamper("UPDATE \(table) SET hmac = 'ff' || substr(hmac, 3);")
            chains = try await contract.store.verify(chainKey: Drafts.chainKey, scope: .chains)
            #expect(chains.damage.map(\.description) == ["ops/agent revision 1: secret hashes do not match the revision's Secrets"],
                    "the first broken link of the release")
            #expect(try await contract.store.verify(chainKey: Drafts.chainKey, scope: .everything).damage == chains.damage)
        }
    }

    @Test(arguments: StoreKind.allCases) func historyIsAppendOnlyForAnyoneGoingThroughTheGuards(kind: StoreKind) async throws {
        try await Self.recorded(kind) { contract throws in
            #expect(throws: (any Error).self) { try contract.sql("UPDATE revision SET author = 'mallory';") }
            #expect(throws: (any Error).self) { try contract.sql("DELETE FROM revision WHERE number = 3;") }
            #expect(throws: (any Error).self) { try contract.sql("UPDATE object SET kind = 'Secret';") }
            #expect(try contract.count("SELECT count(*) FROM revision WHERE author = 'mallory';") == 0)
        }
    }
}
