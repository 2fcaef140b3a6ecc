/// What is wrong with a file a command was given, or a ledger file or key it needs: each message
/// names the file (`PATH: error: …`, with the line when known).
///
/// Built from static constructors (`InputError.notUTF8("agent.yaml")`); equal when their codes are.
struct InputError: ReportableError, Equatable {
    private enum Code: Equatable {
        case unreadable(file: String, reason: String)
        case notUTF8(file: String)
        case syntax(place: String, problem: String)
        case noObject(file: String)
        case notAnObject(file: String, document: Int)
        case objectWithoutName(file: String, document: Int)
        case notNodes(file: String, kind: String, name: String)
        case annotationNotJSON(file: String, annotation: String, name: String)
        case noAnnotation(file: String, annotation: String)
        case notASecretLine(file: String, line: Int)
        case dockerConfigNotAnObject(file: String)
        case dockerConfigWithoutAuths(file: String)
        case unwritableLedgerFolder(path: String, folder: String, reason: String)
        case teamLedgerNeedsKey(location: String)
        case notAKey(file: String, found: Int)
        case keyMissing(file: String, ledger: String)
        case cannotCreateKey(file: String, reason: String)
        case keyNotPrivate(file: String, mode: UInt32)
        case keyOfAnotherUser(file: String, uid: UInt32)
        case notAChainKey(file: String)
        case chainKeyOfAnotherLedger(file: String, ledger: String)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// The file cannot be read; `reason` is the system's ("No such file or directory").
    static func unreadable(_ file: String, reason: String) -> InputError { .init(.unreadable(file: file, reason: reason)) }
    /// The file is not UTF-8 text.
    static func notUTF8(_ file: String) -> InputError { .init(.notUTF8(file: file)) }
    /// YAML or JSON that does not parse; `place` is `file:line:column` when known.
    static func syntax(at place: String, _ problem: String) -> InputError { .init(.syntax(place: place, problem: problem)) }
    /// An objects file with no object in it.
    static func noObject(in file: String) -> InputError { .init(.noObject(file: file)) }
    /// A document (counted from 0) that is not a mapping.
    static func notAnObject(_ file: String, document: Int) -> InputError { .init(.notAnObject(file: file, document: document)) }
    /// A document (counted from 0) with an object that has no `metadata.name`.
    static func objectWithoutName(_ file: String, document: Int) -> InputError { .init(.objectWithoutName(file: file, document: document)) }
    /// `--nodes FILE` holding an object that is not a Node.
    static func notNodes(_ file: String, kind: String, name: String) -> InputError { .init(.notNodes(file: file, kind: kind, name: name)) }
    /// A last-applied annotation whose value is not a JSON object.
    static func annotationNotJSON(_ file: String, annotation: String, name: String) -> InputError {
        .init(.annotationNotJSON(file: file, annotation: annotation, name: name))
    }
    /// No object of the file carries the last-applied annotation.
    static func noAnnotation(_ file: String, annotation: String) -> InputError { .init(.noAnnotation(file: file, annotation: annotation)) }
    /// A line of a secrets file (counted from 1) that is not `KEY=VALUE`.
    static func notASecretLine(_ file: String, line: Int) -> InputError { .init(.notASecretLine(file: file, line: line)) }
    /// `--docker-config` that is not a JSON object.
    static func dockerConfigNotAnObject(_ file: String) -> InputError { .init(.dockerConfigNotAnObject(file: file)) }
    /// `--docker-config` without an `auths` object.
    static func dockerConfigWithoutAuths(_ file: String) -> InputError { .init(.dockerConfigWithoutAuths(file: file)) }
    /// A ledger file whose folder SQLite cannot write its -wal and -shm files in.
    static func unwritableLedgerFolder(_ path: String, folder: String, reason: String) -> InputError {
        .init(.unwritableLedgerFolder(path: path, folder: folder, reason: reason))
    }
    /// A team ledger (redacted URL) with no HMAC key named.
    static func teamLedgerNeedsKey(_ location: String) -> InputError { .init(.teamLedgerNeedsKey(location: location)) }
    /// A key file that is not 32 bytes.
    static func notAKey(_ file: String, found: Int) -> InputError { .init(.notAKey(file: file, found: found)) }
    /// The key of a ledger that holds revisions is gone.
    static func keyMissing(_ file: String, ledger: String) -> InputError { .init(.keyMissing(file: file, ledger: ledger)) }
    /// The key file cannot be created; `reason` is the system's.
    static func cannotCreateKey(_ file: String, reason: String) -> InputError { .init(.cannotCreateKey(file: file, reason: reason)) }
    /// A key file group or others may access; `mode` is its permission bits.
    static func keyNotPrivate(_ file: String, mode: UInt32) -> InputError { .init(.keyNotPrivate(file: file, mode: mode)) }
    /// A key file owned by neither the user dsledger runs as nor root.
    static func keyOfAnotherUser(_ file: String, uid: UInt32) -> InputError { .init(.keyOfAnotherUser(file: file, uid: uid)) }
    /// `--chain-key FILE` that is not the line `dsledger key chain-key` writes.
    static func notAChainKey(_ file: String) -> InputError { .init(.notAChainKey(file: file)) }
    /// A chain key derived from another ledger key than the ledger's.
    static func chainKeyOfAnotherLedger(_ file: String, ledger: String) -> InputError {
        .init(.chainKeyOfAnotherLedger(file: file, ledger: ledger))
    }

    var description: String {
        switch code {
        case .unreadable(let file, let reason):
            return ErrorReport.line("cannot read the file: \(reason)", at: file)
        case .notUTF8(let file):
            return ErrorReport.line("the file is not UTF-8 text", at: file)
        case .syntax(let place, let problem):
            return ErrorReport.line(problem, at: place)
        case .noObject(let file):
            return ErrorReport.line("no Kubernetes object in the file", at: file)
        case .notAnObject(let file, let document):
            return ErrorReport.line("document \(document + 1) is not a Kubernetes object (a mapping)", at: file)
        case .objectWithoutName(let file, let document):
            return ErrorReport.line("document \(document + 1) has an object without metadata.name", at: file)
        case .notNodes(let file, let kind, let name):
            return ErrorReport.line("expected Nodes (kubectl get nodes -o yaml), found a \(kind) named '\(name)'", at: file)
        case .annotationNotJSON(let file, let annotation, let name):
            return ErrorReport.line("the \(annotation) annotation of '\(name)' is not a JSON object", at: file)
        case .noAnnotation(let file, let annotation):
            return ErrorReport.line("no object has a \(annotation) annotation; give --desired FILE instead", at: file)
        case .notASecretLine(let file, let line):
            return ErrorReport.line("expected KEY=VALUE, or a KubernetesDaemonSet manifest", at: "\(file):\(line)")
        case .dockerConfigNotAnObject(let file):
            return ErrorReport.line("--docker-config: not a JSON object; give a Docker config.json", at: file)
        case .dockerConfigWithoutAuths(let file):
            return ErrorReport.line("--docker-config: no 'auths' object; give a Docker config.json such as `docker login` writes", at: file)
        case .unwritableLedgerFolder(let path, let folder, let reason):
            return ErrorReport.line("cannot open the ledger: its folder \(folder) \(reason), and SQLite needs to write the -wal and -shm files beside it", at: path)
        case .teamLedgerNeedsKey(let location):
            return ErrorReport.line("a team ledger needs its HMAC key named: set DSLEDGER_HMAC_KEY_FILE or --hmac-key-file to the key everyone writing this ledger uses", at: location)
        case .notAKey(let file, let found):
            return ErrorReport.line("not an HMAC key (expected 32 bytes, found \(found))", at: file)
        case .keyMissing(let file, let ledger):
            return ErrorReport.line("the HMAC key of \(ledger) is missing; restore it, or point DSLEDGER_HMAC_KEY_FILE at it (a new key would make every recorded secret hash unverifiable)", at: file)
        case .cannotCreateKey(let file, let reason):
            return ErrorReport.line("cannot create the HMAC key: \(reason)", at: file)
        case .keyNotPrivate(let file, let mode):
            let octal = String(mode, radix: 8)
            return ErrorReport.line("the HMAC key may be read by group or others (mode \(String(repeating: "0", count: max(0, 4 - octal.count)) + octal)); "
                + "chmod 600 \(file), or, for a key mounted from a Kubernetes Secret, set defaultMode: 0400 on the volume", at: file)
        case .keyOfAnotherUser(let file, let uid):
            return ErrorReport.line("the HMAC key belongs to another user (uid \(uid)): only a key owned by the user dsledger runs as, or by root, is used; "
                + "copy it to a file of your own (chmod 600), or chown it", at: file)
        case .notAChainKey(let file):
            return ErrorReport.line("not a chain key: expected the one line 'dsledger key chain-key' writes ('dsledger-chain-key-v1 <key id> <key>')", at: file)
        case .chainKeyOfAnotherLedger(let file, let ledger):
            return ErrorReport.line("this chain key belongs to another ledger than \(ledger) (its key id differs); ask for the chain key of this ledger", at: file)
        }
    }
}
