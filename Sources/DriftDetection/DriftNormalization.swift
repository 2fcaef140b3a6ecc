import KubernetesRules
import ObjectModel

/// The normalisation both sides go through before they are compared.
///
/// - Applied side: ``FoldSealedStringData``, ``ApplyServerDefaults`` for the server version,
///   then the shared rules.
/// - Live side: ``RedactUnsealedSecretValues``, then the shared rules.
/// - Shared rules, in order: ``DropStatus``, ``DropServerManagedMetadata``,
///   ``DropNamespaceServerFields``, ``DropServiceAccountTokenSecrets``, ``DropNulls``,
///   ``DropOmitEmptyZeroValues``, ``DropEmptyCollections``.
///
/// Quantities, file modes and numbers are compared by value afterwards (``ValueEquivalence``),
/// so that the report still shows them as written.
public struct DriftNormalization: Sendable {
    /// The server version whose defaults the applied side gets.
    public var version: KubernetesVersion

    /// The normalisation for a server version.
    public init(version: KubernetesVersion) {
        self.version = version
    }

    /// The rules both sides share, in order.
    public static let sharedRules: [any ObjectNormalizer] = [
        DropStatus(), DropServerManagedMetadata(), DropNamespaceServerFields(), DropServiceAccountTokenSecrets(),
        DropNulls(), DropOmitEmptyZeroValues(), DropEmptyCollections(),
    ]

    /// The applied object as the server would return it, normalised.
    public func applied(_ object: JSONValue) -> JSONValue {
        Self.shared(ApplyServerDefaults(version: version).normalized(FoldSealedStringData().normalized(object)))
    }

    /// The applied object normalised but without server defaults: exactly the fields dsledger set.
    public func appliedWithoutDefaults(_ object: JSONValue) -> JSONValue {
        Self.shared(FoldSealedStringData().normalized(object))
    }

    /// The live object, normalised.
    public func live(_ object: JSONValue) -> JSONValue {
        Self.shared(RedactUnsealedSecretValues().normalized(object))
    }

    static func shared(_ object: JSONValue) -> JSONValue {
        sharedRules.reduce(object) { value, rule in rule.normalized(value) }
    }
}
