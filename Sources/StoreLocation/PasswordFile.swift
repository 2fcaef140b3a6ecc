#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// libpq's password file (`~/.pgpass`, or `PGPASSFILE`): lines `hostname:port:database:username:password`.
///
/// As libpq (`passwordFromFile` in `fe-connect.c`): a line starting with `#` and an empty line are
/// skipped; a field that is exactly `*` matches anything; `\` makes the next character literal, so
/// `\:` and `\\` are a colon and a backslash; the first matching line wins. The file is ignored,
/// with a warning, when it is not a regular file or when group or others have any access to it.
/// See <https://www.postgresql.org/docs/current/libpq-pgpass.html>.
struct PasswordFile {
    /// What a lookup found: a password (`nil` for none), and a warning for the user.
    struct Lookup: Equatable {
        var password: String?
        var warning: String?
    }

    /// The file's text, split in lines of bytes.
    let lines: [[UInt8]]

    /// The file at `path`, or the reason to ignore it.
    /// - Returns: `nil` file and `nil` warning when the file does not exist or cannot be read.
    static func read(path: String) -> (file: PasswordFile?, warning: String?) {
        var info = stat()
        guard stat(path, &info) == 0 else { return (nil, nil) }
        let shown = PercentEncoding.oneLine(path)
        guard info.st_mode & S_IFMT == S_IFREG else {
            return (nil, "the password file \(shown) is not a regular file; it is ignored")
        }
        let access = info.st_mode & 0o777
        if access & 0o077 != 0 {
            let mode = String(access, radix: 8)
            let padded = String(repeating: "0", count: max(0, 4 - mode.count)) + mode
            return (nil, "the password file \(shown) has group or world access (mode \(padded)); "
                + "it is ignored (chmod 0600 it)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { return (nil, nil) }
        return (PasswordFile(text: Array(data)), nil)
    }

    /// The file made of these bytes.
    init(text: [UInt8]) {
        lines = text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
    }

    /// The password of the first line matching the connection.
    /// - Parameter host: the host; a socket directory is also matched by `localhost`, as libpq does
    ///   for its default socket directory (which differs between builds, so any directory here).
    func password(host: String, port: Int, database: String, user: String) -> String? {
        let tokens = [host, String(port), database, user].map { Array($0.utf8) }
        let localhost = Array("localhost".utf8)
        for raw in lines {
            var line = raw[...]
            while let last = line.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: "\n") {
                line = line.dropLast()
            }
            if line.first == UInt8(ascii: "#") || line.isEmpty { continue }
            let start = Self.match(line, tokens)
                ?? (host.hasPrefix("/") ? Self.match(line, [localhost] + tokens.dropFirst()) : nil)
            guard let start else { continue }
            let password = Self.unescapedPassword(line[start...])
            return password.isEmpty ? nil : password
        }
        return nil
    }

    /// Where the password starts when the line's first four fields match `tokens`.
    private static func match(_ line: ArraySlice<UInt8>, _ tokens: [[UInt8]]) -> Int? {
        var index: Int? = line.startIndex
        for token in tokens {
            guard let start = index else { return nil }
            index = matchField(line, from: start, token: token)
        }
        return index
    }

    /// libpq's `pwdfMatchesString`: the index after the field's `:` when the field starting at
    /// `start` is `*` or equals `token` once unescaped, else `nil`.
    private static func matchField(_ line: ArraySlice<UInt8>, from start: Int, token: [UInt8]) -> Int? {
        let colon = UInt8(ascii: ":"), backslash = UInt8(ascii: "\\")
        if start + 1 < line.endIndex, line[start] == UInt8(ascii: "*"), line[start + 1] == colon {
            return start + 2
        }
        var index = start, matched = 0
        while index < line.endIndex {
            var escaped = false
            if line[index] == backslash {
                index += 1
                escaped = true
                guard index < line.endIndex else { return nil }
            }
            if line[index] == colon, !escaped, matched == token.count { return index + 1 }
            guard matched < token.count, line[index] == token[matched] else { return nil }
            index += 1
            matched += 1
        }
        return nil
    }

    /// The password field: up to the next unescaped `:`, with each `\x` read as `x`.
    private static func unescapedPassword(_ field: ArraySlice<UInt8>) -> String {
        var bytes: [UInt8] = []
        var index = field.startIndex
        while index < field.endIndex, field[index] != UInt8(ascii: ":") {
            if field[index] == UInt8(ascii: "\\"), index + 1 < field.endIndex { index += 1 }
            bytes.append(field[index])
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
