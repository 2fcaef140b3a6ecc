/// How the emulator's watches behave; the defaults suit kubectl and client libraries.
///
/// ```swift
/// let server = try await APIServer.start(version: version, watch: WatchSettings(historyLimit: 5, bookmarkInterval: .milliseconds(200)))
/// ```
public struct WatchSettings: Sendable {
    /// The most events kept per resource for watches that resume from a resourceVersion
    /// (1,000); an older version gets 410 Expired.
    public var historyLimit: Int
    /// How often a watch with `allowWatchBookmarks=true` gets a BOOKMARK (60 s).
    public var bookmarkInterval: Duration
    /// How long a watch without `timeoutSeconds` lasts (1,800 s, the API server's minimum
    /// request timeout).
    public var defaultTimeout: Duration

    /// Settings with the given values.
    public init(historyLimit: Int = 1000, bookmarkInterval: Duration = .seconds(60), defaultTimeout: Duration = .seconds(1800)) {
        self.historyLimit = historyLimit
        self.bookmarkInterval = bookmarkInterval
        self.defaultTimeout = defaultTimeout
    }
}
