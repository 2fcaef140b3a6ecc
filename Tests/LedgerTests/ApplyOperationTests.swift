import Foundation
import Ledger
import ObjectModel
import Testing

@Suite struct ApplyOperationTests {
    static let release = ReleaseID(namespace: "ops", name: "agent")
    static let start = Date(timeIntervalSince1970: 1_793_614_443)

    static func event(_ outcome: EventOutcome, detail: JSONValue?) -> Event {
        Event(id: 1, draft: EventDraft(release: release, kind: .apply, outcome: outcome, revision: 2, author: "ada", createdAt: start,
                                       cluster: ClusterTarget(context: "prod", server: "https://10.0.0.1:6443"), detail: detail))
    }

    @Test func aStartedOperationIsInProgressUntilItsDeadlineThenInterrupted() {
        let until = Self.start.addingTimeInterval(90)
        let started = Self.event(.started, detail: [ApplyOperation.idKey: "op-1",
                                                    ApplyOperation.inProgressUntilKey: .string(Timestamp.format(until))])
        #expect(started.operation == "op-1")
        #expect(started.inProgressUntil == until)
        #expect(started.shownOutcome(at: Self.start.addingTimeInterval(10)) == "in-progress")
        #expect(started.shownOutcome(at: until) == "interrupted")
        #expect(Self.event(.started, detail: nil).shownOutcome(at: Self.start) == "interrupted", "no deadline recorded: not running")
    }

    @Test func anOutcomeIsShownAsStoredAndOnlySucceededOrTimedOutCountsAsApplied() {
        for outcome in [EventOutcome.succeeded, .failed, .timedOut, .cancelled] {
            #expect(Self.event(outcome, detail: [ApplyOperation.idKey: "op-1"]).shownOutcome(at: Self.start) == outcome.rawValue)
        }
        #expect(EventOutcome.applied == [.succeeded, .timedOut])
        #expect(EventOutcome.started.isKnown && EventOutcome.cancelled.isKnown)
    }
}
