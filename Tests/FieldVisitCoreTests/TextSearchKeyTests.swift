import Testing
@testable import FieldVisitCore

/// The code points of `text`'s search key. Compared as code points, since two strings
/// compare equal in Swift when they are merely canonically equivalent (が and か + ゙).
private func key(_ text: String) -> [Unicode.Scalar] {
    Array(JapaneseSearchKey.fold(text).unicodeScalars)
}

private func scalars(_ text: String) -> [Unicode.Scalar] {
    Array(text.unicodeScalars)
}

@Suite("Text: search keys")
struct TextSearchKeyTests {
    static let name = "株式会社カワムラ"

    @Test(arguments: ["カワムラ", "ｶﾜﾑﾗ", "かわむら", "ｶﾜ ﾑﾗ", "カワ　ムラ", "株式会社かわむら", "株式会社 ｶﾜﾑﾗ", "かわ"])
    func everySpellingOfTheNameFindsIt(query: String) {
        #expect(JapaneseSearchKey.matches(query: query, in: Self.name))
    }

    @Test func theSpellingsFoldToOneKey() {
        #expect(key(Self.name) == scalars("株式会社かわむら"))
        #expect(key("ｶﾜﾑﾗ") == scalars("かわむら"))
        #expect(key("カワムラ") == scalars("かわむら"))
        #expect(key("かわむら") == scalars("かわむら"))
    }

    @Test func otherNamesAreNotFound() {
        #expect(!JapaneseSearchKey.matches(query: "カワムラ", in: "株式会社カワシマ"))
        #expect(!JapaneseSearchKey.matches(query: "ｶﾜﾑﾗ", in: "川村商店"))
    }

    @Test func halfWidthVoicedKanaBecomeOneVoicedKana() {
        #expect(key("ｶﾞｽ") == scalars("がす"))
        #expect(key("ﾊﾟﾝ") == scalars("ぱん"))
        #expect(key("ｳﾞｨ") == scalars("ゔぃ"))
        #expect(key("か゛") == scalars("が"))
        #expect(key("ﾃﾞ-ﾀ") == scalars("でーた"))
        #expect(JapaneseSearchKey.matches(query: "ﾃﾞｰﾀ", in: "株式会社データ東北"))
        #expect(JapaneseSearchKey.matches(query: "ｶﾞｽ", in: "八戸ガス株式会社"))
        #expect(!JapaneseSearchKey.matches(query: "ｶｽ", in: "八戸ガス株式会社"))
    }

    @Test func fullWidthLettersMatchASCIIInEitherCase() {
        #expect(key("ＡＢＣ商事") == scalars("abc商事"))
        #expect(JapaneseSearchKey.matches(query: "abc", in: "ＡＢＣ商事"))
        #expect(JapaneseSearchKey.matches(query: "ＡＢＣ", in: "abc商事"))
        #expect(JapaneseSearchKey.matches(query: "Abc", in: "ＡＢＣ商事"))
        #expect(key("ABC Foods") == scalars("abcfoods"))
    }

    @Test func fullWidthDigitsMatchASCIIDigits() {
        #expect(key("第２工場") == scalars("第2工場"))
        #expect(key("１２３") == scalars("123"))
        #expect(JapaneseSearchKey.matches(query: "2", in: "第２工場"))
        #expect(JapaneseSearchKey.matches(query: "第２", in: "第2工場"))
        #expect(JapaneseSearchKey.matches(query: "1180301018771", in: "１１８０３０１０１８７７１"))
    }

    @Test func spacesOfEveryKindAreIgnored() {
        let keys = ["佐藤 花子", "佐藤　花子", "佐藤花子", " 佐藤\t花子 "].map(key)
        #expect(Set(keys) == [scalars("佐藤花子")])
        #expect(JapaneseSearchKey.matches(query: "佐藤花子", in: "佐藤　花子"))
        #expect(JapaneseSearchKey.matches(query: "佐藤 花子", in: "佐藤花子"))
    }

    @Test func middleDotsAreIgnoredLikeSpaces() {
        #expect(key("ジャパン・テック") == key("ジャパンテック"))
        #expect(key("ｼﾞｬﾊﾟﾝ･ﾃｯｸ") == scalars("じゃぱんてっく"))
    }

    @Test func theLongVowelMarkIsKeptBecauseItChangesTheWord() {
        #expect(key("ビール") == scalars("びーる"))
        #expect(!JapaneseSearchKey.matches(query: "ビル", in: "ビール"))
        #expect(key("ｺｰﾋｰ") == scalars("こーひー"))
    }

    @Test func hyphensTypedForTheLongVowelMarkAfterKanaAreTheMark() {
        let coffee = key("コーヒー")
        for spelling in ["コ-ヒ-", "コ－ヒ－", "コ―ヒ―", "コ‐ヒ‐", "こーひー"] {
            #expect(key(spelling) == coffee, "\(spelling)")
        }
        // Elsewhere hyphens stay what they are.
        #expect(key("017-722-1111") == scalars("017-722-1111"))
        #expect(key("１－２－３") == scalars("1-2-3"))
    }

    @Test func smallKanaStayDistinct() {
        #expect(key("ッ") != key("ツ"))
        #expect(key("ｯ") == scalars("っ"))
    }

    @Test func legalFormsStayPartOfTheName() {
        #expect(JapaneseSearchKey.fold("株式会社カワムラ").hasPrefix("株式会社"))
        #expect(!JapaneseSearchKey.matches(query: "株式会社カワムラ", in: "有限会社カワムラ"))
        #expect(JapaneseSearchKey.matches(query: "株式会社", in: "株式会社カワムラ"))
        // Abbreviations are written out, wherever they stand: ㈱, (株), a bank's ｶ) and (ｶ.
        #expect(key("㈱カワムラ") == scalars("株式会社かわむら"))
        #expect(JapaneseSearchKey.matches(query: "ｶﾜﾑﾗ", in: "㈱カワムラ"))
        for written in ["株式会社カワムラ", "カワムラ株式会社", "(株)カワムラ", "カワムラ(株)", "ｶ)ｶﾜﾑﾗ", "ｶﾜﾑﾗ(ｶ", "㈱かわむら"] {
            #expect(JapaneseSearchKey.matches(query: "㈱カワムラ", in: written), "\(written)")
            #expect(JapaneseSearchKey.matches(query: "カワムラ株式会社", in: written), "\(written)")
        }
        #expect(!JapaneseSearchKey.matches(query: "(有)カワムラ", in: "カワムラ株式会社"))
        #expect(JapaneseSearchKey.matches(query: "(有)カワムラ", in: "有限会社カワムラ"))
    }

    @Test func kanjiVariantsInNamesAreOne() {
        for (query, name) in [("高橋", "髙橋商店"), ("髙橋", "高橋商店"), ("山崎", "山﨑製作所"), ("斎藤", "齋藤"), ("齊藤", "斎藤"),
                              ("渡辺", "渡邊"), ("渡邉", "渡辺"), ("沢田", "澤田"), ("浜田", "濱田"), ("高", "ﾀｶﾊｼ髙")] {
            #expect(JapaneseSearchKey.matches(query: query, in: name), "\(query) in \(name)")
        }
        #expect(!JapaneseSearchKey.matches(query: "高橋", in: "髙田"))
    }

    @Test func everyWordOfAQueryMustOccur() {
        #expect(JapaneseSearchKey.matches(query: "かわむら 株式", in: Self.name))
        #expect(!JapaneseSearchKey.matches(query: "かわむら 有限", in: Self.name))
    }

    @Test func aQueryCanMatchItsWordsInDifferentFields() {
        let fields = ["株式会社カワムラ", "カブシキガイシャカワムラ", "青森県八戸市"]
        #expect(JapaneseSearchKey.Query("ｶﾜﾑﾗ 八戸").matches(anyOf: fields))
        #expect(!JapaneseSearchKey.Query("カワムラ 弘前").matches(anyOf: fields))
        // A word is never matched across two fields.
        #expect(!JapaneseSearchKey.Query("むら青森").matches(anyOf: fields))
    }

    @Test func anEmptyQueryMatchesEverything() {
        #expect(JapaneseSearchKey.matches(query: "", in: Self.name))
        #expect(JapaneseSearchKey.matches(query: " 　", in: Self.name))
        #expect(JapaneseSearchKey.Query("・").terms.isEmpty)
    }
}
