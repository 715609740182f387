import Fluent
import Foundation
import ShenbaoCore
import ShenbaoDocuments
import Vapor

/// Form 3 (申报信息汇总表): for each recommender the applications it recommended, for the province
/// the whole call. As a page and as a real .xlsx.
struct SummaryTableController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let people = routes.grouped(RequireRoles(.recommender, .province, .finance))
        people.get("api", "v1", "recommenders", ":organizationId", "summary.xlsx", use: recommenderXlsx)
        people.get("recommenders", ":organizationId", "summary", use: recommenderPage)
        let province = routes.grouped(RequireRoles(.province, .finance))
        province.get("api", "v1", "calls", ":callId", "summary.xlsx", use: callXlsx)
        province.get("calls", ":callId", "summary", use: callPage)
    }

    struct Table {
        var title: String
        var filler: String
        var rows: [SummaryTableRow]
        /// The call the table lists: form 3 is sent once a year, never across years.
        var call: CallModel?
    }

    /// A recommender's own table; the province and finance may open any.
    func recommenderTable(_ req: Request) async throws -> Table {
        let user = try req.requireUser()
        guard let id = req.parameters.get("organizationId").flatMap(UUID.init(uuidString:)),
            let organization = try await OrganizationModel.find(id, on: req.db), organization.kind == .recommender
        else { throw AppError.notFound("该推荐单位") }
        if user.role == .recommender, user.organizationID != id {
            throw AppError(status: .forbidden, code: .notYours, message: "只能查看本单位的汇总表")
        }
        let call = try await CallChoice.chosenIfAny(req)
        // Its latest recommendation of each application still standing (not withdrawn or refused later).
        let recommended = try await OpinionModel.query(on: req.db).filter(\.$organization.$id == id)
            .filter(\.$decision == .recommend).sort(\.$createdAt).all()
        var seen = Set<UUID>()
        var applications: [ApplicationModel] = []
        for opinion in recommended where seen.insert(opinion.$application.id).inserted {
            if let application = try await ApplicationModel.find(opinion.$application.id, on: req.db),
                !ApplicationStatus.notSent.contains(application.status), application.$call.id == call?.id
            {
                applications.append(application)
            }
        }
        return Table(
            title: SummaryTable.officialTitle, filler: organization.name,
            rows: try await rows(applications, on: req.db),
            call: call)
    }

    func callTable(_ req: Request) async throws -> Table {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        let reached = Array(ApplicationStatus.reachedReview.union([.atProvince]))
        let applications = try await ApplicationModel.query(on: req.db).filter(\.$call.$id == call.requireID())
            .filter(\.$status ~~ reached).sort(\.$submittedAt).all()
        return Table(
            title: SummaryTable.officialTitle, filler: "湖南省科学技术协会", rows: try await rows(applications, on: req.db),
            call: call)
    }

    private func rows(_ applications: [ApplicationModel], on db: any Database) async throws -> [SummaryTableRow] {
        var rows: [SummaryTableRow] = []
        for application in applications {
            let organization = try await application.organization(on: db)
            let snapshot = application.organizationSnapshot ?? organization?.form
            let nature = snapshot?.nature.flatMap(OrganizationNature.init(rawValue:))?.label ?? ""
            let partners = (application.form.partners ?? []).map { partner in
                let country = partner.countryOrRegion.flatMap(CountryOrRegion.name(of:)).map { "（\($0)）" } ?? ""
                return (partner.name ?? "") + country
            }.joined(separator: "；")
            rows.append(
                SummaryTableRow(
                    organizationName: snapshot?.name ?? organization?.name ?? "", nature: nature,
                    summaryContent: application.form.summaryContent ?? "",
                    summaryBasis: application.form.summaryBasis ?? "",
                    partners: partners))
        }
        return rows
    }

    private func xlsx(_ table: Table, filename: String) throws -> Response {
        let data: Data
        do {
            data = try SummaryTable.xlsx(title: table.title, fillingOrganization: table.filler, rows: table.rows)
        } catch let error as SummaryTableError {
            throw AppError(
                status: .unprocessableEntity, code: .summaryTooLong, message: "汇总表中有内容超过字数限制，无法生成",
                problems: error.problems)
        }
        return .download(
            data, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: filename)
    }

    func recommenderXlsx(req: Request) async throws -> Response {
        let table = try await recommenderTable(req)
        let year = table.call.map { "\($0.year)年度-" } ?? ""
        return try xlsx(table, filename: "\(table.filler)-\(year)申报信息汇总表.xlsx")
    }

    func callXlsx(req: Request) async throws -> Response {
        try xlsx(try await callTable(req), filename: "湖南省科协-申报信息汇总表.xlsx")
    }

    private func page(
        _ req: Request, _ table: Table, download: String, choosable: Bool = false, action: String = ""
    ) async throws -> Response {
        let page = try await SummaryTablePage.load(
            table, download: download, choosable: choosable, action: action, on: req.db)
        return try await req.renderPage(.recommendationSummary, title: "申报信息汇总表", page)
    }

    func recommenderPage(req: Request) async throws -> Response {
        let table = try await recommenderTable(req)
        let id = req.parameters.get("organizationId") ?? ""
        let year = table.call.map { "?call=\($0.year)" } ?? ""
        return try await page(
            req, table, download: "/api/v1/recommenders/\(id)/summary.xlsx\(year)", choosable: true,
            action: "/recommenders/\(id)/summary")
    }

    func callPage(req: Request) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        return try await page(req, try await callTable(req), download: "/api/v1/calls/\(call.year)/summary.xlsx")
    }
}
