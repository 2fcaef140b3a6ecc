import KubernetesRules
import ObjectModel

/// The server version to assume when none is given, guessed from what live objects show
///. Offline use only; a connected check asks the server.
///
/// Clues: `managedFields` → 1.18+ (with a `subresource` key → 1.22+); a non-empty `selfLink` →
/// ≤1.19; `creationTimestamp: null` in a pod template → ≤1.33; a RollingUpdate DaemonSet without
/// `maxSurge` → ≤1.21, with it → 1.22+; `spec.templateGeneration` → ≤1.15. The guess is the
/// newest version the clues allow (``newest`` when there are none).
public enum ServerVersionGuess {
    /// The newest version assumed.
    public static let newest = KubernetesVersion(major: 1, minor: 35)

    /// The guess for a set of live objects.
    public static func version(from live: [JSONValue]) -> KubernetesVersion {
        var lower = 0, upper = newest.minor
        for object in live {
            let (low, high) = bounds(object)
            lower = max(lower, low)
            upper = min(upper, high)
        }
        return KubernetesVersion(major: 1, minor: max(lower, upper))
    }

    /// The minor versions one object allows, as (lowest, highest).
    static func bounds(_ object: JSONValue) -> (Int, Int) {
        var lower = 0, upper = newest.minor
        let metadata = object["metadata"]
        if case .array(let entries)? = metadata?["managedFields"], !entries.isEmpty {
            lower = max(lower, entries.contains { $0["subresource"] != nil } ? 22 : 18)
        }
        if let selfLink = metadata?["selfLink"]?.stringValue, !selfLink.isEmpty { upper = min(upper, 19) }
        let spec = object["spec"]
        if case .object(let templateMetadata)? = spec?["template"]?["metadata"], templateMetadata["creationTimestamp"] == .null {
            upper = min(upper, 33)
        }
        if spec?["templateGeneration"] != nil { upper = min(upper, 15) }
        if spec?["updateStrategy"]?["type"] == "RollingUpdate", let rolling = spec?["updateStrategy"]?["rollingUpdate"] {
            if rolling["maxSurge"] == nil { upper = min(upper, 21) } else { lower = max(lower, 22) }
        }
        return (lower, upper)
    }
}
