import Fluent
import ShenbaoCore

/// The lists an organisation form chooses from: natures, the call's applicant kinds, and Hunan's
/// divisions grouped by city. Shared by registration and the province's organisation pages.
struct OrganizationChoices: Encodable {
    struct DivisionGroup: Encodable {
        var label: String
        var options: [Option]
    }

    var natures: [Option]
    var applicantKinds: [Option]
    var divisionGroups: [DivisionGroup]

    static func load(on db: any Database) async throws -> OrganizationChoices {
        let call = try await RegistrationService.currentCall(on: db)
        let catalog = DivisionCatalog.hunan
        return OrganizationChoices(
            natures: OrganizationNature.allCases.map { Option(code: $0.rawValue, label: $0.label) },
            applicantKinds: call.applicantKinds,
            divisionGroups: catalog.prefectures.map { city in
                DivisionGroup(
                    label: city.name,
                    options: [Option(code: city.code, label: city.name + "（市本级）")]
                        + catalog.children(of: city.code).map {
                            Option(code: $0.code, label: city.name + " " + $0.name)
                        })
            })
    }
}
