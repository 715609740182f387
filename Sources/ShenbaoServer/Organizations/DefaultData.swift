import Fluent
import Foundation
import ShenbaoCore

/// What exists from the first start: the 2025 call and Hunan's recommender organisations (the
/// province, the 14 city associations, every county association). Idempotent: a second run adds
/// only what is missing and never overwrites what the province edited.
public enum DefaultData {
    public struct Report: Sendable {
        public var callsAdded = 0
        public var organizationsAdded = 0
    }

    @discardableResult
    static func load(on db: any Database) async throws -> Report {
        try await db.transaction { db in
            var report = Report()
            let call = try CallDefinition.guide2025()
            if try await CallModel.query(on: db).filter(\.$year == call.year).count() == 0 {
                try await CallModel(definition: call).create(on: db)
                report.callsAdded += 1
            }
            let existing = Set(try await OrganizationModel.query(on: db).all(\.$seedKey).compactMap { $0 })
            if !existing.contains(provinceSeedKey) {
                try await OrganizationModel(province: "湖南省科学技术协会", seedKey: provinceSeedKey).create(on: db)
                report.organizationsAdded += 1
            }
            for seed in recommenderSeeds() where !existing.contains(seed.seedKey) {
                try await OrganizationModel(
                    recommender: seed.name, kind: seed.kind, divisionCode: seed.divisionCode, seedKey: seed.seedKey
                ).create(on: db)
                report.organizationsAdded += 1
            }
            return report
        }
    }

    struct RecommenderSeed {
        var seedKey: String
        var name: String
        var kind: RecommenderKind
        var divisionCode: String?
    }

    /// The city and county associations, named as people name them: 长沙市科学技术协会, 岳麓区科学技术协会.
    static func recommenderSeeds(catalog: DivisionCatalog = .hunan) -> [RecommenderSeed] {
        var seeds: [RecommenderSeed] = []
        for division in catalog.prefectures + catalog.counties {
            seeds.append(
                RecommenderSeed(
                    seedKey: "division:\(division.code)", name: division.name + "科学技术协会",
                    kind: division.level == .prefecture ? .city : .county, divisionCode: division.code))
        }
        return seeds
    }

    static let provinceSeedKey = "province"
}
