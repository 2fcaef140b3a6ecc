/// A database's own account of a failure, kept as values: the engine's code and its message.
///
/// Stores wrap their driver's error in one (``StoreError/database(location:cause:)``), so a caller
/// can tell a constraint violation from a full disk without parsing text. The message is the
/// engine's, never the statement or its arguments, so it holds no secret value.
public struct DatabaseCause: Sendable, Hashable, CustomStringConvertible {
    /// The engine's code for the failure.
    public enum Code: Sendable, Hashable {
        /// An SQLite result code: the primary code (the low 8 bits, `SQLITE_CONSTRAINT` = 19) and
        /// the extended one (`SQLITE_CONSTRAINT_UNIQUE` = 2067); equal when SQLite gave no extended code.
        case sqlite(primary: Int32, extended: Int32)
        /// A PostgreSQL SQLSTATE (`23505` is a unique violation).
        case sqlState(String)
    }

    /// The engine's code; `nil` when the failure came from outside the engine (a file it could not
    /// create, a dropped connection).
    public var code: Code?
    /// The engine's message, or the operating system's.
    public var message: String

    public init(code: Code? = nil, message: String) {
        self.code = code
        self.message = message
    }

    /// The message on one line.
    public var description: String {
        message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
