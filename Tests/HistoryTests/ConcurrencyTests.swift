import Foundation
import History
import Ledger
import LedgerTestSupport
import Testing

@Suite struct ConcurrencyTests {
    @Test func independentStoresRecordingAtOnceGetUniqueGaplessNumbers() async throws {
        try await withTemporaryFolder { folder throws in
            let path = folder.appendingPathComponent("ledger.db").path
            let setup = try SQLiteRevisionStore.open(path: path, create: true)
            let numbers = Collected<Int>(), errors = Collected<String>()
            await concurrently(4) { writer in
                do {
                    let store = try SQLiteRevisionStore.open(path: path, create: false)
                    for index in 0..<25 {
                        let outcome = try await store.record([Drafts.draft(image: "app:\(writer)-\(index)")])
                        outcome.forEach { numbers.append($0.revision.number) }
                    }
                } catch {
                    errors.append("\(error)")
                }
            }
            #expect(errors.values == [])
            #expect(numbers.values.sorted() == Array(1...100))
            await #expect(try setup.revisions(of: Drafts.release, limit: 1000, before: nil).map(\.number) == Array((1...100).reversed()))
            await #expect(try setup.verify() == [])
        }
    }

    @Test func eightStoresOpeningANewFileAtOnceAllSucceed() async throws {
        try await withTemporaryFolder { folder throws in
            let path = folder.appendingPathComponent("new/ledger.db").path
            let numbers = Collected<Int>(), errors = Collected<String>()
            await concurrently(8) { writer in
                do {
                    let store = try SQLiteRevisionStore.open(path: path, create: true)
                    for index in 0..<5 {
                        try await store.record([Drafts.draft(image: "app:\(writer)-\(index)")]).forEach { numbers.append($0.revision.number) }
                    }
                } catch {
                    errors.append("\(error)")
                }
            }
            #expect(errors.values == [])
            #expect(numbers.values.sorted() == Array(1...40))
            let reopened = try SQLiteRevisionStore.open(path: path, create: false)
            await #expect(try reopened.verify() == [])
        }
    }
}
