import Foundation
import Ledger
import LedgerTestSupport
import ObjectModel
import Testing

/// `RevisionIntegrity.check`, what `regenerate` and `rollback` rely on, on every store: it gives
/// back exactly what was recorded, and names the revision and the damage when the database was
/// edited behind dsledger's back.
@Suite struct RevisionCheckContractTests {
    static func damage(_ contract: ContractStore, _ number: Int) async -> String? {
        do {
            _ = try await RevisionIntegrity.check(Drafts.release, number: number, in: contract.store, chainKey: Drafts.chainKey)
            return nil
        } catch let damage as RevisionDamage {
            return "revision \(damage.number): \(damage.problem)"
        } catch {
            return "unexpected: \(error)"
        }
    }

    @Test(arguments: StoreKind.allCases) func anIntactRevisionComesBackAsRecorded(kind: StoreKind) async throws {
        try await TamperContractTests.recorded(kind) { contract throws in
            for number in 1...3 {
                let checked = try await RevisionIntegrity.check(Drafts.release, number: number, in: contract.store, chainKey: Drafts.chainKey)
                #expect(checked.objects == (try await contract.store.objects(of: Drafts.release, number: number)))
                #expect(checked.spec == (try await contract.store.spec(of: Drafts.release, number: number)))
                #expect(checked.revision == (try await contract.store.revision(of: Drafts.release, number: number)))
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func anEditedDeltaIsNamed(kind: StoreKind) async throws {
        try await TamperContractTests.recorded(kind) { contract throws in
            let delta = #"[["/spec/template/spec/containers/0/image","evil.example.com/backdoor:1.0"]]"#
            switch contract.kind {
            case .sqlite:
                try contract.tamper("UPDATE object SET encoding = 2, body = CAST('\(delta)' AS BLOB) WHERE kind = 'DaemonSet' AND baseId IS NOT NULL;")
            case .postgresql:
                try contract.tamper("UPDATE object SET encoding = 2, body = convert_to('\(delta)', 'UTF8') WHERE kind = 'DaemonSet' AND base_digest IS NOT NULL;")
            }
            #expect(await Self.damage(contract, 1) == nil, "revision 1's DaemonSet is the base, untouched")
            for number in 2...3 {
                let found = await Self.damage(contract, number)
                #expect(found?.hasPrefix("revision \(number): stored object sha256:") == true, "\(found ?? "nil")")
                #expect(found?.hasSuffix("(DaemonSet ops/agent) does not match its digest") == true)
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func anEditedRevisionBreaksTheLinksAfterIt(kind: StoreKind) async throws {
        try await TamperContractTests.recorded(kind) { contract throws in
            try contract.tamper("UPDATE revision SET author = 'mallory' WHERE number = 2;")
            #expect(await Self.damage(contract, 1) == nil)
            // Revision 2's own link is the first broken one, whichever revision is asked for.
            for number in [2, 3] {
                let damage = await Self.damage(contract, number) ?? "nil"
                #expect(damage.hasPrefix("revision \(number): its chain is broken: revision 2 "), "\(damage)")
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func anEditedContentDigestIsNamed(kind: StoreKind) async throws {
        try await TamperContractTests.recorded(kind) { contract throws in
            let column = contract.kind == .sqlite ? "contentDigest" : "content_digest"
            let value = contract.kind == .sqlite ? "randomblob(32)" : "decode(md5('x') || md5('y'), 'hex')"
            try contract.tamper("UPDATE revision SET \(column) = \(value) WHERE number = 3;")
            let found = await Self.damage(contract, 3)
            #expect(found?.hasPrefix("revision 3: content digest mismatch (recorded sha256:") == true, "\(found ?? "nil")")
        }
    }
}
