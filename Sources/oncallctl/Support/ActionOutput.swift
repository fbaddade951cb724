import OncallAPI

/// Prints what an action command changed: a one-line confirmation, or the incident as JSON.
func printChanged(_ incident: IncidentDTO, _ verb: String, json: Bool) throws {
    print(json ? try IncidentText.json(incident) : IncidentText.confirmation(incident, verb))
}
