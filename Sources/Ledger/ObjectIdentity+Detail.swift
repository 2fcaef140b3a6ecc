import ObjectModel

extension ObjectIdentity {
    /// `{apiVersion, kind, namespace?, name}`: how events' details name an object (the objects of
    /// an apply, a dry run, a drift finding).
    public var detailJSON: [String: JSONValue] {
        var entry: [String: JSONValue] = ["apiVersion": .string(apiVersion), "kind": .string(kind), "name": .string(name)]
        if let namespace { entry["namespace"] = .string(namespace) }
        return entry
    }

    /// The identity a ``detailJSON`` value names; `nil` when apiVersion, kind or name is missing.
    public init?(detailJSON value: JSONValue) {
        guard let apiVersion = value["apiVersion"]?.stringValue, let kind = value["kind"]?.stringValue,
              let name = value["name"]?.stringValue else { return nil }
        self.init(apiVersion: apiVersion, kind: kind, namespace: value["namespace"]?.stringValue, name: name)
    }
}
