import Foundation
import ManifestModel
import ObjectModel

/// Replaces secret values by HMAC markers before anything is stored, and back again.
///
/// A marker is `hmac-sha256:<64 hex digits>`. Secret `data` values are base64 in rendered
/// objects; the marker replaces the base64 text, and the HMAC is over the decoded value.
public enum SecretSeal {
    public static let markerPrefix = SecretMarker.prefix

    /// The objects with every Secret value sealed, and the hash of each value.
    public static func sealed(_ objects: [JSONValue], key: SecretKey) -> (objects: [JSONValue], hashes: [SecretHash]) {
        var hashes: [SecretHash] = []
        let sealed = objects.map { object -> JSONValue in
            guard isSecret(object), let name = object.value(atMemberPath: "metadata.name")?.stringValue else { return object }
            var copy = object
            for field in ["data", "stringData"] {
                guard let members = object[field]?.objectValue else { continue }
                var sealedMembers: [String: JSONValue] = [:]
                for (dataKey, value) in members.sortedByKey() {
                    guard let text = value.stringValue else { continue }
                    let plain = field == "data" ? Data(base64Encoded: text).map { String(decoding: $0, as: UTF8.self) } ?? text : text
                    let marker = key.marker(plain)
                    sealedMembers[dataKey] = .string(marker)
                    hashes.append(SecretHash(secret: name, key: dataKey, hmac: String(marker.dropFirst(markerPrefix.count))))
                }
                copy[field] = .object(sealedMembers)
            }
            return copy
        }
        return (sealed, hashes)
    }

    /// The document with the value at each path replaced by its marker.
    public static func sealed(_ document: JSONValue, at paths: [FieldPath], key: SecretKey) -> JSONValue {
        var copy = document
        for path in paths {
            if let value = copy.value(at: path)?.stringValue {
                copy.replace(at: path, with: .string(key.marker(value)))
            }
        }
        return copy
    }

    /// Every marker replaced by its short fingerprint (`sha256:1a2b3c4d…`), for display.
    public static func fingerprinted(_ value: JSONValue) -> JSONValue {
        SecretMarker.fingerprinted(value)
    }

    static func isSecret(_ object: JSONValue) -> Bool {
        object["kind"]?.stringValue == "Secret" && object["apiVersion"]?.stringValue == "v1"
    }
}

extension Manifest {
    /// The literal env secret values, with their paths as written.
    public var secretValues: [Located<String>] {
        (spec?.container?.app?.env?.secrets ?? []).compactMap { $0.value.secretRef == nil ? $0.value.value : nil }
    }
}

extension JSONValue {
    /// The value at a manifest path (fields and map keys are object members).
    public func value(at path: FieldPath) -> JSONValue? {
        var current: JSONValue? = self
        for segment in path.segments {
            switch segment {
            case .field(let name), .key(let name): current = current?[name]
            case .index(let offset):
                guard let items = current?.arrayValue, items.indices.contains(offset) else { return nil }
                current = items[offset]
            case .keyed: return nil
            }
        }
        return current
    }

    /// Replaces the value at a manifest path, when there is one.
    public mutating func replace(at path: FieldPath, with newValue: JSONValue) {
        guard let first = path.segments.first else { return self = newValue }
        let rest = FieldPath(Array(path.segments.dropFirst()))
        switch (first, self) {
        case (.field(let name), .object(var members)), (.key(let name), .object(var members)):
            guard var child = members[name] else { return }
            child.replace(at: rest, with: newValue)
            members[name] = child
            self = .object(members)
        case (.index(let offset), .array(var items)) where items.indices.contains(offset):
            items[offset].replace(at: rest, with: newValue)
            self = .array(items)
        default:
            return
        }
    }
}
