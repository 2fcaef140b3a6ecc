import DriftDetection
import ArgumentParser
import Foundation
import KubeAPI
import Ledger
import ObjectModel

/// One object of a preview: sealed as the ledger keeps it, and with its plaintext values when
/// they are known. A Secret without known values is never sent: it is compared by HMAC.
struct PreviewObject {
    var sealed: JSONValue
    var plain: JSONValue?
}

/// `apply --diff` and `rollback --diff`: what the apply would change in the cluster, shown and
/// recorded as one `preview` event, with nothing applied and no revision recorded.
///
/// Every object that can be sent goes to the API server as a server-side dry run (as dsledger,
/// forcing, so the answer is what the apply would store even where another manager owns a
/// field); the answer is compared with the live object (``ApplyPreview``). Exit codes: 0 nothing
/// would change, 1 something would, 2 an error (the cluster refused the dry run, or could not
/// be read).
struct ChangePreview {
    let context: CommandContext
    let ledger: any RevisionStore
    let connection: ClusterConnection
    let key: SecretKey
    let author: String
    /// The command previewed: `apply` or `rollback`.
    let command: EventKind
    let force: Bool
    let prune: Bool
    /// The change record the event carries.
    var change = ChangeRecord()

    /// Previews `objects` (in apply order, the DaemonSet annotated as the apply would) for
    /// `release`, prints it in `format`, records the event (`revision`: the recorded revision
    /// with this content, if any) and throws exit status 1 when something would change.
    func run(_ objects: [PreviewObject], release: ReleaseID, revision: Int?, contentDigest: String, format: PreviewOutput,
             color: Bool) async throws {
        let preview: ApplyPreview
        do {
            preview = try await context.withClient(connection) { client in try await compare(objects, release: release, client: client) }
        } catch {
            try await record(.failed, release: release, revision: revision, detail: ["error": .string(String(describing: error))],
                             contentDigest: contentDigest)
            throw error
        }
        try await record(preview.isEmpty ? .noChanges : .changes, release: release, revision: revision,
                         detail: Self.detail(preview), contentDigest: contentDigest)
        switch format {
        case .human:
            context.writeOutput(PreviewFormat.human(preview, force: force, color: color))
            context.writeError(Self.summary(preview, force: force) + "\n")
        case .json:
            context.writeOutput(PreviewFormat.json(preview))
        }
        if !preview.isEmpty { throw ExitStatus.differencesFound }
    }

    private func compare(_ objects: [PreviewObject], release: ReleaseID, client: KubeClient) async throws -> ApplyPreview {
        var preview = ApplyPreview()
        let seal = { (object: JSONValue) in SecretSeal.sealed([object], key: key).objects.first ?? object }
        let namespaces = Set(objects.filter { $0.sealed["kind"]?.stringValue == "Namespace" }.map { ObjectIdentity($0.sealed).name })
        var missingNamespaces: Set<String> = []
        for object in objects {
            let name = ObjectIdentity(object.sealed)
            let resource = try KubeLiveObjectReader.resource(apiVersion: name.apiVersion, kind: name.kind)
            let live = try await client.get(resource, namespace: resource.namespaced ? name.namespace : nil, name: name.name).map(seal)
            if live == nil, resource == .namespaces { missingNamespaces.insert(name.name) }
            guard let plain = object.plain else {
                guard let live else { preview.create(object.sealed); continue }
                let wouldBe = ApplyPreview.secretWouldBe(live: live, desired: object.sealed, fieldManager: ClusterApply.fieldManager)
                preview.compare(live: live, wouldBe: wouldBe, fieldManager: ClusterApply.fieldManager)
                continue
            }
            // The server cannot dry-run an object into a Namespace it only pretended to create.
            if let namespace = name.namespace, missingNamespaces.contains(namespace), namespaces.contains(namespace) {
                preview.create(object.sealed)
                continue
            }
            let answer: JSONValue
            do {
                answer = try await client.apply(plain, fieldManager: ClusterApply.fieldManager, force: true, dryRun: true)
            } catch {
                // A refusal of a Secret keeps only its code and reason: the message may quote the data.
                throw ClusterApply.kept(error, about: name)
            }
            let wouldBe = seal(answer)
            if let live {
                preview.compare(live: live, wouldBe: wouldBe, fieldManager: ClusterApply.fieldManager)
            } else {
                preview.create(wouldBe)
            }
        }
        var report = ClusterApply.Report()
        await ClusterApply(client: client, force: force, dryRun: true)
            .prune(release: release, current: objects.map(\.sealed), prune: false, report: &report) { _ in }
        if let failure = report.failure { throw failure.error }
        for name in report.leftBehind {
            guard prune else { preview.leftInPlace.append(name); continue }
            let resource = try KubeLiveObjectReader.resource(apiVersion: name.apiVersion, kind: name.kind)
            if let live = try await client.get(resource, namespace: name.namespace, name: name.name) { preview.prune(seal(live)) }
        }
        return preview
    }

    /// The event's detail: what would change, by object and kind, and the conflicts; never a value.
    static func detail(_ preview: ApplyPreview) -> [String: JSONValue] {
        var counts: [String: JSONValue] = [:]
        for item in preview.changes { counts[item.change.kind.rawValue] = .int((counts[item.change.kind.rawValue]?.intValue ?? 0) + 1) }
        let names = { (objects: [ObjectIdentity]) -> JSONValue in .array(objects.map { .string($0.description) }) }
        var changed: [ObjectIdentity] = []
        for item in preview.changes where changed.last != item.change.object { changed.append(item.change.object) }
        return [
            "changes": .object(counts), "changed": names(changed), "created": names(preview.created.map(ObjectIdentity.init)),
            "pruned": names(preview.pruned.map(ObjectIdentity.init)), "leftInPlace": names(preview.leftInPlace),
            "conflicts": .array(preview.conflicts.map { item in
                .object(["object": .string(item.change.object.description), "path": .string(item.change.path.description),
                         "manager": .string(item.conflict?.manager ?? ""), "operation": .string(item.conflict?.operation ?? "")])
            }),
        ]
    }

    /// One line for standard error: what the apply would do.
    static func summary(_ preview: ApplyPreview, force: Bool) -> String {
        guard !preview.isEmpty else { return "nothing would change" }
        let changed = Set(preview.changes.map(\.change.object)).count
        var parts = ["\(changed) \(changed == 1 ? "object" : "objects") changed"]
        if !preview.created.isEmpty { parts.append("\(preview.created.count) created") }
        if !preview.pruned.isEmpty { parts.append("\(preview.pruned.count) pruned") }
        let conflicts = preview.conflicts.count
        if conflicts > 0 {
            parts.append("\(conflicts) \(conflicts == 1 ? "conflict" : "conflicts")"
                + (force ? " taken over with --force-conflicts" : ", refused without --force-conflicts"))
        }
        return "would change: " + parts.joined(separator: ", ")
    }

    private func record(_ outcome: EventOutcome, release: ReleaseID, revision: Int?, detail: [String: JSONValue],
                        contentDigest: String) async throws {
        var detail = detail
        detail["command"] = .string(command.rawValue)
        detail[DryRunDetail.contentDigestKey] = .string(contentDigest)
        let event = EventDraft(release: release, kind: .preview, outcome: outcome, revision: revision, author: author,
                               createdAt: context.now(), cluster: connection.target, detail: .object(detail), change: change)
        try await ledger.recordEvent(event, chainKey: ChainKey(deriving: key))
    }
}

/// How `--diff` prints: `--format human` or `json`.
enum PreviewOutput: String, ExpressibleByArgument, CaseIterable {
    case human, json
}
