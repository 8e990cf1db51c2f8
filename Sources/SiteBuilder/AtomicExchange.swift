import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Puts a finished folder in place of an old one so that at every instant the
/// destination is either the old or the new folder, whole.
///
/// On Linux this is one `renameat2(RENAME_EXCHANGE)` system call (the old
/// folder ends up under the new one's temporary name and is removed
/// afterwards); a new destination is created with `RENAME_NOREPLACE`, so a
/// folder that appeared meanwhile is never overwritten. The C library
/// declares `renameat2` only for `_GNU_SOURCE`, which Swift's Glibc module
/// does not set, so the function is looked up by name at run time.
///
/// Fallback (other systems, or a file system without `RENAME_EXCHANGE`): two
/// renames — the old folder is moved aside under a hidden name, then the new
/// one moved in. A process killed between the two leaves the destination
/// missing for that instant and the old site under `.NAME.building-*`, which
/// the next build into the same folder removes.
enum AtomicExchange {
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameNoReplace: UInt32 = 1
    private static let renameExchange: UInt32 = 2

    private static let renameat2: RenameAt2? = {
        #if os(Linux)
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
        return nil
        #endif
    }()

    /// Moves `new` to `destination`. If `destination` existed, the old folder
    /// is left at `new`'s path and true is returned.
    static func install(_ new: URL, at destination: URL) throws -> Bool {
        let exists = FileManager.default.fileExists(atPath: destination.path)
        if let renameat2 {
            let flags = exists ? renameExchange : renameNoReplace
            if renameat2(AT_FDCWD, new.path, AT_FDCWD, destination.path, flags) == 0 { return exists }
            let code = errno
            // EINVAL/ENOSYS: the file system or kernel lacks the flag; fall back below.
            guard code == EINVAL || code == ENOSYS else {
                if code == EEXIST || code == ENOENT {
                    throw OutputFolderError("\(destination.path) changed while the build was writing (another process created or removed it); run the build again")
                }
                throw OutputFolderError.fileSystem("replace", destination.path, errno: code)
            }
        }
        return try fallbackInstall(new, at: destination, exists: exists)
    }

    private static func fallbackInstall(_ new: URL, at destination: URL, exists: Bool) throws -> Bool {
        let fm = FileManager.default
        guard exists else {
            do { try fm.moveItem(at: new, to: destination) } catch { throw OutputFolderError.fileSystem("create", destination.path, error) }
            return false
        }
        let aside = new.deletingLastPathComponent().appendingPathComponent(new.lastPathComponent + "-old")
        do { try fm.moveItem(at: destination, to: aside) } catch { throw OutputFolderError.fileSystem("move aside", destination.path, error) }
        do { try fm.moveItem(at: new, to: destination) } catch {
            try? fm.moveItem(at: aside, to: destination)
            throw OutputFolderError.fileSystem("replace", destination.path, error)
        }
        do { try fm.moveItem(at: aside, to: new) } catch { throw OutputFolderError.fileSystem("move", aside.path, error) }
        return true
    }
}
