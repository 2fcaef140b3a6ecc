import ManifestModel
import ObjectModel

extension RevisionDraft {
    /// A draft whose spec and objects hold no plaintext secret.
    ///
    /// - Parameters:
    ///   - document: the manifest document as written.
    ///   - secretPaths: where secret values sit in `document` (``Manifest/secretValues``).
    ///   - objects: the rendered objects, Secret values in the clear.
    ///   - key: the store's key for the HMACs.
    public static func sealing(release: ReleaseID, document: JSONValue, secretPaths: [FieldPath], objects: [JSONValue],
                               metadata: RevisionMetadata, key: SecretKey) -> RevisionDraft {
        let (sealedObjects, hashes) = SecretSeal.sealed(objects, key: key)
        return RevisionDraft(release: release, metadata: metadata,
                             spec: SecretSeal.sealed(document, at: secretPaths, key: key),
                             objects: sealedObjects, secretHashes: hashes, summary: RevisionSummary(objects: objects))
    }
}

extension RevisionSummary {
    /// The strategy and images of the DaemonSet among `objects`.
    public init(objects: [JSONValue]) {
        self.init()
        guard let daemonSet = objects.first(where: { $0["kind"]?.stringValue == "DaemonSet" }) else { return }
        let spec = daemonSet["spec"]
        strategyType = spec?.value(atMemberPath: "updateStrategy.type")?.stringValue
            ?? (spec?["updateStrategy"] == nil ? nil : "RollingUpdate")
        maxUnavailable = spec?.value(atMemberPath: "updateStrategy.rollingUpdate.maxUnavailable").flatMap(Self.text)
        maxSurge = spec?.value(atMemberPath: "updateStrategy.rollingUpdate.maxSurge").flatMap(Self.text)
        minReadySeconds = spec?["minReadySeconds"]?.intValue
        let pod = spec?.value(atMemberPath: "template.spec")
        let containers = (pod?["initContainers"]?.arrayValue ?? []) + (pod?["containers"]?.arrayValue ?? [])
        images = containers.compactMap { $0["image"]?.stringValue }
    }

    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .int(let number): return String(number)
        case .string(let text): return text
        default: return nil
        }
    }
}
