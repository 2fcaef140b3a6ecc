internal import GRDB
import Foundation
import Ledger

/// A stored row whose column does not hold what the schema says it holds. SQLite keeps any
/// value in any column (a text in an INTEGER column, a blob where text belongs), so only a
/// hand edit of the file can put one there; reading it is damage to report, never a crash.
struct RowDamage: Error, CustomStringConvertible {
    /// The table the row is in.
    var table: String
    /// The column.
    var column: String
    /// What the column should hold (`an integer`, `text`, `a blob`).
    var expected: String
    /// What it holds.
    var found: String
    /// The revision the row belongs to, when known.
    var revision: Int?

    var description: String {
        "\(table.first.map { "aeiou".contains($0) } == true ? "an" : "a") \(table) row is damaged: its column '\(column)' holds \(found) where \(expected) is expected"
    }

    /// The damage as `verify` reports it, on the release it was found in (none for a row of
    /// `release` itself).
    func problem(_ release: ReleaseID?) -> VerificationProblem {
        VerificationProblem(release: release, revision: revision, message: description)
    }
}

/// Reads columns strictly: the value must have the column's type. GRDB's subscripts stop the
/// process on a value of another type, and its statement-backed rows convert silently (a text
/// read as an integer is 0); neither may happen to a row someone else could have written.
extension Row {
    /// The integer in `column`.
    func integer(_ column: String, of table: String) throws -> Int64 {
        try required(optionalInteger(column, of: table), column, table, expected: "an integer")
    }

    /// The integer in `column`, nil for NULL.
    func optionalInteger(_ column: String, of table: String) throws -> Int64? {
        try read(column, table, expected: "an integer") { if case .int64(let integer) = $0 { integer } else { nil } }
    }

    /// The text in `column`.
    func text(_ column: String, of table: String) throws -> String {
        try required(optionalText(column, of: table), column, table, expected: "text")
    }

    /// The text in `column`, nil for NULL.
    func optionalText(_ column: String, of table: String) throws -> String? {
        try read(column, table, expected: "text") { if case .string(let text) = $0 { text } else { nil } }
    }

    /// The bytes in `column`.
    func blob(_ column: String, of table: String) throws -> Data {
        let bytes = try read(column, table, expected: "a blob") { if case .blob(let bytes) = $0 { bytes } else { nil } }
        return try required(bytes, column, table, expected: "a blob")
    }

    /// The bytes in `column`, nil for NULL.
    func optionalBlob(_ column: String, of table: String) throws -> Data? {
        try read(column, table, expected: "a blob") { if case .blob(let bytes) = $0 { bytes } else { nil } }
    }

    /// The column's value through `extract`, nil for NULL; a value `extract` refuses is damage.
    private func read<Value>(_ column: String, _ table: String, expected: String,
                             _ extract: (DatabaseValue.Storage) -> Value?) throws -> Value? {
        let value = try value(column, table)
        if value.isNull { return nil }
        guard let found = extract(value.storage) else { throw damage(value, column, table, expected: expected) }
        return found
    }

    private func required<Value>(_ value: Value?, _ column: String, _ table: String, expected: String) throws -> Value {
        guard let value else { throw damage(.null, column, table, expected: expected) }
        return value
    }

    private func value(_ column: String, _ table: String) throws -> DatabaseValue {
        // GRDB finds a column by name ignoring case, lower-casing each name it compares (an
        // allocation each, a tenth of reading a large history); the store's queries name their
        // columns as the schema does, so an exact match is looked for first.
        var index = 0
        for name in columnNames {
            if name == column, let found = try? decode(DatabaseValue.self, atIndex: index) { return found }
            index += 1
        }
        do {
            return try decode(DatabaseValue.self, forColumn: column)
        } catch {
            throw RowDamage(table: table, column: column, expected: "a value", found: "nothing (no such column)")
        }
    }

    private func damage(_ value: DatabaseValue, _ column: String, _ table: String, expected: String) -> RowDamage {
        let found: String
        switch value.storage {
        case .null: found = "NULL"
        case .int64: found = "an integer"
        case .double: found = "a real number"
        case .string: found = "text"
        case .blob: found = "a blob"
        }
        return RowDamage(table: table, column: column, expected: expected, found: found)
    }
}

extension Database {
    /// The integers of a one-column query, read strictly (see ``Row/integer(_:of:)``).
    func integers(_ sql: String, arguments: StatementArguments, column: String, of table: String) throws -> [Int64] {
        try Row.fetchAll(cachedStatement(sql: sql), arguments: arguments).map { try $0.integer(column, of: table) }
    }
}

extension ReleaseID {
    /// The release a row's `namespace` and `name` name.
    init(row: Row) throws {
        self.init(namespace: try row.text("namespace", of: "release"), name: try row.text("name", of: "release"))
    }
}

extension SecretHash {
    /// A secret hash from a row of `secretHash`.
    init(row: Row) throws {
        let table = "secretHash"
        self.init(secret: try row.text("secretName", of: table), key: try row.text("key", of: table), hmac: try row.text("hmac", of: table))
    }
}
