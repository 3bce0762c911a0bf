import FieldVisitClient
import FieldVisitCore
import Foundation

/// `fieldvisit-bench nta`: the National Tax Agency's corporate-number download of one
/// prefecture, 100,000 corporations in Shift_JIS with valid check digits, Japanese names
/// and furigana, imported into an empty store; then the same file again (which must
/// write nothing), and a daily change file of 1,000 rows (name changes, moves and
/// closures). Target: the first import under a minute.
struct CorporateNumberBenchmark {
    var rowCount = 100_000

    func run() throws {
        print("== nta: the corporate-number download imported into the local store ==")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try LocalStore.create(home: StoreHome(option: directory.path), user: "bench")
        let file = try CP932.encode(Self.file(rows: rowCount, seed: 31))
        print(row("file: \(rowCount) rows, Shift_JIS", String(format: "%.1f", Double(file.count) / 1_048_576), "MB"))
        let options = CorporateNumberImport.Options(branch: "morioka")

        let first = try measure { try CorporateNumberImport(options).plan(file, against: store).apply(to: store) }
        print(row("first import: \(first.result.newCount) new", String(format: "%.2f", first.seconds), "s"))
        print(row("first import", rate(rowCount, first.seconds), "rows/s"))
        let before = try store.logCounts().total
        let again = try measure { try CorporateNumberImport(options).plan(file, against: store).apply(to: store) }
        guard try store.logCounts().total == before, again.result.unchangedCount == rowCount else {
            throw BenchmarkFailure("the re-import wrote change sets or did not find every company unchanged: \(again.result.summary)")
        }
        print(row("re-import of the same file: \(again.result.unchangedCount) unchanged, nothing written", String(format: "%.2f", again.seconds), "s"))

        let daily = try CP932.encode(Self.dailyFile(rows: 1_000, of: rowCount, seed: 37))
        let changes = try measure { try CorporateNumberImport(options).plan(daily, against: store).apply(to: store) }
        print(row("daily change file of 1,000 rows: \(changes.result.updatedCount()) updated (\(changes.result.updatedCount(.closed)) closed)", String(format: "%.2f", changes.seconds), "s"))
    }

    /// Why a run failed.
    struct BenchmarkFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    // MARK: The generated download

    /// The cities of Iwate with their codes (prefecture 03).
    static let cities: [(name: String, code: String)] = [
        ("盛岡市", "201"), ("宮古市", "202"), ("大船渡市", "203"), ("花巻市", "205"), ("北上市", "206"), ("久慈市", "207"),
        ("遠野市", "208"), ("一関市", "209"), ("陸前高田市", "210"), ("釜石市", "211"), ("二戸市", "213"), ("八幡平市", "214"),
        ("奥州市", "215"), ("滝沢市", "216"), ("紫波郡紫波町", "321"), ("岩手郡雫石町", "301"),
    ]
    /// Parts of names with their readings.
    static let stems: [(name: String, kana: String)] = [
        ("岩手", "イワテ"), ("盛岡", "モリオカ"), ("三陸", "サンリク"), ("北上", "キタカミ"), ("早池峰", "ハヤチネ"), ("南部", "ナンブ"),
        ("中央", "チュウオウ"), ("東北", "トウホク"), ("山田", "ヤマダ"), ("佐藤", "サトウ"), ("高橋", "タカハシ"), ("菊池", "キクチ"),
    ]
    static let trades: [(name: String, kana: String)] = [
        ("建設", "ケンセツ"), ("食品", "ショクヒン"), ("水産", "スイサン"), ("運輸", "ウンユ"), ("電機", "デンキ"), ("商事", "ショウジ"),
        ("工業", "コウギョウ"), ("木材", "モクザイ"), ("不動産", "フドウサン"), ("設備", "セツビ"),
    ]
    static let kinds: [(code: String, prefix: String, suffix: String)] = [
        ("301", "株式会社", ""), ("301", "", "株式会社"), ("302", "有限会社", ""), ("305", "", "合同会社"), ("303", "合名会社", ""),
        ("304", "合資会社", ""), ("399", "一般社団法人", ""),
    ]

    /// The corporate number of corporation `index`: a valid check digit over 12 digits.
    static func number(_ index: Int) -> String {
        let base = "4" + String(format: "%011d", 1_000_000 + index)
        return String(CorporateNumber.checkDigit(ofBase: Substring(base))) + base
    }

    /// One row of the download.
    static func line(_ sequence: Int, _ index: Int, process: String = "01", random: inout SplitMix64, renamed: Bool = false, closed: Bool = false) -> String {
        let stem = stems[(index / 7) % stems.count], trade = trades[(index / 3) % trades.count], kind = kinds[index % kinds.count]
        let suffix = renamed ? "ホールディングス" : ""
        let name = "\(kind.prefix)\(stem.name)\(trade.name)\(suffix)\(kind.suffix)"
        let kana = "\(stem.kana)\(trade.kana)\(suffix)"
        let city = cities[index % cities.count]
        let street = "\(["中央通", "大通", "本町", "駅前", "上町"][index % 5])\(index % 9 + 1)丁目\(index % 30 + 1)番\(random.next() % 20 + 1)号"
        let cells = [
            String(sequence), number(index), process, "0", "2024-04-02", "2024-04-01", name, "", kind.code, "岩手県", city.name, street, "",
            "03", city.code, String(format: "02%05d", index % 100_000), "", "", closed ? "2024-03-31" : "", closed ? "01" : "", "", "",
            "2015-10-05", "1", "", "", "", "", kana, "0",
        ]
        return cells.joined(separator: ",") + "\r\n"
    }

    /// The monthly file of a prefecture: `rows` corporations.
    static func file(rows: Int, seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        var text = ""
        text.reserveCapacity(rows * 200)
        for index in 0..<rows { text += line(index + 1, index, random: &random) }
        return text
    }

    /// A daily change file: `rows` rows about corporations of the monthly file, renamed,
    /// moved or closed.
    static func dailyFile(rows: Int, of total: Int, seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        var text = ""
        for sequence in 1...rows {
            let index = Int(random.next() % UInt64(total))
            switch sequence % 3 {
            case 0: text += line(sequence, index, process: "11", random: &random, renamed: true)
            case 1: text += line(sequence, index, process: "21", random: &random, closed: true)
            default: text += line(sequence, index, process: "12", random: &random)
            }
        }
        return text
    }
}
