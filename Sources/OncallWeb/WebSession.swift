import Foundation

/// A signed-in browser: the cookie's token, who it is, and the token its forms must echo.
struct WebSession: Sendable, Equatable {
    let token: String
    let login: String
    /// The user's hash when they signed in: a new password ends the sessions made with the old one.
    let passwordHash: String
    /// Put in a hidden field of every form and checked on every POST.
    let csrfToken: String
    let expiresAt: Date
}
