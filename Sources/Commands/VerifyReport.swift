import Ledger
import ObjectModel

/// What `verify` prints: a line per release and a last line for the ledger, or the JSON verdict.
enum VerifyReport {
    /// `RELEASE: intact (N links)`, `RELEASE: unkeyed (…)`, `RELEASE: damaged: <first broken link>`,
    /// the ledger's own problems, then `LOCATION: intact` or `LOCATION: damaged`.
    static func text(_ verification: LedgerVerification, location: String) -> String {
        var lines: [String] = []
        for verdict in verification.releases {
            let links = verdict.head.map { "\(counted($0.position, "link")): \(counted($0.revisions, "revision")), \(counted($0.events, "event"))" } ?? ""
            switch verdict.status {
            case .intact:
                lines.append("\(verdict.release): intact (\(links))")
            case .unkeyed:
                lines.append("\(verdict.release): unkeyed (\(links); plain SHA-256 links written before links were keyed)")
            case .damaged:
                lines.append("\(verdict.release): damaged: \(verdict.broken?.description ?? "")")
            }
        }
        lines += verification.problems.map { "damaged: \($0)" }
        lines.append("\(location): \(verification.isIntact ? "intact" : "damaged")")
        // A damaged ledger's rows are anyone's text: each line is one line, control characters escaped.
        return lines.map(\.escapingControlCharacters).joined(separator: "\n") + "\n"
    }

    /// `1 link`, `2 links`.
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// The stable JSON verdict (docs/evidence.md): `key` is `chain-key`, `ledger-key` or `none`;
    /// `checkpoint` is what `--checkpoint` found, when one was given. The verdict covers the
    /// ledger alone: a checkpoint the ledger does not extend says so in its own `verdict`.
    static func json(_ verification: LedgerVerification, location: String, key: String, checkpoint: JSONValue? = nil) -> String {
        let releases: [JSONValue] = verification.releases.map { verdict in
            var head: JSONValue = .null
            if let value = verdict.head {
                head = ["position": .int(Int64(value.position)), "digest": .string(value.digest),
                        "revisions": .int(Int64(value.revisions)), "events": .int(Int64(value.events))]
            }
            var broken: JSONValue = .null
            if let link = verdict.broken {
                broken = ["problem": .string(link.problem.rawValue), "position": link.position.map { .int(Int64($0)) } ?? .null,
                          "revision": link.revision.map { .int(Int64($0)) } ?? .null, "event": link.event.map { .int($0) } ?? .null,
                          "message": .string(link.message)]
            }
            return ["namespace": .string(verdict.release.namespace), "name": .string(verdict.release.name),
                    "verdict": .string(verdict.status.rawValue), "head": head, "broken": broken]
        }
        var value: JSONValue = [
            "ledger": .string(location), "verdict": .string(verification.isIntact ? "intact" : "damaged"), "key": .string(key),
            "linksChecked": .bool(verification.linksChecked), "problems": .array(verification.problems.map { .string($0.description) }),
            "releases": .array(releases),
        ]
        if let checkpoint, case .object(var members) = value {
            members["checkpoint"] = checkpoint
            value = .object(members)
        }
        return CanonicalJSON.pretty(value) + "\n"
    }
}
