import Failures

/// Any failure of `backbone diff`, with its own message, ending with exit
/// status 2: diff's contract is 0 nothing changed, 1 results changed, 2 the
/// comparison could not be made — an unreadable run, a refused or unwritable
/// `--html` folder — whichever layer the error came from.
struct DiffFailure: UserFacingError {
    var underlying: Error
    var description: String { describeForUser(underlying) }
    var exitStatus: Int32 { 2 }
}
