import Foundation

/// A bearer token from a kubeconfig (`token`, `tokenFile`) or a service account.
///
/// With a token file the file is read again every time ``current()`` is asked, because
/// projected service-account tokens rotate. When both are set, the last value successfully
/// read from the file wins over the literal token (client-go's rule); if the file cannot be
/// read, the last good value (or else the literal token) is used.
///
/// Two sources are equal when they are configured alike; what was read is not compared.
/// The description never shows the token.
public final class BearerTokenSource: Sendable, Equatable, CustomStringConvertible {
    /// The literal `token`, if any.
    public let token: String?
    /// The `tokenFile` path, if any (already resolved against the kubeconfig's folder).
    public let tokenFile: String?
    private let readFile: @Sendable (String) throws -> Data
    private let lastRead = LockedValue<String?>(nil)

    /// Creates a source.
    /// - Parameters:
    ///   - token: a literal token.
    ///   - tokenFile: a file to read the token from on each use.
    ///   - readFile: the file seam; the same one the loader uses.
    ///   - initialFileValue: a value already read from `tokenFile`.
    public init(token: String?, tokenFile: String?, readFile: @escaping @Sendable (String) throws -> Data,
                initialFileValue: String? = nil) {
        self.token = token
        self.tokenFile = tokenFile
        self.readFile = readFile
        lastRead.set(initialFileValue)
    }

    /// The token to send now.
    /// - Throws: ``KubeconfigError/unreadableFile(path:reason:)`` when the token file cannot be
    ///   read and there is nothing to fall back on.
    public func current() throws(KubeconfigError) -> String {
        guard let tokenFile else { return token ?? "" }
        do {
            let value = Self.trimmed(try readFile(tokenFile))
            lastRead.set(value)
            return value
        } catch {
            if let fallback = lastRead.get() ?? token { return fallback }
            throw .unreadableFile(path: tokenFile, reason: KubeconfigLoader.reason(error))
        }
    }

    static func trimmed(_ data: Data) -> String {
        String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public static func == (lhs: BearerTokenSource, rhs: BearerTokenSource) -> Bool {
        lhs.token == rhs.token && lhs.tokenFile == rhs.tokenFile
    }

    public var description: String {
        let file = tokenFile.map { "file '\($0)'" }
        let literal = token == nil ? nil : "literal <redacted>"
        return "BearerTokenSource(\([literal, file].compactMap { $0 }.joined(separator: ", ")))"
    }
}

/// A value behind a lock, for the little mutable state the sources keep.
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}
