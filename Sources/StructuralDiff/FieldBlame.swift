import ObjectModel

/// One leaf field of a revision, with the revision that set its current value.
public struct BlameEntry: Sendable, Hashable {
    public var object: ObjectIdentity
    public var path: FieldPath
    /// The current value (secret values as fingerprints).
    public var value: JSONValue
    public var revision: Int
}

/// A revision's objects as blame sees them: identity → (digest, value).
public struct BlameRevision: Sendable {
    public var number: Int
    public var digests: [ObjectIdentity: String]

    public init(number: Int, digests: [ObjectIdentity: String]) {
        self.number = number
        self.digests = digests
    }
}

/// For each leaf field of a revision: which revision set its current value.
///
/// Walks newest first, skips objects whose digest did not change between two revisions, and
/// stops as soon as every field is attributed.
public enum FieldBlame {
    /// - Parameters:
    ///   - latest: the revision to explain.
    ///   - revision: the object digests of revision `n` (called for `latest`, `latest - 1`, …).
    ///   - object: the value of a stored object by digest.
    public static func entries(latest: Int, revision: (Int) async throws -> BlameRevision,
                               object: (String) async throws -> JSONValue?) async throws -> [BlameEntry] {
        let newest = try await revision(latest)
        var values: [ObjectIdentity: [FieldPath: JSONValue]] = [:]
        // The version of each object the walk holds, and its digest: the newest not yet compared.
        var held: [ObjectIdentity: (digest: String, value: JSONValue)] = [:]
        for (identity, digest) in newest.digests {
            guard let value = try await object(digest) else { continue }
            values[identity] = Dictionary(leaves(of: value), uniquingKeysWith: { first, _ in first })
            held[identity] = (digest, value)
        }
        var attributed: [ObjectIdentity: [FieldPath: Int]] = [:]
        var open = values.mapValues { Set($0.keys) }
        var number = latest - 1
        while number >= 1, open.values.contains(where: { !$0.isEmpty }) {
            let older = try await revision(number)
            for (identity, fields) in open where !fields.isEmpty {
                guard let newer = held[identity], older.digests[identity] != newer.digest else { continue }
                let changed: [FieldPath]
                if let digest = older.digests[identity], let value = try await object(digest) {
                    // Only the subtrees that differ are walked; equal subtrees are skipped whole.
                    var walker = Walker(object: identity)
                    walker.compare(value, newer.value, at: FieldPath())
                    changed = walker.changes.filter { $0.kind != .reordered }.map(\.path)
                    held[identity] = (digest, value)
                } else {
                    changed = [FieldPath()]
                    held[identity] = nil
                }
                for path in fields where changed.contains(where: { $0.isPrefix(of: path) }) {
                    attributed[identity, default: [:]][path] = number + 1
                    open[identity]?.remove(path)
                }
                if held[identity] == nil { open[identity] = [] }
            }
            number -= 1
        }
        var out: [BlameEntry] = []
        for (identity, fields) in values {
            for (path, value) in fields {
                out.append(BlameEntry(object: identity, path: path, value: SecretMarker.fingerprinted(value),
                                      revision: attributed[identity]?[path] ?? max(1, number + 1)))
            }
        }
        return out.sorted { ($0.object, $0.path.description) < ($1.object, $1.path.description) }
    }

    /// Every leaf of a value with its path; list items named by their merge key where
    /// Kubernetes has one.
    public static func leaves(of value: JSONValue, at path: FieldPath = FieldPath()) -> [(FieldPath, JSONValue)] {
        switch value {
        case .object(let members) where !members.isEmpty:
            return members.sortedByKey().flatMap { leaves(of: $0.value, at: path.member($0.key)) }
        case .array(let items) where !items.isEmpty:
            let matching = ListMatching.forList(at: path)
            let keys = items.map(matching.key(of:))
            let keyed = !keys.contains(nil) && Set(keys).count == items.count
            return items.enumerated().flatMap { offset, item in
                leaves(of: item, at: path.appending(keyed ? matching.segment(key: keys[offset]!) : .index(offset)))
            }
        default:
            return [(path, value)]
        }
    }
}

extension FieldPath {
    /// True when this path is `other` or one of its ancestors.
    func isPrefix(of other: FieldPath) -> Bool {
        segments.count <= other.segments.count && zip(segments, other.segments).allSatisfy { $0 == $1 }
    }
}
