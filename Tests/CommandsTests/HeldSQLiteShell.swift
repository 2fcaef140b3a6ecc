import Foundation

/// A `sqlite3` shell kept open on a ledger after running some statements, as another process
/// working on the file would be: it holds what they took (a lock, changes in the -wal file)
/// until ``finish()``.
struct HeldSQLiteShell {
    private let process = Process()
    private let input = Pipe()

    /// Starts the shell on `database` and returns once it has run `statements` (``ran`` says whether it did).
    init(_ database: String, statements: String) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", database]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data((statements + "\nSELECT 'held';\n").utf8))
        var said = Data()
        while !String(decoding: said, as: UTF8.self).contains("held") {
            let more = output.fileHandleForReading.availableData
            if more.isEmpty { break }
            said += more
        }
        ran = String(decoding: said, as: UTF8.self).contains("held")
    }

    /// True when the shell ran the statements.
    let ran: Bool

    /// Ends the shell (closing its input) and waits for it.
    func finish() throws {
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
