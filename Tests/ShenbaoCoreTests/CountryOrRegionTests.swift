import Testing

@testable import ShenbaoCore

@Suite("国家或地区")
struct CountryOrRegionTests {
    @Test func everyAssignedCodeOnceInCodeOrder() {
        let codes = CountryOrRegion.all.map(\.code)
        #expect(codes.count == 249)
        #expect(Set(codes).count == 249)
        #expect(codes == codes.sorted())
        #expect(codes.allSatisfy { $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isUppercase } })
        #expect(CountryOrRegion.all.allSatisfy { !$0.name.isEmpty })
        #expect(Set(CountryOrRegion.all.map(\.name)).count == 249)
    }

    @Test func namesAreChinese() {
        #expect(CountryOrRegion.name(of: "CN") == "中国")
        #expect(CountryOrRegion.name(of: "DE") == "德国")
        #expect(CountryOrRegion.name(of: "US") == "美国")
        #expect(CountryOrRegion.name(of: "HK") == "中国香港")
        #expect(CountryOrRegion.name(of: "MO") == "中国澳门")
        #expect(CountryOrRegion.name(of: "TW") == "中国台湾")
    }

    @Test("codes are read forgivingly", arguments: ["de", " DE ", "De", "ＤＥ"])
    func forgiving(code: String) {
        #expect(CountryOrRegion.name(of: code) == "德国")
        #expect(CountryOrRegion.countsAs(code) == "DE")
    }

    @Test("unknown codes", arguments: ["", "XX", "ZZ", "DEU", "D", "中国", "UK", "EU"])
    func unknown(code: String) {
        #expect(CountryOrRegion.name(of: code) == nil)
    }

    @Test func hongKongMacaoAndTaiwanCountAsChina() {
        #expect(CountryOrRegion.countsAs("HK") == "CN")
        #expect(CountryOrRegion.countsAs("mo") == "CN")
        #expect(CountryOrRegion.countsAs("TW") == "CN")
        #expect(CountryOrRegion.countsAs("CN") == "CN")
        #expect(CountryOrRegion.countsAs("SG") == "SG")
    }
}
