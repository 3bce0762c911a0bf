extension JapaneseSearchKey {
    /// Kanji people mix in names, folded to the form most typed: 髙橋 and 高橋, 山﨑 and
    /// 山崎, 齋藤 and 斎藤 are one name to a search. The pairs are the old and variant forms
    /// of the 人名用漢字 (旧字体, 法務省 戸籍法施行規則 別表第二) and the variants of the
    /// CP932 extensions (NEC and IBM: 髙, 﨑) that family names most often carry.
    static let kanjiVariants: [Character: Character] = [
        "髙": "高", "﨑": "崎", "嵜": "崎", "碕": "崎",
        "齋": "斎", "齊": "斎", "斉": "斎",
        "邊": "辺", "邉": "辺", "澤": "沢", "濱": "浜", "濵": "浜",
        "國": "国", "冨": "富", "櫻": "桜", "廣": "広", "惠": "恵", "眞": "真", "榮": "栄", "實": "実",
        "藏": "蔵", "會": "会", "與": "与", "壽": "寿", "德": "徳", "槇": "槙", "禮": "礼", "淺": "浅",
        "彌": "弥", "瀨": "瀬", "綠": "緑", "龍": "竜", "圓": "円", "萬": "万", "豐": "豊", "兒": "児",
        "學": "学", "傳": "伝", "條": "条", "滿": "満", "縣": "県", "驛": "駅", "鐵": "鉄", "寳": "宝", "寶": "宝",
    ]

    /// The legal forms written out, and how they are abbreviated once folded: ㈱ and (株)
    /// become (株) by NFKC; a bank's half-width ｶ) before or (ｶ after a name becomes か)
    /// or (か. Each folds to the form written out, so ㈱カワムラ finds 株式会社カワムラ.
    static let legalForms: [(written: String, abbreviations: [String])] = [
        ("株式会社", ["(株)", "か)", "(か"]),
        ("有限会社", ["(有)", "ゆ)", "(ゆ"]),
        ("合同会社", ["(同)", "(合)", "ど)", "(ど"]),
        ("合資会社", ["(資)"]),
        ("合名会社", ["(名)"]),
    ]

    /// The written-out legal forms, which a query's word is split at: `株式会社かわむら`
    /// is the words 株式会社 and かわむら, so it finds かわむら株式会社 as well.
    public static var legalFormWords: [String] { legalForms.map(\.written) }

    /// `key` (already folded to hiragana) with its kanji variants and legal-form
    /// abbreviations folded.
    static func foldingVariants(_ key: String) -> String {
        var folded = String(key.map { kanjiVariants[$0] ?? $0 })
        // Every abbreviation has a parenthesis: most names have none to look for.
        guard folded.utf8.contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")") }) else { return folded }
        for form in legalForms {
            for abbreviation in form.abbreviations where folded.contains(abbreviation) {
                folded = folded.replacingOccurrences(of: abbreviation, with: form.written)
            }
        }
        return folded
    }

    /// The key companies sort by in reading order (五十音順): their kana, else their name,
    /// folded (``fold(_:)``) with the legal forms left out, since a list of companies is
    /// read by the name itself (株式会社カワムラ sorts under か, as カワムラ株式会社 does).
    public static func readingKey(_ text: String) -> String {
        withoutLegalForms(fold(text))
    }

    /// `key`, already folded, without the legal forms written out in it.
    public static func withoutLegalForms(_ key: String) -> String {
        let scalars = Array(key.unicodeScalars)
        var reading = String.UnicodeScalarView()
        var index = 0
        scanning: while index < scalars.count {
            for form in legalFormScalars where scalars[index...].starts(with: form) {
                index += form.count
                continue scanning
            }
            reading.append(scalars[index])
            index += 1
        }
        return String(reading)
    }

    private static let legalFormScalars = legalFormWords.map { Array($0.unicodeScalars) }

    /// A query's words, each split at the legal forms it holds (see ``legalFormWords``).
    static func splittingLegalForms(_ term: String) -> [String] {
        var parts = [term]
        for form in legalFormWords {
            parts = parts.flatMap { part -> [String] in
                guard part != form, part.contains(form) else { return [part] }
                return part.components(separatedBy: form).flatMap { [$0, form] }.dropLast().filter { !$0.isEmpty }
            }
        }
        return parts
    }
}
