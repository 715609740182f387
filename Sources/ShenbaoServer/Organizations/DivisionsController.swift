import ShenbaoCore
import Vapor

/// Hunan's administrative divisions (GB/T 2260), from Core's data.
struct DivisionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "v1", "divisions", use: list)
    }

    struct DivisionDTO: Content {
        var code: String
        var name: String
        var level: DivisionLevel
        var parentCode: String?
    }

    /// Without `parent`: the 14 cities; with `parent`: that division's children.
    func list(req: Request) async throws -> [DivisionDTO] {
        let catalog = DivisionCatalog.hunan
        let parent = req.query[String.self, at: "parent"] ?? catalog.province?.code ?? "430000"
        guard catalog.division(code: parent) != nil else {
            throw AppError(
                status: .notFound, code: .notFound, message: "未找到行政区划代码 \(parent)（仅收录湖南省的市州和县市区）")
        }
        return catalog.children(of: parent).map {
            DivisionDTO(code: $0.code, name: $0.name, level: $0.level, parentCode: $0.parentCode)
        }
    }
}
