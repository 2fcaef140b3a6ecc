#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A delta found from the canonical bytes of both versions.
///
/// Most new versions of an object differ from the previous one in one place (an image tag, a
/// replica count). Their compact canonical JSON then shares a long prefix and a long suffix, and
/// the bytes in between lie inside one value. Reading the bytes up to that place names the value,
/// and one operation that sets it is a complete delta: everything before it is the same bytes,
/// and the check that everything after it is the same bytes too is what makes it exact. This
/// costs a scan of the bytes instead of a walk of both trees with a dictionary lookup per member.
extension JSONDelta {
    /// Above this many bytes, the value found is not worth setting whole: the tree walk of
    /// ``operations(from:to:)`` finds the smaller changes inside it.
    static let locatedValueLimit = 512

    /// The operations that turn `old` into `new`, given the compact canonical JSON of each
    /// (``CanonicalJSON/compactBytes(_:)``). Applying them to `old` gives exactly `new`, as with
    /// ``operations(from:to:)``; when the change lies in one small value they are that one
    /// operation, and otherwise they are ``operations(from:to:)``.
    public static func operations(from old: JSONValue, canonical oldBytes: [UInt8],
                                  to new: JSONValue, canonical newBytes: [UInt8]) -> JSONValue {
        switch located(old: oldBytes, new: newBytes, in: new) {
        case .same: return .array([])
        case .operation(let operation): return .array([operation])
        case nil: return operations(from: old, to: new)
        }
    }

    /// What the bytes tell: no change, or the one operation that sets the smallest value holding
    /// every changed byte; nil when there is no such value under the size limit.
    enum Located: Equatable {
        case same
        case operation(JSONValue)
    }

    static func located(old: [UInt8], new: [UInt8], in value: JSONValue) -> Located? {
        old.withUnsafeBufferPointer { old in
            new.withUnsafeBufferPointer { new -> Located? in
                let shorter = min(old.count, new.count)
                let prefix = commonPrefix(old, new, limit: shorter)
                if prefix == old.count, prefix == new.count { return .same }
                let suffix = commonSuffix(old, new, limit: shorter - prefix)
                let changed = prefix..<(new.count - suffix)
                // The values holding the change, outermost first. Each starts within the common
                // prefix, so the old version has a value at the same path starting at the same
                // byte; the innermost one whose old version is followed by exactly the bytes that
                // follow the new one (a stretch of the common suffix) is the one to set.
                let chain = CanonicalScanner(bytes: new).enclosing(changed)
                for candidate in chain.reversed() where candidate.span.count <= locatedValueLimit && !candidate.path.isEmpty {
                    guard let oldEnd = CanonicalScanner(bytes: old).end(ofValueAt: candidate.span.lowerBound),
                          old.count - oldEnd == new.count - candidate.span.upperBound,
                          let replacement = value.descendant(candidate.path) else { continue }
                    return .operation(.array([.string(pointer(candidate.path.map(\.token))), replacement]))
                }
                return nil
            }
        }
    }
}

/// How many leading bytes `a` and `b` share, up to `limit`: eight at a time, then one at a time.
private func commonPrefix(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
    let a = UnsafeRawBufferPointer(a), b = UnsafeRawBufferPointer(b)
    var count = 0
    while count + 8 <= limit, a.loadUnaligned(fromByteOffset: count, as: UInt64.self) == b.loadUnaligned(fromByteOffset: count, as: UInt64.self) {
        count += 8
    }
    while count < limit, a[count] == b[count] { count += 1 }
    return count
}

/// How many trailing bytes `a` and `b` share, up to `limit`.
private func commonSuffix(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
    let a = UnsafeRawBufferPointer(a), b = UnsafeRawBufferPointer(b)
    var count = 0
    while count + 8 <= limit,
          a.loadUnaligned(fromByteOffset: a.count - count - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: b.count - count - 8, as: UInt64.self) {
        count += 8
    }
    while count < limit, a[a.count - 1 - count] == b[b.count - 1 - count] { count += 1 }
    return count
}

/// One step from a value to a member or element of it.
enum CanonicalStep {
    case member(String)
    case element(Int)

    var token: String {
        switch self {
        case .member(let key): key
        case .element(let index): String(index)
        }
    }
}

extension JSONValue {
    fileprivate func descendant(_ path: [CanonicalStep]) -> JSONValue? {
        var current = self
        for step in path {
            switch (step, current) {
            case (.member(let key), .object(let members)):
                guard let next = members[key] else { return nil }
                current = next
            case (.element(let index), .array(let items)):
                guard items.indices.contains(index) else { return nil }
                current = items[index]
            default: return nil
            }
        }
        return current
    }
}

/// Reads compact canonical JSON bytes just enough to find where values start and end. Anything
/// unexpected (which canonical JSON never holds) gives nil, and the caller walks the trees instead.
struct CanonicalScanner {
    let bytes: UnsafeBufferPointer<UInt8>

    /// Each value whose bytes hold all of `range`, from the whole document inwards, with its
    /// path; empty when a key needs unescaping (then a pointer could not be spelt from bytes).
    func enclosing(_ range: Range<Int>) -> [(path: [CanonicalStep], span: Range<Int>)] {
        guard range.upperBound <= bytes.count else { return [] }
        var chain: [(path: [CanonicalStep], span: Range<Int>)] = [([], 0..<bytes.count)]
        var path: [CanonicalStep] = []
        while let (step, span) = child(of: chain[chain.count - 1].span, holding: range) {
            path.append(step)
            chain.append((path, span))
        }
        return chain
    }

    /// The member or element of the container at `span` whose bytes hold all of `range`, with
    /// its bytes.
    private func child(of span: Range<Int>, holding range: Range<Int>) -> (CanonicalStep, Range<Int>)? {
        let open = bytes[span.lowerBound]
        guard open == UInt8(ascii: "{") || open == UInt8(ascii: "["), span.count > 2 else { return nil }
        var index = span.lowerBound + 1
        var element = 0
        while index < span.upperBound - 1 {
            var step = CanonicalStep.element(element)
            if open == UInt8(ascii: "{") {
                guard let keyEnd = end(ofValueAt: index), bytes[index] == UInt8(ascii: "\""), keyEnd < span.upperBound,
                      bytes[keyEnd] == UInt8(ascii: ":") else { return nil }
                let key = UnsafeBufferPointer(rebasing: bytes[(index + 1)..<(keyEnd - 1)])
                guard !key.contains(UInt8(ascii: "\\")) else { return nil }
                step = .member(String(decoding: key, as: UTF8.self))
                index = keyEnd + 1
            }
            guard let valueEnd = end(ofValueAt: index) else { return nil }
            if index > range.lowerBound { return nil }
            if range.upperBound <= valueEnd { return (step, index..<valueEnd) }
            index = valueEnd + 1
            element += 1
        }
        return nil
    }

    /// Where the value starting at `start` ends (one past its last byte).
    func end(ofValueAt start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            // The next quote not escaped by an odd run of backslashes ends the string; memchr
            // finds quotes far faster than a loop over every byte of a long value.
            var index = start + 1
            while index < bytes.count, let found = memchr(bytes.baseAddress! + index, Int32(UInt8(ascii: "\"")), bytes.count - index) {
                let quote = bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
                var backslashes = 0
                while quote - 1 - backslashes > start, bytes[quote - 1 - backslashes] == UInt8(ascii: "\\") { backslashes += 1 }
                if backslashes % 2 == 0 { return quote + 1 }
                index = quote + 1
            }
            return nil
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    guard let end = end(ofValueAt: index) else { return nil }
                    index = end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default: break
                }
                index += 1
            }
            return nil
        default:
            var index = start
            while index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "}"),
                  bytes[index] != UInt8(ascii: "]") {
                index += 1
            }
            return index > start ? index : nil
        }
    }
}
