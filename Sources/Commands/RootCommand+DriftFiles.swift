import DriftDetection
import Foundation
import Ledger
import ObjectModel

/// The two sides of an offline `drift`: objects read from files, Secret values sealed under a
/// key made for this run so that no value can reach the output.
struct DriftFiles {
    static let lastApplied = "last-applied"
    static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

    var desired: [JSONValue]
    var live: [JSONValue]

    /// Reads both files (`-` is standard input; `--desired last-applied` reads the live file's
    /// annotations) and seals their Secrets.
    ///
    /// - Throws: ``InputError`` naming the file.
    static func load(desired desiredPath: String, live livePath: String, context: CommandContext) throws -> DriftFiles {
        let live = try KubernetesObjectFile.objects(at: livePath, context: context)
        let desired = desiredPath == lastApplied
            ? try lastAppliedObjects(in: live, file: displayName(livePath))
            : try KubernetesObjectFile.objects(at: desiredPath, context: context)
        let liveObjects = live.map { Self.identified($0, from: desired) }
        let key = SecretKey(bytes: SecretKey.generateBytes())
        guard let key else { throw CommandError.noSecretKey }
        return DriftFiles(desired: SecretSeal.sealed(desired, key: key).objects,
                          live: SecretSeal.sealed(liveObjects, key: key).objects)
    }

    static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    /// The last-applied configuration of every live object that has one.
    static func lastAppliedObjects(in live: [JSONValue], file: String) throws -> [JSONValue] {
        var objects: [JSONValue] = []
        for object in live {
            guard let text = object["metadata"]?["annotations"]?[lastAppliedAnnotation]?.stringValue else { continue }
            guard let parsed = try? JSONValue(parsingJSON: text), parsed.objectValue != nil else {
                let name = object["metadata"]?["name"]?.stringValue ?? "?"
                throw InputError.annotationNotJSON(file, annotation: lastAppliedAnnotation, name: name)
            }
            objects.append(parsed)
        }
        guard !objects.isEmpty else {
            throw InputError.noAnnotation(file, annotation: lastAppliedAnnotation)
        }
        return objects
    }

    /// A live list item without kind or apiVersion takes them from the desired object of the
    /// same name (and namespace, when both have one).
    static func identified(_ object: JSONValue, from desired: [JSONValue]) -> JSONValue {
        guard object["kind"] == nil || object["apiVersion"] == nil else { return object }
        let name = object["metadata"]?["name"], namespace = object["metadata"]?["namespace"]
        let match = desired.first { candidate in
            candidate["metadata"]?["name"] == name
                && (namespace == nil || candidate["metadata"]?["namespace"] == nil || candidate["metadata"]?["namespace"] == namespace)
        }
        guard let match else { return object }
        var copy = object
        for field in ["kind", "apiVersion"] where copy[field] == nil { copy[field] = match[field] }
        return copy
    }
}
