import Testing

@testable import ShenbaoServer

@Suite struct EventActionTests {
    /// The raw values are what the history's rows and hashes hold: each reads back as itself,
    /// and no other action takes a workflow step's name.
    @Test func everyActionReadsBackFromItsRawValue() {
        let raws = EventAction.allCases.map(\.rawValue)
        #expect(Set(raws).count == raws.count)
        for action in EventAction.allCases {
            #expect(EventAction(rawValue: action.rawValue) == action)
        }
        #expect(EventAction.handover.rawValue == "handover")
        #expect(EventAction.workflow(.submit).rawValue == "submit")
    }
}
