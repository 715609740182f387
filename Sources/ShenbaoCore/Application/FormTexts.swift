/// Fixed wording of the official forms, printed on the pages and in the documents.
public enum FormTexts {
    /// 三、申报单位承诺, word for word from both forms of the 2025 guide.
    public static let commitment =
        "我单位保证申报材料真实、合法，专项资金将按照财经法律法规和财经纪律要求规范使用。我单位愿意按照法律、法规和政策规定，接受监督、审计和评估，并承担相应责任。"

    public static func formTitle(_ category: Category) -> String {
        switch category {
        case .conference: "湖南省科协国际科技交流会议项目申报书"
        case .cooperation: "湖南省科协国际与区域合作项目申报书"
        }
    }

    public static func categoryLabel(_ category: Category) -> String {
        switch category {
        case .conference: "国际科技交流会议项目"
        case .cooperation: "国际合作项目"
        }
    }
}
