import Foundation
@testable import StoreLocation
import XCTest

/// Parses with an injected environment, home folder and operating-system user, so that no test
/// depends on the machine it runs on.
enum Fixture {
    /// A home folder with neither `.pgpass` nor `.postgresql/root.crt`.
    static let emptyHome = "/nonexistent/storelocation-tests/home"

    static func parse(
        _ value: String, _ environment: [String: String] = [:], home: String = emptyHome,
        systemUser: String? = "osuser"
    ) throws(LocationError) -> LedgerLocation {
        try LedgerLocation.parse(value, environment: environment, homeDirectory: home, systemUserName: { systemUser })
    }

    /// The PostgreSQL location the value names; fails the test when it names a file.
    static func postgres(
        _ value: String, _ environment: [String: String] = [:], home: String = emptyHome,
        systemUser: String? = "osuser", file: StaticString = #filePath, line: UInt = #line
    ) throws -> PostgresLocation {
        let location = try parse(value, environment, home: home, systemUser: systemUser)
        guard case .postgres(let server) = location else {
            XCTFail("expected a PostgreSQL location, got \(location)", file: file, line: line)
            throw UnexpectedFile()
        }
        return server
    }

    /// The error parsing the value throws, or `nil` (and a failure) when it parses.
    static func error(
        _ value: String, _ environment: [String: String] = [:], home: String = emptyHome,
        systemUser: String? = "osuser", file: StaticString = #filePath, line: UInt = #line
    ) -> LocationError? {
        do {
            let location = try parse(value, environment, home: home, systemUser: systemUser)
            XCTFail("expected an error, got \(location)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }
}

/// Thrown by ``Fixture/postgres(_:_:home:systemUser:file:line:)`` for a file location.
struct UnexpectedFile: Error {}

/// A fresh folder under the temporary directory, removed with the object.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "storelocation-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` to `name` (creating folders) with POSIX permissions `mode`; returns the path.
    @discardableResult
    func write(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        let file = path + "/" + name
        let folder = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        return file
    }
}
