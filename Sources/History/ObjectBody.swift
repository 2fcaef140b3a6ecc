import CompressNIO
import Foundation
import NIOCore
import ObjectModel

/// How an object's body is stored (the `encoding` column of schema 4).
package enum ObjectEncoding: Int, Sendable {
    /// Canonical JSON.
    case json = 0
    /// Canonical JSON, deflated.
    case deflatedJSON = 1
    /// A ``JSONDelta`` against the base object, as canonical JSON.
    case delta = 2
    /// That delta, deflated.
    case deflatedDelta = 3

    package var isDelta: Bool { self == .delta || self == .deflatedDelta }
}

/// A body ready to store.
package struct ObjectBody: Sendable {
    package let encoding: ObjectEncoding
    package let bytes: Data

    /// Bodies smaller than this are not worth deflating.
    private static let deflateThreshold = 96

    /// A whole object: its canonical JSON, deflated when that is smaller.
    package static func whole(_ canonical: [UInt8]) -> ObjectBody {
        if canonical.count >= deflateThreshold, let deflated = deflate(canonical), deflated.count < canonical.count {
            return ObjectBody(encoding: .deflatedJSON, bytes: deflated)
        }
        return ObjectBody(encoding: .json, bytes: Data(canonical))
    }

    /// The changes from a base object, deflated when that is smaller.
    static func delta(_ operations: JSONValue) -> ObjectBody {
        let canonical = CanonicalJSON.compactBytes(operations)
        if canonical.count >= deflateThreshold, let deflated = deflate(canonical), deflated.count < canonical.count {
            return ObjectBody(encoding: .deflatedDelta, bytes: deflated)
        }
        return ObjectBody(encoding: .delta, bytes: Data(canonical))
    }

    /// The object a stored body holds; `base` is the base object's value for a delta.
    /// - Throws: ``ObjectBodyError`` for a body that does not inflate, inflates past
    ///   ``maximumInflatedSize`` (a deflate bomb), is not JSON, or is a delta that does not apply.
    package static func decode(_ bytes: Data, encoding: ObjectEncoding, base: JSONValue?) throws -> JSONValue {
        let plain: Data
        switch encoding {
        case .json, .delta: plain = bytes
        case .deflatedJSON, .deflatedDelta: plain = try inflate(bytes)
        }
        let value: JSONValue
        do {
            value = try JSONValue(parsingJSON: String(decoding: plain, as: UTF8.self))
        } catch {
            throw ObjectBodyError.notJSON("\(error)")
        }
        guard encoding.isDelta else { return value }
        guard let base else { throw JSONDeltaError.malformed("a delta without its base object") }
        return try JSONDelta.applying(value, to: base)
    }
    private static func deflate(_ bytes: [UInt8]) -> Data? {
        var buffer = ByteBuffer(bytes: bytes)
        guard let out = try? buffer.compress(with: .deflate()) else { return nil }
        return Data(out.readableBytesView)
    }

    /// The largest inflated body accepted: far above any real object, and a stop for a damaged
    /// or hostile row.
    package static let maximumInflatedSize = 64 << 20

    private static func inflate(_ bytes: Data) throws -> Data {
        // compress-nio sizes its output from the input's size: an empty input would never end.
        guard !bytes.isEmpty else { throw ObjectBodyError.notDeflate("the body is empty") }
        var buffer = ByteBuffer(bytes: bytes)
        do {
            // compress-nio stops near maxSize, not at it (its buffers round up to powers of two,
            // so up to about twice the limit is allocated): the limit itself is checked here.
            let out = try buffer.decompress(with: .deflate(), maxSize: maximumInflatedSize)
            guard out.readableBytes <= maximumInflatedSize else { throw ObjectBodyError.tooLarge(limit: maximumInflatedSize) }
            return Data(out.readableBytesView)
        } catch let error as ObjectBodyError {
            throw error
        } catch let error as CompressNIOError where error == .bufferOverflow {
            throw ObjectBodyError.tooLarge(limit: maximumInflatedSize)
        } catch {
            throw ObjectBodyError.notDeflate("\(error)")
        }
    }
}

/// Why a stored body cannot be read.
package enum ObjectBodyError: Error, Equatable, CustomStringConvertible {
    /// The `encoding` column holds a number that is no ``ObjectEncoding``.
    case unknownEncoding(Int64)
    /// The body inflates past the limit (a deflate bomb, or damage).
    case tooLarge(limit: Int)
    /// The body does not inflate.
    case notDeflate(String)
    /// The body is not JSON.
    case notJSON(String)

    package var description: String {
        switch self {
        case .unknownEncoding(let code): "unknown encoding \(code)"
        case .tooLarge(let limit): "its body inflates to more than \(limit >> 20) MiB, the limit"
        case .notDeflate(let detail): "its body does not inflate: \(detail)"
        case .notJSON(let detail): "its body is not JSON: \(detail)"
        }
    }
}
