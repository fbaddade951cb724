import Foundation
import OncallCore

/// A `Visit` as the JSON kept in the `visit` table's `data` column (the searchable fields are
/// also columns). Dates are Unix seconds.
struct VisitRecord: Codable {
    struct Event: Codable {
        var kind: String
        var at: Double
        var actor: String
        /// A JSON object of strings, as a timeline entry's details.
        var details: VisitEvent.Facts
    }

    var incident: Int64
    var attempt: Int
    var engineer: String
    var branch: String
    var region: String
    var siteID: String?
    var skill: String?
    var slaKind: String
    /// `in` (with `warrantyDate` the last day), `out` (with the day it ended, if any) or `unknown`.
    var warranty: String
    var warrantyDate: String?
    var requestedAt: Double
    var dispatchedAt: Double
    var acceptBy: Double
    var arriveBy: Double
    var state: String
    var events: [Event]
    var calledBackAt: Double?
    var customerConfirmedAt: Double?

    init(_ visit: Visit) {
        incident = visit.incident.value
        attempt = visit.attempt
        engineer = visit.engineer
        branch = visit.branch
        region = visit.region.digits
        siteID = visit.siteID
        skill = visit.skill
        slaKind = visit.slaKind.rawValue
        switch visit.warranty {
        case let .inWarranty(until):
            warranty = "in"
            warrantyDate = until.description
        case let .outOfWarranty(endedOn):
            warranty = "out"
            warrantyDate = endedOn?.description
        case .unknown:
            warranty = "unknown"
        }
        requestedAt = visit.requestedAt.timeIntervalSince1970
        dispatchedAt = visit.dispatchedAt.timeIntervalSince1970
        acceptBy = visit.acceptBy.timeIntervalSince1970
        arriveBy = visit.arriveBy.timeIntervalSince1970
        state = visit.state.rawValue
        events = visit.events.map { Event(kind: $0.kind.rawValue, at: $0.at.timeIntervalSince1970, actor: $0.actor, details: $0.facts) }
        calledBackAt = visit.calledBackAt?.timeIntervalSince1970
        customerConfirmedAt = visit.customerConfirmedAt?.timeIntervalSince1970
    }

    var visit: Visit? {
        guard let region = RegionCode(region), let sla = DispatchSLAKind(rawValue: slaKind), let state = VisitState(rawValue: state)
        else { return nil }
        let warrantyStatus: WarrantyStatus = switch warranty {
        case "in": warrantyDate.flatMap(LocalDate.init(iso:)).map { .inWarranty(until: $0) } ?? .unknown
        case "out": .outOfWarranty(endedOn: warrantyDate.flatMap(LocalDate.init(iso:)))
        default: .unknown
        }
        return Visit(
            incident: IncidentNumber(incident), attempt: attempt, engineer: engineer, branch: branch, region: region, siteID: siteID,
            skill: skill, slaKind: sla, warranty: warrantyStatus, requestedAt: Date(timeIntervalSince1970: requestedAt),
            dispatchedAt: Date(timeIntervalSince1970: dispatchedAt), acceptBy: Date(timeIntervalSince1970: acceptBy),
            arriveBy: Date(timeIntervalSince1970: arriveBy), state: state,
            events: events.compactMap { event in
                VisitEvent.Kind(rawValue: event.kind).map {
                    VisitEvent(kind: $0, at: Date(timeIntervalSince1970: event.at), actor: event.actor, facts: event.details)
                }
            },
            calledBackAt: calledBackAt.map(Date.init(timeIntervalSince1970:)),
            customerConfirmedAt: customerConfirmedAt.map(Date.init(timeIntervalSince1970:)))
    }
}
