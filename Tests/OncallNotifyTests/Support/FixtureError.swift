/// Why a test helper could not do its job.
enum FixtureError: Error {
    case didNotStart(String)
    case failed(String)
    case notListening(Int)
}
