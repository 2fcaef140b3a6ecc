import ArgumentParser
import Foundation
import History
import Ledger
import ManifestModel
import ObjectModel

/// Turns rendered manifests into sealed revision drafts and records them.
struct Recording {
    let context: CommandContext
    let message: String?
    /// The ticket, approvers and emergency reason recorded with each draft.
    var change = ChangeRecord()

    /// `DSLEDGER_AUTHOR`, else the git user of the manifest's repository, else `user@host`.
    ///
    /// With no file (rollback, drift), the git user of the current directory.
    func author(forFile file: String? = nil) -> String {
        if let author = context.environment["DSLEDGER_AUTHOR"], !author.isEmpty { return author }
        let folder = file.flatMap { $0 == "<stdin>" ? nil : URL(fileURLWithPath: $0).deletingLastPathComponent().path }
            ?? FileManager.default.currentDirectoryPath
        if let user = context.gitUser(folder.isEmpty ? "." : folder) { return user }
        let user = context.environment["USER"] ?? context.environment["LOGNAME"] ?? NSUserName()
        return "\(user)@\(ProcessInfo.processInfo.hostName)"
    }

    /// One draft per manifest, with no plaintext secret in it, and the manifest's lint findings
    /// (rules and paths only).
    func draft(_ manifest: Manifest, objects: [JSONValue], file: String, key: SecretKey) -> RevisionDraft {
        let metadata = RevisionMetadata(action: .render, author: author(forFile: file), message: message,
                                        sourceFile: file, toolVersion: ToolVersion.current, createdAt: context.now(), change: change,
                                        lint: LintRecord.of(manifest))
        return RevisionDraft.sealing(release: ReleaseID(namespace: manifest.namespace, name: manifest.name), document: manifest.document,
                                     secretPaths: manifest.secretValues.map(\.path), objects: objects, metadata: metadata, key: key)
    }

    /// Records the drafts in one transaction, as links keyed with the chain key of `key`, and
    /// says what happened on standard error.
    @discardableResult
    func record(_ drafts: [RevisionDraft], store: any RevisionStore, key: SecretKey) async throws -> [RecordOutcome] {
        let outcomes = try await store.record(drafts, chainKey: ChainKey(deriving: key))
        for outcome in outcomes {
            switch outcome {
            case .recorded(let revision):
                context.writeError("recorded \(revision.release) revision \(revision.number)\n")
            case .unchanged(let revision):
                context.writeError("unchanged, \(revision.release) revision \(revision.number)\n")
            }
        }
        return outcomes
    }
}

/// Finds the release a command names: `NAME` with `-n`, or the only namespace that has it.
enum ReleaseResolver {
    static func resolve(name: String, namespace: String?, store: any RevisionStore) async throws -> ReleaseID {
        if let namespace { return ReleaseID(namespace: namespace, name: name) }
        let namespaces = try await store.namespaces(ofReleaseNamed: name).filter {
            !LedgerPolicy.isLedgerChain(ReleaseID(namespace: $0, name: name))
        }
        switch namespaces.count {
        case 0:
            throw CommandError.noReleaseNamed(name)
        case 1:
            return ReleaseID(namespace: namespaces[0], name: name)
        default:
            throw CommandError.ambiguousRelease(name, namespaces: namespaces)
        }
    }

    /// The revision a selector names, with a clear error when there is none.
    ///
    /// `applied` means the last revision applied to `cluster` (API server and context), or, when
    /// that is `nil`, to the cluster of the kubeconfig's current context.
    static func revision(_ selector: RevisionSelector, of release: ReleaseID, store: any RevisionStore,
                         cluster: ClusterTarget? = nil) async throws -> Revision {
        guard let latest = try await store.revisions(of: release, limit: 1, before: nil).first else {
            throw CommandError.noRelease(release)
        }
        if selector == .applied {
            let target = try cluster ?? ClusterOptions.target(nil, kubeconfig: nil, in: CommandContext.current)
            guard let number = try await store.lastApplied(of: release, cluster: target),
                  let revision = try await store.revision(of: release, number: number) else {
                throw CommandError.neverApplied(release, context: target.context)
            }
            return revision
        }
        guard let number = selector.resolve(latest: latest.number), let revision = try await store.revision(of: release, number: number) else {
            throw CommandError.noRevision(release, selector.description, latest: latest.number)
        }
        return revision
    }
}
