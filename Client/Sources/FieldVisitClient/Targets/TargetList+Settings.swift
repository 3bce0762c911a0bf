import FieldVisitCore
import GRDB

extension TargetList.Settings {
    /// The bounds each setting is checked against, wherever it comes from.
    public static let diagnosisMonthsRange = 1...120
    public static let referralDaysRange = 1...3650

    /// The settings this laptop keeps (`fieldvisit targets --save`), or the defaults.
    /// A stored value out of its bounds (a hand-edited store) is ignored.
    public static func stored(in store: LocalStore) throws -> TargetList.Settings {
        try store.read { db in
            var settings = TargetList.Settings()
            let value = { (key: String) in try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = ?", arguments: [key]).flatMap { Int($0) } }
            if let months = try value(Key.diagnosisMonths), diagnosisMonthsRange.contains(months) { settings.diagnosisMonths = months }
            if let days = try value(Key.referralDays), referralDaysRange.contains(days) { settings.referralDays = days }
            return settings
        }
    }

    /// Keeps these settings on this laptop, for the lists drawn up later.
    public func save(in store: LocalStore) throws {
        try store.write { db in
            for (key, value) in [(Key.diagnosisMonths, diagnosisMonths), (Key.referralDays, referralDays)] {
                try db.execute(sql: "INSERT OR REPLACE INTO store_info (key, value) VALUES (?, ?)", arguments: [key, String(value)])
            }
        }
    }

    private enum Key {
        static let diagnosisMonths = "targets.diagnosisMonths"
        static let referralDays = "targets.referralDays"
    }
}
