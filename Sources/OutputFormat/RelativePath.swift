/// The check that a relative path read from elsewhere (a site file named in
/// `manifest.json`, a file the build is about to write) stays inside the
/// folder it is joined to. Shared by the site writer and the diff, which
/// reads figures a manifest names.
package enum RelativePath {
    /// Whether `path` is a relative path that stays inside the folder it is
    /// joined to: no empty, `.` or `..` segment, no leading `/`, no NUL or
    /// backslash.
    package static func isConfined(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !path.isEmpty && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\0") && !$0.contains("\\") }
    }
}
