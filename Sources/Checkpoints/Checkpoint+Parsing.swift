import Ledger
import ObjectModel

/// Why a checkpoint file cannot be read as one.
public struct MalformedCheckpoint: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the member (`releases[2].position: not a positive integer`).
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { "malformed checkpoint: \(reason)" }
}

extension Checkpoint {
    /// Reads a checkpoint file's text. Unknown members are kept in ``statement`` (and so in what
    /// the signature covers) but not otherwise read.
    /// - Throws: ``MalformedCheckpoint`` naming the first member that is missing or wrong.
    public init(parsing text: String) throws(MalformedCheckpoint) {
        let value: JSONValue
        do {
            value = try JSONValue(parsingJSON: text)
        } catch {
            throw MalformedCheckpoint("not JSON (\(error))")
        }
        guard var members = value.objectValue else { throw MalformedCheckpoint("not a JSON object") }
        let signature = try members.removeValue(forKey: "signature").map(Self.signature)
        let fields = Fields(members: members, path: "")
        let format = try fields.string("format")
        guard format == Self.format else { throw MalformedCheckpoint("format: '\(format)' is not '\(Self.format)'") }
        let createdAt = try fields.string("createdAt")
        guard Timestamp.parse(createdAt) != nil else { throw MalformedCheckpoint("createdAt: '\(createdAt)' is not a UTC time") }
        let keyID: String? = members["ledgerKeyId"] == .null || members["ledgerKeyId"] == nil ? nil : try fields.string("ledgerKeyId")
        guard let releases = members["releases"]?.arrayValue else { throw MalformedCheckpoint("releases: missing or not a list") }
        var heads: [ChainHead] = []
        for (index, release) in releases.enumerated() {
            heads.append(try Self.head(release, path: "releases[\(index)]"))
        }
        var seen = Set<ReleaseID>()
        for head in heads where !seen.insert(head.release).inserted {
            throw MalformedCheckpoint("releases: \(head.release) is listed twice")
        }
        self.init(statement: .object(members), signature: signature, createdAt: createdAt, ledgerKeyID: keyID, heads: heads)
    }

    private static func head(_ value: JSONValue, path: String) throws(MalformedCheckpoint) -> ChainHead {
        guard let members = value.objectValue else { throw MalformedCheckpoint("\(path): not an object") }
        let fields = Fields(members: members, path: path + ".")
        return ChainHead(release: ReleaseID(namespace: try fields.string("namespace"), name: try fields.string("name")),
                         position: try fields.count("position"), digest: try fields.string("digest"),
                         revisions: try fields.count("revisions"), events: try fields.count("events"))
    }

    private static func signature(_ value: JSONValue) throws(MalformedCheckpoint) -> CheckpointSignature {
        guard let members = value.objectValue else { throw MalformedCheckpoint("signature: not an object") }
        let fields = Fields(members: members, path: "signature.")
        return CheckpointSignature(algorithm: try fields.string("algorithm"), publicKey: try fields.string("publicKey"),
                                   value: try fields.string("value"))
    }

    /// Typed reads of an object's members, naming the member in what they throw.
    private struct Fields {
        var members: [String: JSONValue]
        var path: String

        func string(_ name: String) throws(MalformedCheckpoint) -> String {
            guard let text = members[name]?.stringValue else { throw MalformedCheckpoint("\(path)\(name): missing or not a string") }
            return text
        }

        func count(_ name: String) throws(MalformedCheckpoint) -> Int {
            guard let number = members[name]?.intValue, number >= 0, number <= Int64(Int32.max) else {
                throw MalformedCheckpoint("\(path)\(name): missing or not a whole number of 0 or more")
            }
            return Int(number)
        }
    }
}
