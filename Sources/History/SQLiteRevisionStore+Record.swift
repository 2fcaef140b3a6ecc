internal import GRDB
import Dispatch
import Foundation
import Ledger
import ObjectModel

extension SQLiteRevisionStore {
    public func record(_ drafts: [RevisionDraft]) throws -> [RecordOutcome] {
        try record(entries: drafts.map(LedgerEntry.revision)).compactMap { $0 }
    }

    /// Records revisions and events in order, all in one IMMEDIATE transaction (the batch path
    /// of `import`): each revision as ``record(_:)`` records it, each event as it is.
    ///
    /// Serialising and hashing happen before the transaction, spread over every core, so the
    /// write lock is held only for the inserts.
    /// - Returns: one outcome per entry, `nil` for events.
    public func record(entries: [LedgerEntry]) throws -> [RecordOutcome?] {
        let encoded = Self.encoded(entries)
        return try wrap {
            try pool.write { db in
                var batch = BatchState(reader: reader)
                return try encoded.map { entry -> RecordOutcome? in
                    switch entry {
                    case .revision(let draft):
                        return try Self.record(draft, batch: &batch, in: db)
                    case .event(let event):
                        let releaseID = try batch.releaseID(event.release, in: db)
                        try Self.insertEvent(event, releaseID: releaseID, in: db)
                        return nil
                    }
                }
            }
        }
    }

    public func recordEvent(_ event: EventDraft) throws {
        try wrap {
            try pool.write { db in
                let releaseID = try Self.releaseID(event.release, in: db)
                try Self.insertEvent(event, releaseID: releaseID, in: db)
            }
        }
    }

    /// The entries with every draft encoded, then each draft's deltas from the revision before
    /// it in the batch worked out: both in parallel when there are enough entries to be worth it.
    private static func encoded(_ entries: [LedgerEntry]) -> [EncodedEntry] {
        // In order within each chunk, so a draft can take the encodings of objects it shares
        // with the one before (consecutive versions, see RenderMemo).
        let encoded = parallelMap(entries.indices) { index, previous in EncodedEntry(entries[index], previous: previous?.draft) }
        // The release's previous revision in the batch: usually the entry just before.
        var previous: [Int?] = Array(repeating: nil, count: entries.count)
        var lastByRelease: [ReleaseID: Int] = [:]
        for (index, entry) in encoded.enumerated() {
            guard case .revision(let draft) = entry else { continue }
            previous[index] = lastByRelease[draft.draft.release]
            lastByRelease[draft.draft.release] = index
        }
        // Workers only read drafts; the deltas are kept afterwards, on this thread.
        let deltas = parallelMap(encoded.indices) { index, _ -> [PreparedDelta?]? in
            guard case .revision(let draft) = encoded[index], let before = previous[index],
                case .revision(let base) = encoded[before] else { return nil }
            return draft.deltas(from: base)
        }
        for (index, found) in deltas.enumerated() {
            if let found, case .revision(let draft) = encoded[index] { draft.keep(found) }
        }
        return encoded
    }

    /// `transform` of every index, spread over every core in chunks of 16 from 32 items on; each
    /// call also gets the result for the index before it when that one is in the same chunk.
    private static func parallelMap<Element>(_ indices: Range<Int>, _ transform: (Int, Element?) -> Element) -> [Element] {
        /// The chunk's results, in order.
        func chunk(_ range: Range<Int>, _ keep: (Int, Element) -> Void) {
            var previous: Element?
            for index in range {
                let result = transform(index, previous)
                keep(index, result)
                previous = result
            }
        }
        guard indices.count >= 32 else {
            var results: [Element] = []
            chunk(indices) { _, result in results.append(result) }
            return results
        }
        let results = UnsafeSendableBuffer<Element>(count: indices.count)
        let size = 16
        withoutActuallyEscaping(chunk) { chunk in
            let work = UnsafeSendableBox(chunk)
            DispatchQueue.concurrentPerform(iterations: (indices.count + size - 1) / size) { index in
                let start = indices.lowerBound + index * size
                work.value(start..<min(indices.upperBound, start + size)) { position, result in
                    results.set(position - indices.lowerBound, result)
                }
            }
        }
        return results.values
    }

    private static func record(_ encoded: EncodedDraft, batch: inout BatchState, in db: Database) throws -> RecordOutcome {
        let draft = encoded.draft
        let releaseID = try batch.releaseID(draft.release, in: db)
        let content = encoded.contentDigest
        let latest = try batch.latest(of: releaseID, in: db)
        let metadata = draft.metadata
        let event = { (outcome: String, number: Int) in
            EventDraft(release: draft.release, kind: metadata.action.rawValue, outcome: outcome, revision: number,
                       author: metadata.author, createdAt: metadata.createdAt,
                       // A recorded revision keeps its origin itself; the event needs it only when no revision does.
                       origin: outcome == "recorded" ? nil : metadata.origin)
        }
        if let latest, latest.contentDigest == content, metadata.restoredFrom == nil {
            try insertEvent(event("unchanged", latest.number), releaseID: releaseID, in: db)
            guard let revision = try fetchRevision(releaseID: releaseID, release: draft.release, number: latest.number, in: db) else {
                throw StoreError.corrupt(path: db.description, detail: "revision \(latest.number) vanished")
            }
            return .unchanged(revision)
        }
        let number = (latest?.number ?? 0) + 1
        let chain = Digests.chain(previous: latest?.chainDigest, release: draft.release, number: number,
                                  contentDigest: content, metadata: metadata, summary: draft.summary)
        let bases = try batch.latestObjects(of: releaseID, in: db)
        let spec = try ObjectWriter.store(encoded.spec, base: bases.spec, reader: batch.reader, in: db)
        let revisionID = try insertRevision(encoded, specObjectID: spec.id, releaseID: releaseID, number: number,
                                            chain: chain, in: db)
        var stored = LatestObjects(spec: spec)
        var links: [DatabaseValueConvertible] = []
        for (position, object) in encoded.objects.enumerated() {
            let identity = object.identity
            let written = try ObjectWriter.store(object, base: bases.byIdentity[identity], reader: batch.reader, in: db)
            stored.byIdentity[identity] = written
            links += [revisionID, position, written.id]
        }
        // One statement for the revision's object list (a statement per row costs more than the rows).
        if !links.isEmpty {
            let rows = Array(repeating: "(?, ?, ?)", count: links.count / 3).joined(separator: ", ")
            try db.cachedStatement(sql: "INSERT INTO revisionObject (revisionId, position, objectId) VALUES \(rows)")
                .execute(arguments: StatementArguments(links))
        }
        for hash in draft.secretHashes {
            try db.cachedStatement(sql: "INSERT INTO secretHash (revisionId, secretName, key, hmac) VALUES (?, ?, ?, ?)")
                .execute(arguments: [revisionID, hash.secret, hash.key, hash.hmac])
        }
        try insertEvent(event("recorded", number), releaseID: releaseID, in: db)
        batch.latestByRelease[releaseID] = LatestRevision(id: revisionID, specObjectID: spec.id, number: number,
                                                          contentDigest: content, chainDigest: chain)
        batch.objectsByRelease[releaseID] = stored
        return .recorded(Revision(release: draft.release, number: number, metadata: metadata, summary: draft.summary,
                                  contentDigest: content, chainDigest: chain))
    }

    /// Inserts the revision row (and its spec object) and returns its id.
    private static func insertRevision(_ encoded: EncodedDraft, specObjectID: Int64, releaseID: Int64, number: Int,
                                       chain: String, in db: Database) throws -> Int64 {
        let metadata = encoded.draft.metadata
        let summary = encoded.draft.summary
        try db.cachedStatement(sql: """
            INSERT INTO revision (releaseId, number, action, specObjectId, strategyType, maxUnavailable, maxSurge,
                minReadySeconds, images, author, message, sourceFile, toolVersion, createdAt, restoredFrom,
                contentDigest, chainDigest, origin, partial)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                releaseID, number, metadata.action.rawValue, specObjectID, summary.strategyType, summary.maxUnavailable,
                summary.maxSurge, summary.minReadySeconds, CanonicalJSON.compact(.array(summary.images.map { .string($0) })),
                metadata.author, metadata.message, metadata.sourceFile, metadata.toolVersion,
                Timestamp.format(metadata.createdAt), metadata.restoredFrom, DigestColumn.bytes(encoded.contentDigest),
                DigestColumn.bytes(chain),
                metadata.origin, metadata.partial ? 1 : 0,
            ])
        return db.lastInsertedRowID
    }

    static func releaseID(_ release: ReleaseID, in db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM release WHERE namespace = ? AND name = ?"),
                                       arguments: [release.namespace, release.name]) {
            return id
        }
        try db.execute(sql: "INSERT INTO release (namespace, name) VALUES (?, ?)", arguments: [release.namespace, release.name])
        return db.lastInsertedRowID
    }

    static func insertEvent(_ event: EventDraft, releaseID: Int64, in db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO event (releaseId, revisionNumber, kind, outcome, author, createdAt, detail, context, server, origin)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [releaseID, event.revision, event.kind, event.outcome, event.author,
                                     Timestamp.format(event.createdAt), event.detail.map(CanonicalJSON.compact),
                                     event.cluster?.context, event.cluster?.server, event.origin])
    }
}

/// The latest revision of a release, as the chain needs it.
struct LatestRevision {
    let id: Int64
    let specObjectID: Int64
    let number: Int
    let contentDigest: String
    let chainDigest: String
}

/// What one write transaction has learnt so far: release ids and latest revisions, so a batch
/// of a thousand revisions of one release reads each once.
struct BatchState {
    let reader: ObjectReader
    var releases: [ReleaseID: Int64] = [:]
    var latestByRelease: [Int64: LatestRevision] = [:]
    var objectsByRelease: [Int64: LatestObjects] = [:]

    init(reader: ObjectReader) {
        self.reader = reader
    }

    mutating func releaseID(_ release: ReleaseID, in db: Database) throws -> Int64 {
        if let id = releases[release] { return id }
        let id = try SQLiteRevisionStore.releaseID(release, in: db)
        releases[release] = id
        return id
    }

    mutating func latest(of releaseID: Int64, in db: Database) throws -> LatestRevision? {
        if let known = latestByRelease[releaseID] { return known }
        guard let row = try Row.fetchOne(db, sql: """
            SELECT id, specObjectId, number, contentDigest, chainDigest FROM revision WHERE releaseId = ? ORDER BY number DESC LIMIT 1
            """, arguments: [releaseID]) else { return nil }
        let found = LatestRevision(id: row["id"], specObjectID: row["specObjectId"], number: row["number"],
                                   contentDigest: row.digest("contentDigest"), chainDigest: row.digest("chainDigest"))
        latestByRelease[releaseID] = found
        return found
    }

    /// The objects of the release's latest revision, the bases of the next revision's objects.
    mutating func latestObjects(of releaseID: Int64, in db: Database) throws -> LatestObjects {
        if let known = objectsByRelease[releaseID] { return known }
        guard let latest = try latest(of: releaseID, in: db) else { return LatestObjects() }
        let loaded = try LatestObjects.load(revisionID: latest.id, specID: latest.specObjectID, in: db)
        objectsByRelease[releaseID] = loaded
        return loaded
    }
}
