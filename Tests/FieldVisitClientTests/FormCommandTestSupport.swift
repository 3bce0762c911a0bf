import FieldVisitCore
import Foundation
import Testing
@testable import FieldVisitClient

/// Answer sets and a store with a company, shared by the form command tests.
enum FormFixtures {
    /// The day the library tests treat as today.
    static let today = try! CalendarDate("2024-06-01")

    /// A complete hearing sheet (v1) whose figures give round indicator values:
    /// 20.0%, 5.0%, 400千円, 5.0倍, 2.2ヶ月, 33.3%.
    static let completeHearingSheet: [String: FieldValue] = [
        "fiscalPeriodEnd": "2024-03-31",
        "sales": 120_000_000,
        "hasPreviousPeriod": true,
        "previousSales": 100_000_000,
        "operatingProfit": 6_000_000,
        "depreciation": 2_000_000,
        "employees": 15,
        "borrowings": 50_000_000,
        "cashAndDeposits": 10_000_000,
        "receivables": 20_000_000,
        "inventory": 8_000_000,
        "payables": 6_000_000,
        "netAssets": 30_000_000,
        "totalAssets": 90_000_000,
        "ownerBirthYear": 1957,
        "managementVision": "「地域のものづくりを次の世代へ」――品質第一で100年企業を目指す",
        "successorStatus": "decided",
        "mainProducts": "自動車部品の精密切削加工（ＮＣ旋盤）",
        "businessTrend": "flat",
        "usesIT": true,
        "itUsage": "会計ソフト、受発注はＥＤＩ",
        "mainBankType": "shinkinBank",
        "sharesFinancialsWithBank": true,
        "trialBalanceFrequency": "monthly",
        "preparesCashFlowTable": false,
        "hasBusinessPlan": true,
        "businessPlanYears": 5,
        "hasStaffShortage": true,
        "organisationNotes": "工場長が高齢（68歳）。技能継承が課題。\n改行やタブ\tも記録どおり",
    ]

    /// The same sheet in v2, the version new sheets use, with three accounting periods
    /// worked so that each period shows something: 2024年3月期 as above; 2023年3月期
    /// (25.0%, 4.0%, 250千円, 実質無借金, 2.4ヶ月, 30.0%); 2022年3月期 run by its two
    /// officers alone at a loss (no sales before it, -2.5%, -1,000千円（役員を含む）,
    /// EBITDA below zero, 2.1ヶ月, 30.0%).
    static let completeHearingSheetV2: [String: FieldValue] = completeHearingSheet.merging([
        "officers": 2, "hasTwoPeriodsAgo": true,
        "previousFiscalPeriodEnd": "2023-03-31", "previousOperatingProfit": 4_000_000, "previousDepreciation": 2_000_000,
        "previousEmployees": 16, "previousBorrowings": 5_000_000, "previousCashAndDeposits": 10_000_000,
        "previousReceivables": 18_000_000, "previousInventory": 8_000_000, "previousPayables": 6_000_000,
        "previousNetAssets": 27_000_000, "previousTotalAssets": 90_000_000,
        "twoPeriodsAgoFiscalPeriodEnd": "2022-03-31", "twoPeriodsAgoSales": 80_000_000, "twoPeriodsAgoOperatingProfit": -2_000_000,
        "twoPeriodsAgoDepreciation": 1_000_000, "twoPeriodsAgoEmployees": 0, "twoPeriodsAgoOfficers": 2,
        "twoPeriodsAgoBorrowings": 60_000_000, "twoPeriodsAgoCashAndDeposits": 5_000_000, "twoPeriodsAgoReceivables": 12_000_000,
        "twoPeriodsAgoInventory": 6_000_000, "twoPeriodsAgoPayables": 4_000_000, "twoPeriodsAgoNetAssets": 24_000_000,
        "twoPeriodsAgoTotalAssets": 80_000_000,
        "managementPhilosophy": "誠実なものづくり", "weaknesses": "営業を代表者一人が担っている", "history": "1975年に町工場として創業",
        "marketAndShare": "県内の自動車部品需要は横ばい", "competitors": "県内に同業3社、短納期で差別化",
        "customerSupplierChanges": "主要販売先が1社から3社に", "repeatAndNewCustomers": "リピーターが売上の8割",
        "bankCount": 2, "staffRetentionAndTraining": "技能検定の受検を支援",
        "currentSituation": "受注は安定、利益率は回復途上", "futureGoal": "5年後に営業利益率8%", "challenges": "価格転嫁と技能継承",
        "countermeasures": "原価計算の見直し、若手の多能工化",
    ]) { $1 }

    /// The worked hearing sheet for a first fiscal period: no previous sales, so the
    /// sales growth rate cannot be computed.
    static let firstPeriodHearingSheet: [String: FieldValue] = {
        var answers = completeHearingSheet
        answers["hasPreviousPeriod"] = false
        answers["previousSales"] = nil
        return answers
    }()

    /// A complete succession diagnosis (v1) with an informed candidate and every
    /// preparation under way, with consent.
    static let preparedSuccession: [String: FieldValue] = [
        "ownerBirthYear": 1954,
        "diagnosisDate": "2024-06-01",
        "hasSuccessorCandidate": true,
        "successorRelation": "family",
        "successorInformed": true,
        "preparingSuccessorTraining": true,
        "preparingRelationsHandover": true,
        "preparingSharesAndAssets": true,
        "preparingDebtsAndGuarantees": true,
        "preparingStakeholderNotice": true,
        "consentToShareWithCentre": true,
    ]

    /// The same diagnosis in v2, the version new diagnoses use: taken in an interview,
    /// the candidate has agreed, handover within five years, no consultation wanted.
    static let preparedSuccessionV2: [String: FieldValue] = preparedSuccession.merging([
        "takenBy": "interview", "successorAgreed": true, "plannedHandoverTiming": "withinFiveYears",
        "wantsConsultation": false, "wantsCentreContact": false,
    ]) { $1 }

    /// The answers as a JSON answers file.
    static func json(_ answers: [String: FieldValue]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(answers)
    }

    /// A store with one company (representative born 1957); returns the store and the
    /// company's id.
    static func storeWithCompany(in temporary: TemporaryHome, user: String = "佐藤") throws -> (LocalStore, RecordID) {
        let store = try LocalStore.create(home: temporary.home, user: user)
        let company = EntityKey(.company, RecordID(rawValue: "c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b"))
        try store.commit([
            .set(company, field: "name", value: "株式会社カワムラ精工"),
            .set(company, field: "representativeBirthYear", value: 1957),
        ])
        return (store, company.id)
    }
}

/// The built `fieldvisit` command, run as a separate process as staff run it.
enum FieldVisitExecutable {
    /// What one run printed and how it ended.
    struct Run {
        var status: Int32
        var standardOutput: String
        var standardError: String

        /// Whether standard output has a table row of exactly these cells, however padded.
        func hasRow(_ cells: String...) -> Bool {
            standardOutput.split(separator: "\n").contains { line in
                line.split(separator: " ", omittingEmptySubsequences: true).map(String.init) == cells
            }
        }

        /// The first line of standard output: a new record's id.
        var firstLine: String { standardOutput.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? "" }
    }

    /// The executable: `swift test` builds every product of the package into the
    /// directory holding the test bundle; the package's `.build/debug` is the fallback.
    static let url: URL? = {
        var candidates: [URL] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        // The runner may be the bundle itself or a file inside it (…/X.xctest/Contents/MacOS/X).
        var directory = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent("fieldvisit"))
            directory = directory.deletingLastPathComponent()
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/fieldvisit"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs `fieldvisit arguments…` with `input` on standard input, and waits for it.
    static func run(_ arguments: [String], input: String = "", environment extra: [String: String] = [:]) throws -> Run {
        let executable = try #require(url, "the fieldvisit executable was not built; run `swift build`")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fieldvisit-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // Files rather than pipes: nothing can block on a full pipe, whatever is printed.
        let inputFile = scratch.appendingPathComponent("stdin")
        let outputFile = scratch.appendingPathComponent("stdout")
        let errorFile = scratch.appendingPathComponent("stderr")
        try Data(input.utf8).write(to: inputFile)
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["FIELDVISIT_HOME"] = nil
        // English whatever this computer's locale, unless a test asks for Japanese.
        environment["FIELDVISIT_LANG"] = "en"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let standardInput = try FileHandle(forReadingFrom: inputFile)
        let standardOutput = try FileHandle(forWritingTo: outputFile)
        let standardError = try FileHandle(forWritingTo: errorFile)
        defer {
            try? standardInput.close()
            try? standardOutput.close()
            try? standardError.close()
        }
        process.standardInput = standardInput
        process.standardOutput = standardOutput
        process.standardError = standardError
        try process.run()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: outputFile), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: errorFile), as: UTF8.self)
        )
    }
}
