import Foundation
import ArgumentParser
import Ledger
import ManifestModel
import ObjectModel

extension RootCommand {
    struct Regenerate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "regenerate",
            abstract: "Print exactly the objects a revision rendered, secret values put back when supplied.",
            discussion: """
                Works from the stored objects, so the output is byte for byte what 'render' printed for that revision, \
                whatever has changed in dsledger since. Secret values are not stored: without them, Secret data holds \
                placeholders (<secret:KEY>) and a warning names the keys that need values. Every supplied value is \
                checked against the recorded HMAC; a mismatch is an error naming the key, never the value.

                --secrets-from takes the original manifest (its literal env secrets) or a file of KEY=VALUE lines; \
                --secrets-from - reads them from standard input. --secret-env KEY[=VAR] takes KEY's value from the \
                environment variable VAR (default KEY). --secret KEY=VALUE works too, but puts the value where other \
                users can read it (the process list) and the shell history keeps it, and dsledger warns.

                Every object is rebuilt from the ledger and checked against its digest, and the revision against its \
                content digest and its link in the chain, before anything is printed.

                Exit codes: 0 regenerated; 2 no such revision, a value that does not match, ledger error or usage error; \
                6 ledger damaged: the revision no longer matches what was recorded (nothing printed).

                Examples:
                  dsledger regenerate fluent-bit 3 --secrets-from fluent-bit.yaml
                  dsledger regenerate agent -1 --secret-env TOKEN --docker-config ~/.docker/config.json -o json
                  vault kv get -field=env secret/agent | dsledger regenerate agent 3 --secrets-from -
                """)

        @OptionGroup var target: RevisionArguments

        @Option(name: .shortAndLong, help: "Output format: yaml or json.")
        var output: ObjectFormat = .yaml

        @OptionGroup var secretSources: SecretSourceOptions

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let context = CommandContext.current
            let values = try secretSources.values(in: context)
            let ledger = try await store.openForReading(in: context)
            let (release, found) = try await target.resolve(in: ledger)
            let key = values.isEmpty ? nil : try await store.secretKey(in: context, store: ledger)
            let restored: (objects: [JSONValue], missing: [SecretHash])
            let sealed = try await RevisionIntegrity.check(release, number: found.number, in: ledger,
                chainKey: try await ChainKeySource.resolve(chainKeyFile: nil, store: store, ledger: ledger, context: context).key).objects
            do {
                restored = try Regeneration.restored(sealed, values: values, key: key)
            } catch {
                throw CommandError.secretMismatch(release, number: found.number, error)
            }
            if let lacking = ImportedRevision.missing(found, objects: restored.objects) {
                context.writeError("warning: \(lacking): the output is the DaemonSet alone, not a release to apply as it is\n")
            }
            if !restored.missing.isEmpty {
                let keys = restored.missing.map { "\($0.key) (Secret \($0.secret))" }.joined(separator: ", ")
                context.writeError("warning: no value for \(keys); the output holds placeholders — supply values with --secret-env KEY, --secrets-from FILE (- for standard input) or --docker-config FILE\n")
            }
            context.writeOutput(Render.format(restored.objects, as: output))
        }
    }
}

/// `--secrets-from`, `--secret` and `--docker-config`: where `regenerate` and `rollback` get the
/// secret values the ledger does not keep.
struct SecretSourceOptions: ParsableArguments {
    @Option(name: .customLong("secrets-from"), help: "The original manifest, or a KEY=VALUE file.")
    var secretsFrom: String?

    @Option(name: .customLong("secret"), help: ArgumentHelp(
        "A secret value as KEY=VALUE (repeatable). Other users can read it in the process list and the shell keeps it: prefer --secret-env or --secrets-from -.",
        valueName: "KEY=VALUE"))
    var secrets: [String] = []

    @Option(name: .customLong("secret-env"), help: ArgumentHelp(
        "Read KEY's value from the environment variable VAR (default: KEY) (repeatable).", valueName: "KEY[=VAR]"))
    var secretEnv: [String] = []

    @Option(name: .customLong("docker-config"), help: "The Docker config.json of the image-pull Secret.")
    var dockerConfig: String?

    func validate() throws {
        for item in secretEnv where item.hasPrefix("=") || item.hasSuffix("=") || item.isEmpty {
            throw ValidationError("--secret-env takes KEY or KEY=VAR (got '\(item)')")
        }
    }

    /// The supplied values by Secret key (later sources win: the file, `--secret`,
    /// `--secret-env`, `--docker-config`), with a warning when `--secret` put one in argv.
    func values(in context: CommandContext) throws -> [String: String] {
        if !secrets.isEmpty {
            context.writeError("dsledger: warning: --secret puts the value on the command line, where other users of this machine "
                + "can read it (/proc/PID/cmdline) and the shell history keeps it; use --secret-env KEY or --secrets-from - instead\n")
        }
        var values = try SecretValues.collect(file: secretsFrom, pairs: secrets, dockerConfig: nil, context: context)
        for item in secretEnv {
            let key = String(item.prefix { $0 != "=" })
            let variable = item.contains("=") ? String(item.drop { $0 != "=" }.dropFirst()) : key
            guard !key.isEmpty, !variable.isEmpty else { throw CommandError.secretWithoutKey }
            guard let value = context.environment[variable] else { throw CommandError.secretEnvUnset(key: key, variable: variable) }
            values[key] = value
        }
        if let dockerConfig { values[".dockerconfigjson"] = try DockerConfig.load(dockerConfig, context: context) }
        return values
    }
}

/// Secret values supplied on the command line, by Secret key.
enum SecretValues {
    static func collect(file: String?, pairs: [String], dockerConfig: String?, context: CommandContext) throws -> [String: String] {
        var values: [String: String] = [:]
        if let file { values.merge(try fromFile(file, context: context)) { _, new in new } }
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw CommandError.secretWithoutKey
            }
            values[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        if let dockerConfig { values[".dockerconfigjson"] = try DockerConfig.load(dockerConfig, context: context) }
        return values
    }

    /// The literal env secrets of a manifest, or the KEY=VALUE lines of a plain file.
    static func fromFile(_ path: String, context: CommandContext) throws -> [String: String] {
        let text = try ManifestInput.readText(path, name: path, context: context)
        if let manifests = try? ManifestReader.read(text, file: path) {
            var values: [String: String] = [:]
            for manifest in manifests {
                for secret in manifest.spec?.container?.app?.env?.secrets ?? [] {
                    if secret.value.secretRef == nil, let value = secret.value.value { values[secret.name.value] = value.value }
                }
            }
            return values
        }
        var values: [String: String] = [:]
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let equals = trimmed.firstIndex(of: "="), equals != trimmed.startIndex else {
                throw InputError.notASecretLine(path, line: offset + 1)
            }
            values[String(trimmed[..<equals])] = String(trimmed[trimmed.index(after: equals)...])
        }
        return values
    }
}
