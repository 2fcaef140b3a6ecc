import Ledger

/// Why an import stopped, in the style of AsyncHTTPClient's `HTTPClientError`: a code to match
/// on, the facts of the case, and one ``description`` switch that writes the message. Versions
/// that are not valid manifests are no error: they are recorded as skipped events.
///
/// `Commands` reports it (exit 2); a message with no place starts `error: `, and the report
/// names the tool in front of it.
package struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    package enum Code: Sendable, Hashable {
        /// No committed version of the file is a valid manifest; nothing was recorded.
        case noValidVersion
        /// The ledger refused a batch of revisions; the batches before it are recorded.
        case recording
    }

    /// What went wrong.
    package let code: Code
    /// The file, as named in the repository (``Code/noValidVersion``).
    package let file: String?
    /// The store's error (``Code/recording``), kept whole.
    package let underlying: StoreError?

    /// No committed version of `file` is a valid manifest.
    package static func noValidVersion(file: String) -> ImportError {
        ImportError(code: .noValidVersion, file: file, underlying: nil)
    }

    /// The ledger refused a batch with `error`.
    package static func recording(_ error: StoreError) -> ImportError {
        ImportError(code: .recording, file: nil, underlying: error)
    }

    package var description: String {
        switch code {
        case .noValidVersion:
            "error: no committed version of \(file ?? "the file") is a valid manifest; nothing imported"
        case .recording:
            underlying.map(\.description) ?? "error: the ledger refused the import"
        }
    }
}
