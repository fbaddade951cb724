import Foundation

/// Turns a request's notice (a promise about to fall due, or missed) into messages. Implemented at
/// the edge; called inside the store transaction, so it must be pure and fast.
public protocol RequestMessageComposer: Sendable {
    func compose(_ notice: RequestNotice, request: ServiceRequest, now: Date) -> [OutboxMessage]
}

/// Composes nothing: no channel configured, and tools.
public struct SilentRequestComposer: RequestMessageComposer {
    public init() {}
    public func compose(_ notice: RequestNotice, request: ServiceRequest, now: Date) -> [OutboxMessage] { [] }
}
