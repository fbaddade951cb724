import ArgumentParser

/// A usage problem found while running (after ArgumentParser's own checks): printed as `oncallctl: …`, exit 64.
func usageError(_ message: String) -> ExitCode {
    Terminal.printError("oncallctl: \(message)")
    return ExitCode.validationFailure
}
