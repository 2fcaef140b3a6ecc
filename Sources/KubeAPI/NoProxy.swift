import Foundation

/// `NO_PROXY`: the servers reached without the environment's proxy, matched as Go's
/// `golang.org/x/net/http/httpproxy` matches them (and so as kubectl does).
///
/// The value is a comma-separated list, case-insensitive, spaces around entries ignored:
/// - `*` exempts every server;
/// - `10.0.0.0/8` or `fd00::/8` (CIDR) exempts the addresses in it;
/// - `10.0.0.1` or `::1` exempts that address; `10.0.0.1:6443` only on that port;
/// - `example.com` exempts it and every name under it (`api.example.com`); `.example.com` and
///   `*.example.com` only the names under it; `example.com:6443` only on that port.
///
/// `localhost` and loopback addresses are always exempt. Names are compared as written: a name
/// is not resolved to match an address entry.
struct NoProxy {
    private enum Entry {
        case everything
        case network(address: [UInt8], prefix: Int)
        case address([UInt8], port: Int?)
        case domain(suffix: String, orExactly: Bool, port: Int?)
    }

    private var entries: [Entry] = []

    /// The list `value` sets (empty for none).
    init(_ value: String) {
        for raw in value.split(separator: ",") {
            let entry = raw.trimmingCharacters(in: .whitespaces).lowercased()
            guard !entry.isEmpty else { continue }
            if entry == "*" { entries = [.everything]; return }
            if let parsed = Self.entry(entry) { entries.append(parsed) }
        }
    }

    /// Whether requests to `host:port` go straight to the server.
    func exempts(host: String, port: Int) -> Bool {
        let host = host.lowercased()
        if host == "localhost" { return true }
        let address = Self.address(host)
        if let address, Self.isLoopback(address) { return true }
        return entries.contains { entry in
            switch entry {
            case .everything: return true
            case .network(let network, let prefix):
                return address.map { Self.contains(network, prefix: prefix, $0) } ?? false
            case .address(let exempt, let exemptPort):
                return address == exempt && (exemptPort == nil || exemptPort == port)
            case .domain(let suffix, let orExactly, let exemptPort):
                let matches = host.hasSuffix(suffix) || (orExactly && host == String(suffix.dropFirst()))
                return matches && (exemptPort == nil || exemptPort == port)
            }
        }
    }

    private static func entry(_ text: String) -> Entry? {
        if let slash = text.firstIndex(of: "/") {
            guard let network = address(String(text[..<slash])), let prefix = Int(text[text.index(after: slash)...]),
                  prefix >= 0, prefix <= network.count * 8 else { return nil }
            return .network(address: network, prefix: prefix)
        }
        var host = text, port: Int?
        // `host:port`, `[v6]:port`; a bare IPv6 address has several colons and no port.
        if let colon = text.lastIndex(of: ":"), text.hasPrefix("[") || text.filter({ $0 == ":" }).count == 1 {
            host = String(text[..<colon])
            port = Int(text[text.index(after: colon)...])
            guard port != nil else { return nil }
        }
        host = HTTPProxy.unbracketed(host)
        guard !host.isEmpty else { return nil }
        if let exact = address(host) { return .address(exact, port: port) }
        if host.hasPrefix("*.") { host.removeFirst() }
        let orExactly = !host.hasPrefix(".")
        return .domain(suffix: orExactly ? "." + host : host, orExactly: orExactly, port: port)
    }

    /// The bytes of an IPv4 (4) or IPv6 (16) address, `nil` for a name.
    static func address(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    private static func isLoopback(_ address: [UInt8]) -> Bool {
        address.count == 4 ? address[0] == 127 : address == [UInt8](repeating: 0, count: 15) + [1]
    }

    private static func contains(_ network: [UInt8], prefix: Int, _ address: [UInt8]) -> Bool {
        guard network.count == address.count else { return false }
        for bit in 0..<prefix where (network[bit / 8] ^ address[bit / 8]) & (0x80 >> UInt8(bit % 8)) != 0 {
            return false
        }
        return true
    }
}
