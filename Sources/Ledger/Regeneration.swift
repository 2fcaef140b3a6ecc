import Foundation
import ObjectModel

/// Rebuilds the exact objects of a recorded revision, putting supplied secret values back.
public enum Regeneration {
    /// A supplied value whose HMAC differs from the recorded one.
    public struct Mismatch: Error, Sendable, Hashable, CustomStringConvertible {
        public var secret: String
        public var key: String

        public var description: String {
            "the value given for '\(key)' (Secret '\(secret)') does not match the one recorded; its HMAC differs"
        }
    }

    /// The objects with each sealed Secret value replaced by the supplied value (base64 under
    /// `data`), or by the placeholder `<secret:KEY>` when none was supplied.
    ///
    /// - Parameters:
    ///   - values: plaintext values by Secret key (`ES_PASSWORD`, `.dockerconfigjson`).
    ///   - key: the store's key; needed only when `values` is not empty.
    /// - Returns: the objects and the hashes of the values still missing.
    /// - Throws: ``Mismatch`` naming the first key whose value does not match (never the value).
    public static func restored(_ objects: [JSONValue], values: [String: String], key: SecretKey?) throws(Mismatch)
        -> (objects: [JSONValue], missing: [SecretHash])
    {
        var missing: [SecretHash] = []
        var out: [JSONValue] = []
        for object in objects {
            guard SecretSeal.isSecret(object), let name = object.value(atMemberPath: "metadata.name")?.stringValue else {
                out.append(object)
                continue
            }
            var copy = object
            for field in ["data", "stringData"] {
                guard let members = object[field]?.objectValue else { continue }
                var restored: [String: JSONValue] = [:]
                for (dataKey, value) in members.sortedByKey() {
                    guard let text = value.stringValue, text.hasPrefix(SecretSeal.markerPrefix) else {
                        restored[dataKey] = value
                        continue
                    }
                    let recorded = String(text.dropFirst(SecretSeal.markerPrefix.count))
                    guard let plain = values[dataKey] else {
                        missing.append(SecretHash(secret: name, key: dataKey, hmac: recorded))
                        restored[dataKey] = .string("<secret:\(dataKey)>")
                        continue
                    }
                    guard let key, key.hmac(plain) == recorded else { throw Mismatch(secret: name, key: dataKey) }
                    restored[dataKey] = .string(field == "data" ? Data(plain.utf8).base64EncodedString() : plain)
                }
                copy[field] = .object(restored)
            }
            out.append(copy)
        }
        return (out, missing)
    }
}
