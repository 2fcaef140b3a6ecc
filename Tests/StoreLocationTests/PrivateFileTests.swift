import Foundation
@testable import StoreLocation
import Testing

/// ``PrivateFile``: exclusive creation that never follows a planted symlink, and the owner and
/// mode checks on reading (symlinks followed, as a Kubernetes Secret volume has them).
@Suite struct PrivateFileTests {
    let folder: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("private-file-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()
    let key = [UInt8](repeating: 7, count: 32)

    func write(_ name: String, _ text: String, mode: Int) throws -> String {
        let path = folder + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    func mode(_ path: String) throws -> Int {
        try #require((FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue)
    }

    @Test func createsTheFileForItsOwnerOnlyAndLeavesNoTemporaryFile() throws {
        let path = folder + "/ledger.db.key"
        #expect(try PrivateFile.create(path, contents: key))
        #expect(try mode(path) == 0o600)
        #expect(try PrivateFile.read(path, limit: 64) == key)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["ledger.db.key"])
        #expect(try PrivateFile.create(path, contents: [1, 2, 3]) == false, "a name taken is left as it is")
        #expect(try PrivateFile.read(path, limit: 64) == key)
    }

    @Test func aSymlinkPlantedAtTheTemporaryNameIsNotFollowed() throws {
        let victim = try write("victim", "untouched", mode: 0o644)
        let path = folder + "/ledger.db.key"
        try FileManager.default.createSymbolicLink(atPath: path + ".planted.tmp", withDestinationPath: victim)
        var names = [path + ".planted.tmp", path + ".fresh.tmp"].makeIterator()
        #expect(try PrivateFile.create(path, contents: key, temporaryName: { _ in names.next()! }))
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "untouched")
        #expect(try PrivateFile.read(path, limit: 64) == key)
    }

    @Test func aSymlinkPlantedAtTheNameIsNotWrittenThroughAndItsTargetIsChecked() throws {
        let victim = try write("victim", "untouched", mode: 0o644)
        let path = folder + "/ledger.db.key"
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: victim)
        #expect(try PrivateFile.create(path, contents: key) == false)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "untouched")
        #expect(throws: PrivateFile.Problem.groupOrWorldAccess(mode: 0o644)) { try PrivateFile.read(path, limit: 64) }
    }

    @Test(arguments: [0o640, 0o604, 0o660, 0o620])
    func aKeyGroupOrOthersMayAccessIsRefused(mode: Int) throws {
        let path = try write("key", "k", mode: mode)
        #expect(throws: PrivateFile.Problem.groupOrWorldAccess(mode: UInt32(mode))) { try PrivateFile.read(path, limit: 64) }
    }

    /// A Secret volume: `key -> ..data/key`, `..data -> ..2024_01_01…`, the file mode 0400.
    @Test func aSymlinkToAKeyOfMode0400IsFollowedAndAccepted() throws {
        try FileManager.default.createDirectory(atPath: folder + "/..2026_12_04", withIntermediateDirectories: true)
        _ = try write("..2026_12_04/key", "secret-key", mode: 0o400)
        try FileManager.default.createSymbolicLink(atPath: folder + "/..data", withDestinationPath: "..2026_12_04")
        try FileManager.default.createSymbolicLink(atPath: folder + "/key", withDestinationPath: "..data/key")
        #expect(try PrivateFile.read(folder + "/key", limit: 64) == Array("secret-key".utf8))
    }

    @Test(.enabled(if: geteuid() == 0, "only root can give a file away"))
    func aKeyOwnedByAnotherUserIsRefused() throws {
        let path = try write("key", "k", mode: 0o600)
        #expect(chown(path, 65534, 65534) == 0)
        #expect(throws: PrivateFile.Problem.foreignOwner(uid: 65534)) { try PrivateFile.read(path, limit: 64) }
    }

    @Test func ownersAcceptedAreThisUserAndRoot() throws {
        var info = stat()
        info.st_mode = S_IFREG | 0o600
        for owner in [geteuid(), 0] {
            info.st_uid = owner
            #expect(throws: Never.self) { try PrivateFile.check(info) }
        }
        info.st_uid = geteuid() == 0 ? 1000 : geteuid() + 1
        #expect(throws: PrivateFile.Problem.foreignOwner(uid: info.st_uid)) { try PrivateFile.check(info) }
    }

    @Test func aPipeIsRefusedWithoutWaitingForAWriter() throws {
        let path = folder + "/fifo"
        #expect(mkfifo(path, 0o600) == 0)
        #expect(throws: PrivateFile.Problem.notRegularFile) { try PrivateFile.read(path, limit: 64) }
    }

    @Test func noFileOrADanglingSymlinkIsNoFile() throws {
        #expect(try PrivateFile.read(folder + "/none", limit: 64) == nil)
        try FileManager.default.createSymbolicLink(atPath: folder + "/dangling", withDestinationPath: folder + "/none")
        #expect(try PrivateFile.read(folder + "/dangling", limit: 64) == nil)
    }

    @Test func syncsTheFolderOrSaysWhyNot() throws {
        #expect(throws: Never.self) { try PrivateFile.syncFolder(of: folder + "/ledger.db.key") }
        #expect(throws: PrivateFile.Problem.self) { try PrivateFile.syncFolder(of: folder + "/missing/ledger.db.key") }
    }
}
