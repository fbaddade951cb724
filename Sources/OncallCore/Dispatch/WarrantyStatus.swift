/// Whether a site's equipment was under warranty when on-site service was asked for, which
/// decides between the call-back promise (in warranty) and a chargeable repair (out of it).
public enum WarrantyStatus: Sendable, Equatable, CustomStringConvertible {
    /// Under warranty until the end of this day: the customer is called back within the
    /// policy's working hours.
    case inWarranty(until: LocalDate)
    /// Not under warranty (it ended on this day, or the site has none): the visit is chargeable
    /// and the repair is due 3–7 working days after the customer confirms.
    case outOfWarranty(endedOn: LocalDate?)
    /// No site was named (a dispatch by region only), so neither promise can be applied.
    case unknown

    /// Whether the visit is charged to the customer.
    public var isChargeable: Bool {
        if case .outOfWarranty = self { return true }
        return false
    }

    /// Whether the call-back promise applies.
    public var isInWarranty: Bool {
        if case .inWarranty = self { return true }
        return false
    }

    /// E.g. `in warranty until 2027-06-30`, `out of warranty since 2025-12-31`.
    public var description: String {
        switch self {
        case let .inWarranty(until): "in warranty until \(until)"
        case let .outOfWarranty(ended?): "out of warranty since \(ended)"
        case .outOfWarranty(nil): "no warranty"
        case .unknown: "warranty unknown"
        }
    }
}
