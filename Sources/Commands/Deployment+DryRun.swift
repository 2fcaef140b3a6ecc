import Foundation
import Ledger
import ObjectModel

extension Deployment {
    /// Records a server dry run as one `dry-run` event (``EventKind/dryRun``): `succeeded` when
    /// the API server accepted every object, else `failed` with the error. Never a revision, never
    /// applied. Its `revision` is the recorded revision with this content (`existing`), else nil;
    /// its detail holds the content digest, the objects checked and, when it failed, the error
    /// (see ``DryRunDetail``).
    func recordDryRun(_ run: DeployRun, objects: [JSONValue], operation: DeployOperation, contentDigest: String,
                      existing: Bool) async throws {
        var detail: [String: JSONValue] = [
            DryRunDetail.contentDigestKey: .string(contentDigest),
            DryRunDetail.objectsKey: .array(objects.map { .object(ObjectIdentity($0).detailJSON) }),
        ]
        let succeeded = run.outcome(signal: nil) == .succeeded
        if !succeeded { detail[DryRunDetail.errorKey] = .string(Self.dryRunError(run)) }
        let event = EventDraft(release: operation.release, kind: .dryRun, outcome: succeeded ? .succeeded : .failed,
                               revision: existing ? operation.number : nil, author: author, createdAt: context.now(),
                               cluster: connection.target, detail: .object(detail), change: change)
        try await ledger.recordEvent(event, chainKey: chainKey)
    }

    /// What stopped a dry run: the object the server refused and its words, or the other error
    /// (the connection, the kubeconfig). Object content is never part of it.
    private static func dryRunError(_ run: DeployRun) -> String {
        if let failure = run.report.failure { return "\(failure.name.title): \(failure.error.description)" }
        if let error = run.error { return String(describing: error) }
        return "not every object was checked"
    }
}
