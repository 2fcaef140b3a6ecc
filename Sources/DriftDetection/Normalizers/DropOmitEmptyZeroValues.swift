import ObjectModel

/// Drops the zero values of `omitempty` fields the server never returns:
/// `readOnly: false`, `value: ""`, `hostNetwork: false`, `minReadySeconds: 0`,
/// `initialDelaySeconds: 0`…
///
/// Only the listed non-pointer fields are touched: pointer fields such as
/// `securityContext.privileged: false` or `allowPrivilegeEscalation: false` mean something and
/// are kept, and entries of user-keyed maps (labels, annotations, data) are never touched.
public struct DropOmitEmptyZeroValues: ObjectNormalizer {
    /// Fields dropped when `false`.
    public static let falseFields: Set<String> = [
        "readOnly", "hostNetwork", "hostPID", "hostIPC", "stdin", "stdinOnce", "tty", "paused",
    ]
    /// Fields dropped when `0`.
    public static let zeroFields: Set<String> = [
        "minReadySeconds", "initialDelaySeconds", "hostPort", "progressDeadlineSeconds",
    ]
    /// Fields dropped when `""`.
    public static let emptyStringFields: Set<String> = [
        "value", "subPath", "subPathExpr", "workingDir", "hostname", "subdomain", "nodeName",
        "priorityClassName", "serviceAccountName", "serviceAccount", "runtimeClassName", "effect",
        "operator", "namespace", "generateName", "terminationMessagePath", "imagePullPolicy",
    ]

    public init() {}

    public func normalized(_ object: JSONValue) -> JSONValue {
        object.rewritten { key, parentKey, value in
            guard let key, !UserKeyedMaps.names.contains(parentKey ?? "") else { return value }
            return Self.isOmittedZero(key, value) ? nil : value
        }
    }

    static func isOmittedZero(_ key: String, _ value: JSONValue) -> Bool {
        switch value {
        case .bool(false): return falseFields.contains(key)
        case .int(0): return zeroFields.contains(key)
        case .string(""): return emptyStringFields.contains(key)
        default: return false
        }
    }
}
