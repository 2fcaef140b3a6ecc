import KubernetesRules
import ObjectModel

/// Fills in what an API server of the given version adds when it stores the applied object
///, including the always-emitted empty structs
/// (`resources: {}`, `creationTimestamp: null` up to 1.33). Runs on the applied side only.
public struct ApplyServerDefaults: ObjectNormalizer {
    /// The defaulter used.
    public let defaults: ServerDefaults

    /// The defaults of a server version.
    public init(version: KubernetesVersion) {
        self.defaults = ServerDefaults(version: version, includesEmptyStructs: true)
    }

    public func normalized(_ object: JSONValue) -> JSONValue {
        defaults.defaulted(object)
    }
}
