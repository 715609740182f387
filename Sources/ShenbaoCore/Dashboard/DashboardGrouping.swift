/// Counts applications by one dimension into the rows of a chart.
///
/// The call's own choices (categories, fields, applicant kinds) are listed in the guide's order
/// even when nothing was counted, because a choice nobody took is news to the province. Open
/// lists (cities, recommenders) show only what occurs, largest first; statuses follow the
/// workflow's order.
enum DashboardGrouping {
    static let unknownLabel = "未填写"

    static func group(_ dimension: DashboardDimension, of inputs: [DashboardInput], call: CallDefinition)
        -> Dashboard.Group
    {
        var tally = Tally()
        var note: String?
        switch dimension {
        case .category:
            for category in Category.allCases { tally.seed(category.rawValue, FormTexts.categoryLabel(category)) }
            for input in inputs { tally.add(input.category.rawValue, FormTexts.categoryLabel(input.category), input) }
        case .field:
            for option in fieldOptions(of: call) { tally.seed(option.code, option.label) }
            for input in inputs {
                let codes = Array(Set(input.fieldCodes)).sorted()
                if codes.isEmpty { tally.add("", unknownLabel, input) }
                for code in codes { tally.add(code, code, input) }
            }
            note = "一项申报可选多个领域，各领域合计可能多于申报总数。"
        case .city:
            for input in inputs { tally.add(input.cityCode ?? "", input.cityName ?? unknownLabel, input) }
            tally.sortByCount()
        case .applicantKind:
            for option in call.applicantKinds { tally.seed(option.code, option.label) }
            for input in inputs {
                let code = input.applicantKind ?? ""
                tally.add(code, code.isEmpty ? unknownLabel : code, input)
            }
        case .recommender:
            for input in inputs {
                let name = input.recommenderName ?? ""
                tally.add(name, name.isEmpty ? unknownLabel : name, input)
            }
            tally.sortByCount()
        case .status:
            for status in ApplicationStatus.allCases {
                for input in inputs where input.status == status { tally.add(status.rawValue, status.label, input) }
            }
        }
        return Dashboard.Group(dimension: dimension, title: dimension.title, note: note, rows: tally.rows)
    }

    /// Both categories' fields, each code once, in the guide's order.
    private static func fieldOptions(of call: CallDefinition) -> [Option] {
        var seen = Set<String>()
        return call.categories.flatMap(\.fields).filter { seen.insert($0.code).inserted }
    }

    /// Rows by key, in the order keys first appear; a seeded key keeps its label.
    private struct Tally {
        var rows: [Dashboard.Row] = []
        var index: [String: Int] = [:]

        mutating func seed(_ key: String, _ label: String) {
            guard index[key] == nil else { return }
            index[key] = rows.count
            rows.append(Dashboard.Row(key: key, label: label, count: 0, amountYuan: 0))
        }

        mutating func add(_ key: String, _ label: String, _ input: DashboardInput) {
            seed(key, label)
            guard let position = index[key] else { return }
            rows[position].count += 1
            rows[position].amountYuan = Dashboard.sum(rows[position].amountYuan, input.requestedYuan)
        }

        mutating func sortByCount() {
            rows.sort {
                ($0.count, $0.amountYuan) != ($1.count, $1.amountYuan)
                    ? ($0.count, $0.amountYuan) > ($1.count, $1.amountYuan) : $0.label < $1.label
            }
            index = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1.key, $0) })
        }
    }
}
