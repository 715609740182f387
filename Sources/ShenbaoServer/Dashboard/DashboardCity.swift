import ShenbaoCore

/// The city (市州) an applicant's division belongs to, as the dashboard groups it. Organisations
/// registered at the province's own code count as 省直; national societies may be outside Hunan.
struct DashboardCity {
    var code: String?
    var name: String?

    init(divisionCode: String?) {
        guard let divisionCode, !divisionCode.isEmpty else { return }
        let catalog = DivisionCatalog.hunan
        if let prefecture = catalog.prefecture(of: divisionCode) {
            code = prefecture.code
            name = prefecture.name
        } else if divisionCode == catalog.province?.code {
            code = divisionCode
            name = "省直"
        } else {
            code = "outside"
            name = "湖南省外"
        }
    }
}
