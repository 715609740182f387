extension CallDefinition {
    /// What an applicant sends besides the online form (申报指南 四、申报材料 2), each line from the
    /// call's data. `folderName`: this application's "申报单位名称+项目名称", when both are known.
    public func materialsInstructions(folderName: String? = nil) -> [String] {
        let need = submission
        let copies = Self.chineseCount(need.paperCopies)
        let folder = folderName.map { "（本申报书为“\($0)”）" } ?? ""
        return [
            "纸质材料：所有材料用\(need.paperFormat)（一式\(copies)份），另附非涉密证明\(need.nonConfidentialityCopies)份。",
            "电子材料：\(need.electronicContents)打包在一个文件夹内，以“\(need.packageNaming)”命名\(folder)，发送至 \(need.email)。",
            "联系人：\(contact.department) \(contact.person)，电话 \(contact.phone)，地址：\(contact.address)。",
        ]
    }

    /// This application's folder name: 申报单位名称+项目名称, without characters a file system refuses.
    public static func folderName(organization: String, project: String) -> String? {
        guard !organization.isEmpty, !project.isEmpty else { return nil }
        let name = (organization + project).filter { !"/\\:*?\"<>|".contains($0) }
        return name.isEmpty ? nil : name
    }

    /// A small count as the guide writes it (一式六份); larger ones as digits.
    static func chineseCount(_ count: Int) -> String {
        let numerals = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        return numerals.indices.contains(count) ? numerals[count] : String(count)
    }
}
