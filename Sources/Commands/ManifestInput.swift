import Foundation
import ManifestModel
import ObjectModel

/// The manifests of the `-f` arguments, read and validated.
struct ManifestInput {
    /// The name messages use for one input.
    let file: String
    let manifests: [Manifest]

    /// Reads every file (`-` is standard input) and validates every document of each.
    ///
    /// - Throws: ``ErrorList`` holding every problem of every file.
    static func load(_ paths: [String], context: CommandContext) throws -> [ManifestInput] {
        guard !paths.isEmpty else {
            throw CommandError.noManifest
        }
        var inputs: [ManifestInput] = []
        var problems: [any Error] = []
        for path in paths {
            let name = path == "-" ? "<stdin>" : path
            do {
                let text = try readText(path, name: name, context: context)
                inputs.append(ManifestInput(file: name, manifests: try ManifestReader.read(text, file: name)))
            } catch {
                problems.append(error)
            }
        }
        guard problems.isEmpty else { throw ErrorList(errors: problems) }
        return inputs
    }

    static func readText(_ path: String, name: String, context: CommandContext) throws -> String {
        let data: Data
        if path == "-" {
            data = context.readStandardInput()
        } else {
            do {
                data = try context.readFile(path)
            } catch {
                throw InputError.unreadable(name, reason: Self.reason(error))
            }
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError.notUTF8(name)
        }
        return text
    }

    /// A short reason for a file error ("No such file or directory").
    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileReadNoSuchFileError: return "No such file or directory"
            case NSFileReadNoPermissionError: return "Permission denied"
            default: break
            }
        }
        return nsError.localizedDescription
    }
}
