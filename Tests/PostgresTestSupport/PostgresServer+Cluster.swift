import Foundation
import TestSupport

/// Creating the data folder and starting the postmaster: the parts of ``PostgresServer`` that
/// run the server programs.
extension PostgresServer {
    /// How many fresh ports `start` tries when another process takes the one it picked.
    static let portAttempts = 5
    /// The bound, in seconds, on each wait for the server to start, accept connections or stop.
    static let waitSeconds = 30

    /// Runs `initdb` in `folder/data` and writes the server's configuration.
    ///
    /// The superuser's password travels in a file (`--pwfile`, mode 0600, removed afterwards),
    /// never on a command line.
    static func initializeCluster(_ installation: PostgresInstallation, folder: URL, user: String,
                                  password: String, tls: TLSFiles?) throws {
        try installation.checkReachable(folder)
        try installation.giveToServer(folder.path, mode: 0o700)
        let passwordFile = folder.appendingPathComponent("pwfile").path
        try installation.writeServerFile(password + "\n", to: passwordFile)
        defer { try? FileManager.default.removeItem(atPath: passwordFile) }
        let data = folder.appendingPathComponent("data").path
        try installation.runAsServer("initdb", ["-D", data, "-U", user, "--pwfile=\(passwordFile)",
                                                "--auth-local=trust", "--auth-host=scram-sha-256",
                                                "-E", "UTF8", "--locale=C", "--no-sync"], in: folder)
        if let tls {
            try installation.writeServerFile(tls.certificatePEM, to: data + "/server.crt")
            try installation.writeServerFile(tls.privateKeyPEM, to: data + "/server.key")
        }
        try append(configuration(folder: folder, tls: tls != nil), to: data + "/postgresql.conf")
        try installation.writeServerFile(hostBasedAuthentication(tls: tls != nil), to: data + "/pg_hba.conf")
    }

    /// Settings appended to `postgresql.conf`; the port lives in `port.conf` so a retry can change it.
    static func configuration(folder: URL, tls: Bool) -> String {
        // A Unix socket path must fit in sockaddr_un (108 bytes); nothing here needs the socket
        // (pg_ctl -w watches postmaster.pid, the clients use TCP), so a long TMPDIR just goes without.
        let socketFolder = folder.path.utf8.count <= 80 ? folder.path : ""
        var lines = [
            "# dsledger test server: loopback only, durability traded for speed.",
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = '\(socketFolder.replacingOccurrences(of: "'", with: "''"))'",
            "include_if_exists = 'port.conf'",
            "max_connections = 200",
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",
            "password_encryption = 'scram-sha-256'",
        ]
        if tls {
            lines += ["ssl = on", "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'"]
        }
        return "\n" + lines.joined(separator: "\n") + "\n"
    }

    /// Trust on the server's own Unix socket; passwords (SCRAM) over TCP from 127.0.0.1, with or without TLS.
    static func hostBasedAuthentication(tls: Bool) -> String {
        var lines = ["local all all trust"]
        if tls { lines.append("hostssl all all 127.0.0.1/32 scram-sha-256") }
        lines.append("host all all 127.0.0.1/32 scram-sha-256")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Starts the server on a free port, retrying with a new port when another process took it.
    /// - Returns: the port the server listens on.
    static func launchOnFreePort(_ installation: PostgresInstallation, folder: URL) throws -> Int {
        var attempt = 1
        while true {
            let port = try freeLoopbackPort()
            do {
                try launch(installation, folder: folder, port: port)
                return port
            } catch let PostgresServerError.startFailed(_, _, log) where attempt < portAttempts && portWasTaken(log) {
                attempt += 1
            }
        }
    }

    /// Starts the postmaster on `port` and waits, within bounds, until it accepts TCP connections.
    /// On failure the postmaster is stopped again and the error carries the tail of its log.
    static func launch(_ installation: PostgresInstallation, folder: URL, port: Int) throws {
        let data = folder.appendingPathComponent("data").path
        let log = folder.appendingPathComponent("server.log").path
        try installation.writeServerFile("port = \(port)\n", to: data + "/port.conf")
        let logStart = (try? FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? 0
        do {
            try installation.startDaemon("pg_ctl", ["start", "-D", data, "-l", log, "-w", "-t", "\(waitSeconds)", "-s"],
                                         in: folder, outputPath: folder.appendingPathComponent("pg_ctl.out").path)
            try waitUntilReady(installation, folder: folder, port: port)
        } catch {
            // pg_ctl gives up after its timeout but leaves a slow postmaster running.
            stopPostmaster(installation, folder: folder, mode: "immediate")
            throw PostgresServerError.startFailed(port: port, reason: "\(error)", log: logTail(log, from: logStart))
        }
    }

    /// Polls `pg_isready` over TCP until the server accepts connections, for at most ``waitSeconds``.
    static func waitUntilReady(_ installation: PostgresInstallation, folder: URL, port: Int) throws {
        let deadline = Date().addingTimeInterval(TimeInterval(waitSeconds))
        while true {
            let probe = try Subprocess.run(installation.program("pg_isready"),
                                           ["-q", "-h", "127.0.0.1", "-p", "\(port)", "-t", "2"],
                                           environment: installation.environment(home: folder))
            if probe.status == 0 { return }
            guard Date() < deadline else {
                throw PostgresServerError.commandFailed(command: "pg_isready", status: probe.status,
                                                        output: "not accepting connections after \(waitSeconds) s")
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// Stops the postmaster with `pg_ctl stop -m mode -w`; falls back to `immediate` if that fails.
    /// Never throws: there may be nothing to stop.
    static func stopPostmaster(_ installation: PostgresInstallation, folder: URL, mode: String) {
        let data = folder.appendingPathComponent("data").path
        let arguments = ["stop", "-D", data, "-w", "-t", "\(waitSeconds)", "-s", "-m"]
        if (try? installation.runAsServer("pg_ctl", arguments + [mode], in: folder)) == nil, mode != "immediate" {
            _ = try? installation.runAsServer("pg_ctl", arguments + ["immediate"], in: folder)
        }
    }

    /// Whether a failed start's log says the port was in use.
    static func portWasTaken(_ log: String) -> Bool {
        ["Address already in use", "could not bind", "could not create any TCP/IP sockets"].contains { log.contains($0) }
    }

    /// The last `lines` lines the server logged after byte `offset`.
    static func logTail(_ path: String, from offset: Int, lines: Int = 40) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "(no server log at \(path))" }
        let text = String(decoding: data.dropFirst(offset), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    private static func append(_ text: String, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }
}
