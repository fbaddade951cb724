/// Where the engineer must go: a configured customer site, or a bare region.
public enum DispatchTarget: Sendable, Equatable {
    case site(String)
    case region(String)
}
