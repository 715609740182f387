import Foundation

/// The three levels of the GB/T 2260 list the system needs.
public enum DivisionLevel: String, Codable, Sendable {
    case province, prefecture, county
}

/// One administrative division (行政区划) with its GB/T 2260 code.
public struct Division: Codable, Hashable, Sendable {
    public var code: String
    public var name: String
    /// The province for a prefecture, the prefecture for a county, nil for the province.
    public var parentCode: String?
    public var level: DivisionLevel

    public init(code: String, name: String, parentCode: String?, level: DivisionLevel) {
        self.code = code
        self.name = name
        self.parentCode = parentCode
        self.level = level
    }
}

/// Hunan's divisions: the province, its 14 prefectures (市州) and 122 counties (县市区), the
/// territory of the recommendation chain (属地管理).
public struct DivisionCatalog: Sendable {
    /// Loaded once from the bundled `hunan-divisions.csv`. A missing or unreadable file gives an
    /// empty catalog rather than a crash at start-up; the tests check the counts, so a packaging
    /// mistake fails there.
    public static let hunan: DivisionCatalog = {
        guard let url = Bundle.module.url(forResource: "hunan-divisions", withExtension: "csv"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return DivisionCatalog(divisions: []) }
        return DivisionCatalog(divisions: parseCSV(text))
    }()

    /// File order.
    public let all: [Division]
    private let byCode: [String: Division]

    public init(divisions: [Division]) {
        all = divisions
        // The first of a duplicated code wins, so a bad line can't crash the catalog.
        byCode = Dictionary(divisions.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The province itself (430000 for Hunan).
    public var province: Division? { all.first { $0.level == .province } }

    /// File order.
    public var prefectures: [Division] { all.filter { $0.level == .prefecture } }

    /// File order.
    public var counties: [Division] { all.filter { $0.level == .county } }

    public func division(code: String) -> Division? { byCode[code] }

    /// The divisions whose parent is `code`, in file order.
    public func children(of code: String) -> [Division] {
        all.filter { $0.parentCode == code }
    }

    /// A county's prefecture, or a prefecture itself; nil for the province or an unknown code.
    public func prefecture(of code: String) -> Division? {
        guard let division = byCode[code] else { return nil }
        switch division.level {
        case .prefecture: return division
        case .county: return division.parentCode.flatMap { byCode[$0] }
        case .province: return nil
        }
    }

    /// "长沙市 岳麓区" for a county, "长沙市" for a prefecture, "湖南省" for the province: what a
    /// clerk recognises in a list, without repeating the province everyone shares.
    public func displayName(code: String) -> String? {
        guard let division = byCode[code] else { return nil }
        guard division.level == .county, let parent = prefecture(of: code) else {
            return division.name
        }
        return "\(parent.name) \(division.name)"
    }

    /// `code,name,parent_code,level` lines; `#` lines are comments and the header is skipped.
    /// Lines that don't parse are dropped (the tests check the counts of the bundled file).
    static func parseCSV(_ text: String) -> [Division] {
        var divisions: [Division] = []
        // `isNewline` splits CRLF too: "\r\n" is one Character in Swift.
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = TextNormalization.trimmed(String(line))
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("code,") { continue }
            let columns = trimmed.split(separator: ",", omittingEmptySubsequences: false)
                .map { TextNormalization.trimmed(String($0)) }
            guard columns.count == 4, let level = DivisionLevel(rawValue: columns[3]) else {
                continue
            }
            divisions.append(
                Division(
                    code: columns[0], name: columns[1],
                    parentCode: columns[2].isEmpty ? nil : columns[2], level: level))
        }
        return divisions
    }
}

/// The provinces of mainland China, Taiwan, Hong Kong and Macao by the first two digits of their
/// GB/T 2260 codes: enough to tell a well-formed code outside Hunan (national societies register
/// there) from a typo, and to name it in a message.
enum ProvinceCodes {
    static let names: [String: String] = [
        "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
        "21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
        "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省",
        "37": "山东省",
        "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区",
        "46": "海南省",
        "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区",
        "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区", "65": "新疆维吾尔自治区",
        "71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区",
    ]

    /// Six digits whose first two name a province.
    static func isWellFormed(_ code: String) -> Bool {
        code.utf8.count == 6 && TextNormalization.isASCIIDigits(code)
            && names[String(code.prefix(2))] != nil
    }

    static func provinceName(of code: String) -> String? {
        guard isWellFormed(code) else { return nil }
        return names[String(code.prefix(2))]
    }
}
