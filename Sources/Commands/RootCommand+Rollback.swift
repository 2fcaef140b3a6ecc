import ArgumentParser
import Foundation
import History
import KubeAPI
import Ledger
import ObjectModel
import Rendering

extension RootCommand {
    struct Rollback: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rollback",
            abstract: "Put a past revision back on the cluster, as a new revision restored from it.",
            discussion: """
                Regenerates REV byte for byte from the ledger and applies the whole bundle (update strategy, \
                ConfigMaps, RBAC, Secrets, DaemonSet), which 'kubectl rollout undo' cannot do; the new revision records \
                'restored from REV'. Secret values are not in the ledger: a live Secret value whose HMAC equals REV's is \
                reused as it is; any other value must be supplied (--secrets-from, --secret, --docker-config) and is \
                checked against REV's HMAC (an error names the key, never the value). Takes --dry-run=server, --wait, \
                --prune and --force-conflicts as 'apply' does.

                --diff previews the rollback as 'apply --diff' does (see 'dsledger apply --help') and needs no secret \
                values: a Secret whose values are not all known (live with REV's HMAC, or supplied) is never sent and is \
                compared with the live values by HMAC. REV is checked as for a rollback first (exit 6 when damaged).

                Before the first request, every object of REV is rebuilt and checked against its digest, REV against its \
                content digest and its link in the chain, and every object must be one dsledger renders: the kinds of \
                'render' in the release's namespace, the release's Namespace, and the ClusterRole and ClusterRoleBinding \
                named NAMESPACE:NAME.

                Records 'started' and then the outcome, holds the release's Lease, and honours --no-lock, \
                --lock-timeout, Ctrl-C and SIGTERM as 'apply' does. --ticket, --approved-by and --emergency are recorded \
                with the new revision, and the ledger's policy require-ticket is obeyed, as for 'apply'.

                Exit codes: 0 rolled back, or nothing would change (--diff); 1 something would change (--diff); 2 no such revision, a missing or mismatching secret value, no ticket where the \
                ledger's policy requires one, kubeconfig, ledger or usage error (nothing recorded or applied); 3 the cluster refused or failed part of the apply, \
                or the lock was held or forbidden (recorded as failed); 4 the rollout did not finish within --timeout; \
                5 the cluster changed but the ledger could not record the outcome; 6 ledger damaged, or an object \
                dsledger does not render: REV refused (nothing recorded or applied); 130 / 143 cancelled by SIGINT / SIGTERM.

                Examples:
                  dsledger rollback fluent-bit 3 --wait
                  dsledger rollback fluent-bit -1 --secrets-from fluent-bit.yaml --dry-run=server
                  dsledger rollback fluent-bit 3 --diff
                """)

        @OptionGroup var target: RevisionArguments

        @OptionGroup var secretSources: SecretSourceOptions

        @Option(name: .shortAndLong, help: "Why (recorded with the new revision; default 'rollback to REV').")
        var message: String?

        @OptionGroup var records: ChangeOptions
        @OptionGroup var emergency: EmergencyOption
        @OptionGroup var flags: DeployFlags
        @OptionGroup var cluster: ClusterOptions
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let context = CommandContext.current
            let supplied = try secretSources.values(in: context)
            let ledger = try await store.open(in: context, create: false)
            let release = try await ReleaseResolver.resolve(name: target.name, namespace: target.namespace, store: ledger)
            let connection = try cluster.connection(in: context)
            let chainKey = try await ChainKeySource.resolve(chainKeyFile: nil, store: store, ledger: ledger, context: context).key
            let change = records.record(in: context, emergency: emergency.emergency)
            try await TicketPolicy.check(change, release: release, command: "rollback", ledger: ledger, chainKey: chainKey,
                                         dryRun: flags.dryRun != nil || flags.diff)
            let source = try await ReleaseResolver.revision(target.selector, of: release, store: ledger, cluster: connection.target)
            let checked = try await RevisionIntegrity.check(release, number: source.number, in: ledger, chainKey: chainKey)
            let hashes = try await ledger.secretHashes(of: release, number: source.number)
            try Self.refuseUnusable(checked.objects, secretHashes: hashes, release: release, number: source.number)
            let sealed = checked.objects
            let key = try await store.secretKey(in: context, store: ledger)
            let live = try await Self.liveValues(of: sealed, connection: connection, key: key, context: context)
            if flags.diff {
                let author = Recording(context: context, message: nil).author()
                let preview = flags.preview(.rollback, context: context, ledger: ledger, connection: connection, key: key,
                                            author: author, change: change)
                return try await preview.run(try Self.previewed(sealed, values: live.merging(supplied) { _, given in given }, key: key,
                                                                release: release, number: source.number, digest: checked.revision.contentDigest),
                                             release: release, revision: source.number, contentDigest: checked.revision.contentDigest,
                                             format: flags.format, color: flags.colored(in: context))
            }
            let objects = try Self.restored(sealed, values: live.merging(supplied) { _, given in given }, key: key,
                                            release: release, number: source.number)
            let options = flags.options(lockTimeout: try store.givenLockTimeout(in: context))
            let author = Recording(context: context, message: nil).author()
            var number = source.number, chainDigest = checked.revision.chainDigest
            if !options.dryRun {
                let draft = RevisionDraft(
                    release: release,
                    metadata: RevisionMetadata(action: .rollback, author: author, message: message ?? "rollback to \(source.number)",
                                               toolVersion: ToolVersion.current, createdAt: context.now(), restoredFrom: source.number,
                                               change: change, lint: Self.lint(restoring: checked)),
                    spec: checked.spec, objects: sealed,
                    secretHashes: hashes, summary: checked.revision.summary)
                guard let recorded = try await Recording(context: context, message: nil).record([draft], store: ledger, key: key).first else {
                    throw CommandError.notRecorded(release)
                }
                number = recorded.revision.number
                chainDigest = recorded.revision.chainDigest
            }
            var deployment = Deployment(context: context, ledger: ledger, connection: connection, options: options,
                                        kind: .rollback, author: author, chainKey: ChainKey(deriving: key))
            // A dry run records no revision: its event keeps the change record.
            if options.dryRun { deployment.change = change }
            try await deployment.deploy(objects, release: release, number: number, contentDigest: checked.revision.contentDigest,
                                        chainDigest: chainDigest)
        }

        /// The lint of the new revision: REV's recorded manifest linted again (the same content,
        /// so the same findings, by today's rules), or REV's own record when it has no manifest
        /// to read (nil for a ControllerRevision import).
        static func lint(restoring checked: CheckedRevision) -> [LintRecord]? {
            LintRecord.of(spec: checked.spec) ?? checked.revision.metadata.lint
        }

        /// Refuses (exit 6) a revision holding any object that dsledger does not render for the
        /// release (``RenderedScope``): a tampered ledger must not apply through the operator's
        /// credentials what dsledger would never have written. Refuses too when its secret
        /// hashes, which the new revision records, are not the markers of its checked Secrets.
        static func refuseUnusable(_ objects: [JSONValue], secretHashes: [SecretHash], release: ReleaseID,
                                   number: Int) throws(RevisionDamage) {
            for object in objects {
                guard let problem = RenderedScope.problem(with: object, namespace: release.namespace, name: release.name) else { continue }
                throw RevisionDamage(release: release, number: number, problem: problem)
            }
            let markers = objects.reduce(into: Set<String>()) { $0.formUnion(ChainVerifier.secretMarkers(of: $1)) }
            guard Set(secretHashes.map(ChainVerifier.key)) == markers else {
                throw RevisionDamage(release: release, number: number, problem: "secret hashes do not match the revision's Secrets")
            }
        }

        /// Live Secret values whose HMAC equals the one `sealed` records, by Secret key.
        static func liveValues(of sealed: [JSONValue], connection: ClusterConnection, key: SecretKey,
                               context: CommandContext) async throws -> [String: String] {
            let secrets = sealed.filter { $0["kind"]?.stringValue == "Secret" }
            guard !secrets.isEmpty else { return [:] }
            return try await context.withClient(connection) { client in
                var values: [String: String] = [:]
                for secret in secrets {
                    let name = ObjectIdentity(secret)
                    guard let live = try await client.get(.secrets, namespace: name.namespace, name: name.name) else { continue }
                    let liveData = live["data"]?.objectValue ?? [:]
                    for (dataKey, marker) in secret["data"]?.objectValue ?? [:] {
                        guard let recorded = marker.stringValue, let encoded = liveData[dataKey]?.stringValue,
                              let bytes = Data(base64Encoded: encoded) else { continue }
                        let plain = String(decoding: bytes, as: UTF8.self)
                        if key.marker(plain) == recorded { values[dataKey] = plain }
                    }
                }
                return values
            }
        }

        /// The objects of a rollback preview (annotated as the rollback would be): a Secret whose
        /// values are all known (live with REV's HMAC, or supplied and checked) is sent; any other
        /// is compared by HMAC only. A supplied value that does not match REV's HMAC is an error.
        static func previewed(_ sealed: [JSONValue], values: [String: String], key: SecretKey, release: ReleaseID, number: Int,
                              digest: String) throws -> [PreviewObject] {
            let restored = try restoring(sealed, values: values, key: key, release: release, number: number)
            let unknown = Set(restored.missing.map(\.secret))
            let annotate = { (objects: [JSONValue]) in ClusterApply.annotated(objects, revision: number, contentDigest: digest, chainDigest: nil) }
            return zip(annotate(sealed), annotate(restored.objects)).map { sealed, plain in
                let secret = sealed["kind"]?.stringValue == "Secret" && unknown.contains(ObjectIdentity(sealed).name)
                return PreviewObject(sealed: sealed, plain: secret ? nil : plain)
            }
        }

        /// The revision's objects with every secret value put back, or an error naming what is missing.
        static func restored(_ sealed: [JSONValue], values: [String: String], key: SecretKey, release: ReleaseID,
                             number: Int) throws -> [JSONValue] {
            let restored = try restoring(sealed, values: values, key: key, release: release, number: number)
            guard restored.missing.isEmpty else { throw CommandError.missingSecretValues(restored.missing, number: number) }
            return restored.objects
        }

        /// The objects with the known secret values put back, and the values missing; an error
        /// when a given value does not match REV's HMAC.
        static func restoring(_ sealed: [JSONValue], values: [String: String], key: SecretKey, release: ReleaseID,
                              number: Int) throws -> (objects: [JSONValue], missing: [SecretHash]) {
            do {
                return try Regeneration.restored(sealed, values: values, key: key)
            } catch {
                throw CommandError.secretMismatch(release, number: number, error)
            }
        }
    }
}
