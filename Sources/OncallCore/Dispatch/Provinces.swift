/// The 34 provincial-level divisions of GB/T 2260 with the names people write for them.
///
/// Internal: `RegionCode` uses the codes to refuse impossible prefixes and `RegionNames` the
/// names. A fixed table, because the provincial level has not changed since 1997 and a
/// lookup that depends on a data file would make coverage depend on the host.
enum Provinces {
    /// One division: its code, official full name, and other names that mean it.
    struct Entry: Sendable {
        let code: String
        let fullName: String
        /// Short Chinese name, pinyin and common English names; matched after `RegionNames.normalized`.
        let otherNames: [String]
    }

    static let all: [Entry] = [
        Entry(code: "11", fullName: "北京市", otherNames: ["北京", "beijing", "peking"]),
        Entry(code: "12", fullName: "天津市", otherNames: ["天津", "tianjin"]),
        Entry(code: "13", fullName: "河北省", otherNames: ["河北", "hebei"]),
        Entry(code: "14", fullName: "山西省", otherNames: ["山西", "shanxi"]),
        Entry(code: "15", fullName: "内蒙古自治区", otherNames: ["内蒙古", "neimenggu", "nei mongol", "inner mongolia"]),
        Entry(code: "21", fullName: "辽宁省", otherNames: ["辽宁", "liaoning"]),
        Entry(code: "22", fullName: "吉林省", otherNames: ["吉林", "jilin"]),
        Entry(code: "23", fullName: "黑龙江省", otherNames: ["黑龙江", "heilongjiang"]),
        Entry(code: "31", fullName: "上海市", otherNames: ["上海", "shanghai"]),
        Entry(code: "32", fullName: "江苏省", otherNames: ["江苏", "jiangsu"]),
        Entry(code: "33", fullName: "浙江省", otherNames: ["浙江", "zhejiang"]),
        Entry(code: "34", fullName: "安徽省", otherNames: ["安徽", "anhui"]),
        Entry(code: "35", fullName: "福建省", otherNames: ["福建", "fujian"]),
        Entry(code: "36", fullName: "江西省", otherNames: ["江西", "jiangxi"]),
        Entry(code: "37", fullName: "山东省", otherNames: ["山东", "shandong"]),
        Entry(code: "41", fullName: "河南省", otherNames: ["河南", "henan"]),
        Entry(code: "42", fullName: "湖北省", otherNames: ["湖北", "hubei"]),
        Entry(code: "43", fullName: "湖南省", otherNames: ["湖南", "hunan"]),
        Entry(code: "44", fullName: "广东省", otherNames: ["广东", "guangdong"]),
        Entry(code: "45", fullName: "广西壮族自治区", otherNames: ["广西", "guangxi"]),
        Entry(code: "46", fullName: "海南省", otherNames: ["海南", "hainan"]),
        Entry(code: "50", fullName: "重庆市", otherNames: ["重庆", "chongqing"]),
        Entry(code: "51", fullName: "四川省", otherNames: ["四川", "sichuan"]),
        Entry(code: "52", fullName: "贵州省", otherNames: ["贵州", "guizhou"]),
        Entry(code: "53", fullName: "云南省", otherNames: ["云南", "yunnan"]),
        Entry(code: "54", fullName: "西藏自治区", otherNames: ["西藏", "xizang", "tibet"]),
        // 陕西 is romanised "Shaanxi" precisely to tell it from 山西 "Shanxi".
        Entry(code: "61", fullName: "陕西省", otherNames: ["陕西", "shaanxi"]),
        Entry(code: "62", fullName: "甘肃省", otherNames: ["甘肃", "gansu"]),
        Entry(code: "63", fullName: "青海省", otherNames: ["青海", "qinghai"]),
        Entry(code: "64", fullName: "宁夏回族自治区", otherNames: ["宁夏", "ningxia"]),
        Entry(code: "65", fullName: "新疆维吾尔自治区", otherNames: ["新疆", "xinjiang"]),
        Entry(code: "71", fullName: "台湾省", otherNames: ["台湾", "taiwan"]),
        Entry(code: "81", fullName: "香港特别行政区", otherNames: ["香港", "xianggang", "hong kong"]),
        Entry(code: "82", fullName: "澳门特别行政区", otherNames: ["澳门", "aomen", "macau", "macao"]),
    ]

    /// The two-digit codes, for validating a code's first level.
    static let codes: Set<String> = Set(all.map(\.code))

    /// Full names by code.
    static let fullNames: [String: String] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0.fullName) })
}
