import Testing

@testable import ShenbaoCore

@Suite("申报材料")
struct MaterialsInstructionsTests {
    @Test("the 2025 guide's 四、申报材料 2, from the call's data, with this application's folder")
    func guide2025() throws {
        let call = try CallDefinition.guide2025()
        let folder = CallDefinition.folderName(organization: "湖南省国际交流促进会", project: "中非农业论坛")
        #expect(
            call.materialsInstructions(folderName: folder) == [
                "纸质材料：所有材料用A4规格纸双面打印、装订成册、签字并加盖公章（一式六份），另附非涉密证明2份。",
                "电子材料：扫描电子版及word版本打包在一个文件夹内，以“申报单位名称+项目名称”命名（本申报书为“湖南省国际交流促进会中非农业论坛”），"
                    + "发送至 hnkxgjb@126.com。",
                "联系人：省科协国际与区域合作部 李嘉玮，电话 0731-84884381，地址：长沙市开福区东风路17号省科协420室。",
            ])
    }

    @Test(
        "the folder's name drops what a file system refuses, and needs both parts",
        arguments: [
            ("岳麓书院", "中德论坛", "岳麓书院中德论坛"), ("A/B单位", "C:D*项目?", "AB单位CD项目"), ("", "项目", nil),
            ("单位", "", nil), ("/", "?", nil),
        ] as [(String, String, String?)])
    func folderName(organization: String, project: String, expected: String?) {
        #expect(CallDefinition.folderName(organization: organization, project: project) == expected)
    }

    @Test("counts are written as the guide writes them", arguments: [(6, "六"), (2, "二"), (10, "十"), (12, "12")])
    func count(count: Int, written: String) {
        #expect(CallDefinition.chineseCount(count) == written)
    }
}
