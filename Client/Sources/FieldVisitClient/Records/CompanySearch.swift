import FieldVisitCore

/// How companies are found by name, kana or corporate number, regardless of
/// full-width/half-width and hiragana/katakana: the view keeps each company's folded
/// search key, and a query's folded terms must each occur in it.
enum CompanySearch {
    /// The folded text a company is searched by: name, kana and corporate number, each
    /// folded by ``JapaneseSearchKey``, separated so that a query never spans two.
    static func key(name: String?, kana: String?, corporateNumber: String?) -> String {
        [name, kana, corporateNumber].compactMap { $0 }.map(JapaneseSearchKey.fold).joined(separator: "\u{1F}")
    }

    /// A company's key in reading order (``JapaneseSearchKey/readingKey(_:)``) taken from
    /// its stored search key, which holds its kana and name folded already: folding
    /// thousands of names again would take longer than the list that sorts them.
    static func readingKey(searchKey: String, hasName: Bool, hasKana: Bool) -> String {
        let parts = searchKey.split(separator: "\u{1F}", omittingEmptySubsequences: false)
        let index = hasKana && hasName ? 1 : 0
        return JapaneseSearchKey.withoutLegalForms(index < parts.count ? String(parts[index]) : "")
    }

    /// The folded terms of a query, split at spaces; none for a blank query.
    static func terms(of query: String) -> [String] {
        JapaneseSearchKey.Query(query).terms
    }
}
