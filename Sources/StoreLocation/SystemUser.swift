#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The operating system's name for the effective user, as libpq's `pg_fe_getauthname`.
enum SystemUser {
    /// The name from the password database (`getpwuid_r(geteuid())`), or `nil` if there is none.
    static func name() -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        // `pw_name` points into the buffer, so it is read while the buffer is pinned.
        let name = buffer.withUnsafeMutableBufferPointer { storage -> String? in
            guard let base = storage.baseAddress,
                  getpwuid_r(geteuid(), &entry, base, storage.count, &result) == 0,
                  result != nil, let name = entry.pw_name
            else { return nil }
            return String(cString: name)
        }
        return name?.isEmpty == false ? name : nil
    }
}
