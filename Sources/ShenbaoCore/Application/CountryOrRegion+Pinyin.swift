/// The country picker's order: the partners most applications name first, then every other
/// country or region by its name's pinyin, as a Chinese reader looks one up.
///
/// The pinyin is written down here rather than computed: Foundation on Linux has no reliable
/// Han-to-Latin transform, and a generic one misreads names with two readings (奥地利 is aodili,
/// not aodeli; 佛得角 fodejiao; 柬埔寨 jianpuzhai). Toneless, letters only, one word per name.
extension CountryOrRegion {
    /// 俄罗斯, 日本, 韩国, 美国, 德国, 英国, 法国, 新加坡, then Hong Kong, Macao and Taiwan as
    /// regions of China: the partners a Hunan exchange project names most often.
    public static let commonPartners = ["RU", "JP", "KR", "US", "DE", "GB", "FR", "SG", "HK", "MO", "TW"]

    /// Every code once: the common partners first, then the rest by pinyin (by name on a tie).
    public static let pickerOrder: [(code: String, name: String)] = {
        let common = Set(commonPartners)
        let first = commonPartners.compactMap { code in name(of: code).map { (code: code, name: $0) } }
        let rest = all.filter { !common.contains($0.code) }.sorted {
            (pinyin[$0.code] ?? "", $0.name) < (pinyin[$1.code] ?? "", $1.name)
        }
        return first + rest
    }()

    /// The toneless pinyin of each name, lower case, without spaces or punctuation.
    public static let pinyin: [String: String] = [
        "AD": "andaoer", "AE": "alianqiu", "AF": "afuhan", "AG": "antiguahebabuda", "AI": "anguila",
        "AL": "aerbaniya", "AM": "yameiniya", "AO": "angela", "AQ": "nanjizhou", "AR": "agenting",
        "AS": "meishusamoya", "AT": "aodili", "AU": "aodaliya", "AW": "aluba", "AX": "aolanqundao",
        "AZ": "asaibaijiang", "BA": "bosiniyaheheisaigeweina", "BB": "babaduosi", "BD": "mengjialaguo",
        "BE": "bilishi", "BF": "bujinafasuo", "BG": "baojialiya", "BH": "balin", "BI": "bulongdi", "BJ": "beining",
        "BL": "shengbataileimi", "BM": "baimuda", "BN": "wenlai", "BO": "boliweiya", "BQ": "helanjialeibiqu",
        "BR": "baxi", "BS": "bahama", "BT": "budan", "BV": "buweidao", "BW": "bociwana", "BY": "baieluosi",
        "BZ": "bolizi", "CA": "jianada", "CC": "kekesijilinqundao", "CD": "gangguojin", "CF": "zhongfei",
        "CG": "gangguobu", "CH": "ruishi", "CI": "ketediwa", "CK": "kukequndao", "CL": "zhili", "CM": "kamailong",
        "CN": "zhongguo", "CO": "gelunbiya", "CR": "gesidalijia", "CU": "guba", "CV": "fodejiao", "CW": "kulasuo",
        "CX": "shengdandao", "CY": "saipulusi", "CZ": "jieke", "DE": "deguo", "DJ": "jibuti", "DK": "danmai",
        "DM": "duominike", "DO": "duominijia", "DZ": "aerjiliya", "EC": "eguaduoer", "EE": "aishaniya",
        "EG": "aiji", "EH": "xisahala", "ER": "eliteliya", "ES": "xibanya", "ET": "aisaiebiya", "FI": "fenlan",
        "FJ": "feiji", "FK": "maerweinasiqundaofukelan", "FM": "mikeluonixiyalianbang", "FO": "faluoqundao",
        "FR": "faguo", "GA": "jiapeng", "GB": "yingguo", "GD": "gelinnada", "GE": "gelujiya", "GF": "fashuguiyana",
        "GG": "genxi", "GH": "jiana", "GI": "zhibuluotuo", "GL": "gelinglan", "GM": "gangbiya", "GN": "jineiya",
        "GP": "guadeluopu", "GQ": "chidaojineiya", "GR": "xila", "GS": "nanqiaozhiyahenansangweiqiqundao",
        "GT": "weidimala", "GU": "guandao", "GW": "jineiyabishao", "GY": "guiyana", "HK": "zhongguoxianggang",
        "HM": "hededaohemaiketangnaqundao", "HN": "hongdoulasi", "HR": "keluodiya", "HT": "haidi",
        "HU": "xiongyali", "ID": "yindunixiya", "IE": "aierlan", "IL": "yiselie", "IM": "maendao", "IN": "yindu",
        "IO": "yingshuyinduyanglingdi", "IQ": "yilake", "IR": "yilang", "IS": "bingdao", "IT": "yidali",
        "JE": "zexi", "JM": "yamaijia", "JO": "yuedan", "JP": "riben", "KE": "kenniya", "KG": "jierjisisitan",
        "KH": "jianpuzhai", "KI": "jilibasi", "KM": "kemoluo", "KN": "shengjiciheniweisi", "KP": "chaoxian",
        "KR": "hanguo", "KW": "keweite", "KY": "kaimanqundao", "KZ": "hasakesitan", "LA": "laowo", "LB": "libanen",
        "LC": "shengluxiya", "LI": "liezhidunshideng", "LK": "sililanka", "LR": "libiliya", "LS": "laisuotuo",
        "LT": "litaowan", "LU": "lusenbao", "LV": "latuoweiya", "LY": "libiya", "MA": "moluoge", "MC": "monage",
        "MD": "moerduowa", "ME": "heishan", "MF": "fashushengmading", "MG": "madajiasijia", "MH": "mashaoerqundao",
        "MK": "beimaqidun", "ML": "mali", "MM": "miandian", "MN": "menggu", "MO": "zhongguoaomen",
        "MP": "beimaliyanaqundao", "MQ": "matinike", "MR": "maolitaniya", "MS": "mengtesailate", "MT": "maerta",
        "MU": "maoliqiusi", "MV": "maerdaifu", "MW": "malawei", "MX": "moxige", "MY": "malaixiya",
        "MZ": "mosangbike", "NA": "namibiya", "NC": "xinkaliduoniya", "NE": "nirier", "NF": "nuofukedao",
        "NG": "niriliya", "NI": "nijialagua", "NL": "helan", "NO": "nuowei", "NP": "nipoer", "NR": "naolu",
        "NU": "niuai", "NZ": "xinxilan", "OM": "aman", "PA": "banama", "PE": "bilu", "PF": "fashubolinixiya",
        "PG": "babuyaxinjineiya", "PH": "feilubin", "PK": "bajisitan", "PL": "bolan",
        "PM": "shengpiaierhemikelong", "PN": "pitekaienqundao", "PR": "boduolige", "PS": "baleisitan",
        "PT": "putaoya", "PW": "palao", "PY": "balagui", "QA": "kataer", "RE": "liuniwang", "RO": "luomaniya",
        "RS": "saierweiya", "RU": "eluosi", "RW": "luwangda", "SA": "shatealabo", "SB": "suoluomenqundao",
        "SC": "saisheer", "SD": "sudan", "SE": "ruidian", "SG": "xinjiapo",
        "SH": "shengheleinaasensonghetelisitandakuniya", "SI": "siluowenniya", "SJ": "siwaerbaheyangmayan",
        "SK": "siluofake", "SL": "sailaliang", "SM": "shengmalinuo", "SN": "saineijiaer", "SO": "suomali",
        "SR": "sulinan", "SS": "nansudan", "ST": "shengduomeihepulinxibi", "SV": "saerwaduo",
        "SX": "heshushengmading", "SY": "xuliya", "SZ": "siweishilan", "TC": "tekesihekaikesiqundao",
        "TD": "zhade", "TF": "fashunanbulingdi", "TG": "duoge", "TH": "taiguo", "TJ": "tajikesitan",
        "TK": "tuokelao", "TL": "dongdiwen", "TM": "tukumansitan", "TN": "tunisi", "TO": "tangjia", "TR": "tuerqi",
        "TT": "telinidaheduobage", "TV": "tuwalu", "TW": "zhongguotaiwan", "TZ": "tansangniya", "UA": "wukelan",
        "UG": "wuganda", "UM": "meiguobentuwaixiaodaoyu", "US": "meiguo", "UY": "wulagui", "UZ": "wuzibiekesitan",
        "VA": "fandigang", "VC": "shengwensentehegelinnadingsi", "VE": "weineiruila",
        "VG": "yingshuweierjingqundao", "VI": "meishuweierjingqundao", "VN": "yuenan", "VU": "wanuatu",
        "WF": "walisihefutuna", "WS": "samoya", "YE": "yemen", "YT": "mayuete", "ZA": "nanfei", "ZM": "zanbiya",
        "ZW": "jinbabuwei",
    ]

    /// The code of a name typed in pinyin (`riben`, `Ri Ben`), as the picker's search offers it.
    static func code(ofPinyin text: String) -> String? {
        let key = String(canonical(text).lowercased().filter { $0.isLetter })
        guard !key.isEmpty else { return nil }
        return codesByPinyin[key]
    }

    private static let codesByPinyin: [String: String] = Dictionary(
        pinyin.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
}
