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

@Suite("国家或地区的选择顺序")
struct CountryPickerOrderTests {
    @Test func commonPartnersFirstThenPinyin() {
        let order = CountryOrRegion.pickerOrder
        #expect(order.count == 249)
        #expect(Set(order.map(\.code)).count == 249)
        #expect(
            order.prefix(11).map(\.name) == [
                "俄罗斯", "日本", "韩国", "美国", "德国", "英国", "法国", "新加坡", "中国香港", "中国澳门", "中国台湾",
            ])
        let rest = order.dropFirst(11).map { CountryOrRegion.pinyin[$0.code] ?? "" }
        #expect(rest == rest.sorted())
        #expect(order.dropFirst(11).prefix(3).map(\.name) == ["阿尔巴尼亚", "阿尔及利亚", "阿富汗"])
        #expect(order.suffix(3).map(\.name) == ["智利", "中非", "中国"])  // zhili, zhongfei, zhongguo
    }

    @Test func everyNameHasPinyinOfLetters() {
        #expect(CountryOrRegion.pinyin.count == 249)
        #expect(CountryOrRegion.all.allSatisfy { CountryOrRegion.pinyin[$0.code]?.isEmpty == false })
        #expect(CountryOrRegion.pinyin.values.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isLowercase } })
    }

    @Test(
        "names with two readings are read as names",
        arguments: [("AT", "aodili"), ("CV", "fodejiao"), ("KH", "jianpuzhai"), ("PE", "bilu"), ("HT", "haidi")])
    func polyphonic(code: String, pinyin: String) {
        #expect(CountryOrRegion.pinyin[code] == pinyin)
    }

    @Test("a name typed in pinyin is found", arguments: [("riben", "JP"), ("Ri Ben", "JP"), ("deguo", "DE")])
    func typedInPinyin(text: String, code: String) {
        #expect(CountryOrRegion.code(ofTyped: text) == code)
    }
}
