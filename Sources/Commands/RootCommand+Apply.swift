import ArgumentParser
import Foundation
import History
import KubeAPI
import Ledger
import Linting
import ManifestModel
import ObjectModel
import Rendering

/// `--dry-run=server`: the only dry run that asks the cluster.
enum DryRunMode: String, ExpressibleByArgument, CaseIterable {
    case server
}

/// The flags `apply` and `rollback` share.
struct DeployFlags: ParsableArguments {
    @Option(name: .customLong("dry-run"), help: "server: ask the API server to check every object and change nothing; recorded as a dry-run event, never a revision.")
    var dryRun: DryRunMode?

    @Flag(name: .customLong("force-conflicts"), help: "Take over fields another field manager owns (server-side apply force).")
    var forceConflicts = false

    @Flag(help: "Delete objects of the last applied revision that are no longer rendered (otherwise they are listed).")
    var prune = false

    @Flag(help: "Follow the rollout until every pod runs the new revision, or --timeout passes.")
    var wait = false

    @Option(help: "How long --wait follows the rollout: 90s, 5m, 1h.", transform: { text in
        guard let value = TimeoutDuration(text) else { throw ValidationError("invalid --timeout '\(text)'; use a duration such as 90s, 5m or 1h") }
        return value
    })
    var timeout = TimeoutDuration(duration: .seconds(300))

    @Option(name: .customLong("poll-interval"), help: .hidden)
    var pollInterval: Double = 1

    @Flag(name: .customLong("no-lock"),
          help: "Apply without holding the release's Lease (for a cluster that grants no access to Leases); recorded in the event.")
    var noLock = false

    @Flag(help: "Preview only: show what the apply would change in the cluster (a server dry run compared with the live objects), record a 'preview' event, apply nothing; exit 0 nothing would change, 1 something would.")
    var diff = false

    @Option(help: "With --diff: human or json.")
    var format: PreviewOutput = .human

    @Flag(name: .customLong("no-color"), help: "With --diff: never colour the output.")
    var noColor = false

    /// The Lease's `leaseDurationSeconds`, renewed every third of it.
    @Option(name: .customLong("lock-duration"), help: .hidden)
    var lockDuration: Int = 30

    func validate() throws {
        if diff && dryRun != nil { throw ValidationError("--diff and --dry-run=server: give one (--diff is a server dry run already)") }
    }

    /// The preview of `--diff`, recording its event as `command` does.
    func preview(_ command: EventKind, context: CommandContext, ledger: any RevisionStore, connection: ClusterConnection,
                 key: SecretKey, author: String, change: ChangeRecord) -> ChangePreview {
        ChangePreview(context: context, ledger: ledger, connection: connection, key: key, author: author, command: command,
                      force: forceConflicts, prune: prune, change: change)
    }

    /// Whether `--diff` colours its output.
    func colored(in context: CommandContext) -> Bool {
        !noColor && context.outputIsTerminal && (context.environment["NO_COLOR"] ?? "").isEmpty
    }

    /// The options, waiting `lockTimeout` for the release's Lease (`--lock-timeout`, in
    /// ``StoreOptions``, which sets the ledger's lock timeout too), else 60 s.
    func options(lockTimeout: Duration?) -> DeployOptions {
        DeployOptions(force: forceConflicts, dryRun: dryRun != nil, prune: prune, wait: wait, timeout: timeout.duration,
                      pollInterval: .milliseconds(Int64(max(pollInterval, 0.01) * 1000)), lock: !noLock,
                      lockTimeout: lockTimeout ?? DeployOptions.leaseLockTimeout, lockDuration: max(lockDuration, 1))
    }
}

extension RootCommand {
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply",
            abstract: "Render a manifest, record the revision, and server-side apply it to the cluster.",
            discussion: """
                Objects are applied with field manager 'dsledger' in dependency order (Namespace first, DaemonSet last). \
                The DaemonSet's own metadata (not its pod template, so no pod restarts for it) gets the annotations \
                dsledger.io/revision, dsledger.io/content-digest and dsledger.io/chain-digest (the revision's link in \
                the ledger's chain, which 'drift' checks). Before its first request to the cluster the apply \
                records a 'started' event (context, server, operation id); its outcome (succeeded, failed, timed-out or \
                cancelled, with each object's resourceVersion) is a second event of the same operation. A failed apply is \
                recorded as failed, never as applied; one whose process was killed shows in history as 'in progress', \
                then 'interrupted' once its lock has expired. Fields owned by another field manager are a conflict, \
                reported with the manager's name, and taken over only with --force-conflicts. --dry-run=server takes no \
                lock and records no revision: it records one 'dry-run' event (succeeded, or failed with the server's \
                error) with the content digest, the objects checked, the cluster and the change record, never counted \
                as applied.

                --diff previews the apply and stops: every object is sent as a server-side dry run and what the server \
                would store is compared with what is live, with drift's normalisation, so server defaults and \
                managedFields make no noise. Changes print per object in diff's format (--format json too), Secrets as \
                'secret changed' by HMAC; an object that would be created is shown whole, one --prune would delete is \
                shown whole as pruned, and without --prune it is listed as left in place; a field another field manager \
                owns is marked as a conflict naming that manager. Nothing is applied, no revision is recorded, no lock \
                is taken; one 'preview' event records the outcome (changes, no-changes or failed). Exit 0 when nothing \
                would change, 1 when something would.

                Two applies of one release to one cluster never interleave: each holds the Lease dsledger-NAME \
                (coordination.k8s.io/v1) in the release's namespace, created right after the Namespace when the manifest \
                creates it, renewed while --wait runs and released at the end. Another apply waits up to --lock-timeout, \
                then fails naming the holder. Without permission on Leases the apply fails, unless --no-lock is given. \
                Ctrl-C or SIGTERM stops the apply, records it as cancelled with what was applied, and exits 130 or 143.

                --ticket and --approved-by (defaults: DSLEDGER_TICKET, and DSLEDGER_APPROVED_BY with approvers separated \
                by commas) are recorded with the revision, or with the apply's events when the revision is the latest \
                already recorded; an approver who is the author is flagged self-approved. When the ledger's policy \
                require-ticket is on ('dsledger policy set require-ticket true'), an apply without a ticket is refused \
                (exit 2, nothing recorded or applied) unless --emergency REASON is given, which is recorded; \
                --dry-run=server is never refused.

                Exit codes: 0 applied (and rolled out, with --wait), or nothing would change (--diff); 1 something would \
                change (--diff); 2 invalid manifest, kubeconfig, ledger or usage \
                error, or no ticket where the ledger's policy requires one (nothing applied); 3 the cluster refused or failed part of the apply, or the lock was held or \
                forbidden (recorded as failed); 4 the rollout did not finish within --timeout (recorded as timed-out); \
                5 the cluster changed but the ledger could not record the outcome (the message says what was applied); \
                130 / 143 cancelled by SIGINT / SIGTERM (recorded as cancelled).

                Examples:
                  dsledger apply -f examples/daemonset-log-collector-fluent-bit.yaml --wait
                  dsledger apply -f agent.yaml --context prod --dry-run=server
                  dsledger apply -f agent.yaml --context prod --diff
                  dsledger apply -f agent.yaml --prune --force-conflicts -m "take back the image from kubectl set image"
                """)

        @Option(name: [.customShort("f"), .customLong("filename")], help: "A manifest file, or - for standard input.")
        var file: String

        @Option(name: .customLong("docker-config"), help: "A Docker config.json to render an image-pull Secret from.")
        var dockerConfig: String?

        @Option(name: .shortAndLong, help: "Why this revision was made (recorded with it).")
        var message: String?

        @OptionGroup var records: ChangeOptions
        @OptionGroup var emergency: EmergencyOption
        @OptionGroup var flags: DeployFlags
        @OptionGroup var cluster: ClusterOptions
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let context = CommandContext.current
            let inputs = try ManifestInput.load([file], context: context)
            let manifests = inputs.flatMap { input in input.manifests.map { (manifest: $0, file: input.file) } }
            guard manifests.count == 1, let (manifest, source) = manifests.first else {
                throw CommandError.applyTakesOneManifest(file: file, found: manifests.count)
            }
            let dockerJSON = try dockerConfig.map { try DockerConfig.load($0, context: context) }
            let objects = Renderer(options: .init(dockerConfigJSON: dockerJSON)).rendered(manifest)
            let warnings = Linter.findings(in: manifest).map { $0.formatted(file: source) }
            if !warnings.isEmpty { context.writeError(warnings.joined(separator: "\n") + "\n") }
            let connection = try cluster.connection(in: context)
            let options = flags.options(lockTimeout: try store.givenLockTimeout(in: context))
            let ledger = try await store.open(in: context, create: true)
            let key = try await store.secretKey(in: context, store: ledger)
            let change = records.record(in: context, emergency: emergency.emergency)
            let recording = Recording(context: context, message: message, change: change)
            var draft = recording.draft(manifest, objects: objects, file: source, key: key)
            draft.metadata.action = .apply
            let release = draft.release
            try await TicketPolicy.check(change, release: release, command: "apply", ledger: ledger, chainKey: ChainKey(deriving: key),
                                         dryRun: options.dryRun || flags.diff)
            if flags.diff {
                let (number, digest, chain, _) = try await Self.wouldBe(draft, ledger: ledger)
                let sent = ClusterApply.annotated(objects, revision: number, contentDigest: digest, chainDigest: chain)
                let sealed = SecretSeal.sealed(sent, key: key).objects
                let preview = flags.preview(.apply, context: context, ledger: ledger, connection: connection, key: key,
                                            author: draft.metadata.author, change: change)
                return try await preview.run(zip(sealed, sent).map { PreviewObject(sealed: $0, plain: $1) }, release: release,
                                             revision: chain == nil ? nil : number, contentDigest: digest, format: flags.format,
                                             color: flags.colored(in: context))
            }
            let (number, digest, chain, recorded) = try await options.dryRun ? Self.wouldBe(draft, ledger: ledger)
                : Self.record(draft, recording, ledger, key: key)
            var deployment = Deployment(context: context, ledger: ledger, connection: connection, options: options,
                                        kind: .apply, author: draft.metadata.author, chainKey: ChainKey(deriving: key))
            // An apply of the latest revision records no revision: its events keep the change record.
            if !recorded { deployment.change = change }
            try await deployment.deploy(objects, release: release, number: number, contentDigest: digest, chainDigest: chain)
        }

        /// Records the draft (or finds it unchanged) and returns its number, content and chain
        /// digests, and whether a new revision was recorded.
        static func record(_ draft: RevisionDraft, _ recording: Recording, _ ledger: any RevisionStore,
                           key: SecretKey) async throws
            -> (Int, String, String?, Bool)
        {
            guard let outcome = try await recording.record([draft], store: ledger, key: key).first else {
                throw CommandError.notRecorded(draft.release)
            }
            let revision = outcome.revision
            if case .recorded = outcome { return (revision.number, revision.contentDigest, revision.chainDigest, true) }
            return (revision.number, revision.contentDigest, revision.chainDigest, false)
        }

        /// The number a dry run would get: the latest when unchanged, else the next one (whose
        /// chain digest is not known before it is recorded).
        static func wouldBe(_ draft: RevisionDraft, ledger: any RevisionStore) async throws -> (Int, String, String?, Bool) {
            let latest = try await ledger.revisions(of: draft.release, limit: 1, before: nil).first
            let digest = draft.contentDigest
            guard let latest else { return (1, digest, nil, false) }
            return latest.contentDigest == digest ? (latest.number, digest, latest.chainDigest, false) : (latest.number + 1, digest, nil, false)
        }
    }
}
