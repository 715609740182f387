/// The programme a call's guide announces, for the titles derived from it: the notice is
/// "2025年度国际与区域科技交流类项目拟资助名单公示", not "…申报指南拟资助项目公示".
public enum ProgrammeName {
    public static func of(guideTitle title: String) -> String {
        for suffix in ["申报指南", "指南"] where title.hasSuffix(suffix) {
            return title.count > suffix.count ? String(title.dropLast(suffix.count)) : title
        }
        return title
    }
}
