/// Why a company left a follow-up cohort, recorded when the membership ends
/// (`fieldvisit company edit --remove-cohort … --cohort-end-reason …`).
public enum CohortEndReason: String, CodedEnumeration {
    /// Left the programme (the buy-out ended, follow-up no longer needed).
    case exited
    /// Repaid the loan or the bought-out debt.
    case repaid
    /// Merged into another company.
    case merged
    /// Closed its business.
    case closed

    /// The label shown to people, in Japanese.
    public var japaneseLabel: String {
        switch self {
        case .exited: "対象外"
        case .repaid: "完済"
        case .merged: "合併"
        case .closed: "廃業"
        }
    }
}

/// The end of one cohort membership with its reason, as an element of the company's
/// ``Company/cohortEndings`` set: `disasterAffectedDebtBuyOut.repaid`. The date it ended
/// is the date of the change that removed the cohort, which the log keeps.
public struct CohortEnding: Sendable, Hashable {
    /// The cohort left.
    public var cohort: CohortTag
    /// Why.
    public var reason: CohortEndReason

    public init(cohort: CohortTag, reason: CohortEndReason) {
        self.cohort = cohort
        self.reason = reason
    }

    /// The stored code: the cohort's and the reason's, joined by a dot.
    public var code: String { "\(cohort.rawValue).\(reason.rawValue)" }

    /// Reads a stored code.
    public init?(code: String) {
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let cohort = CohortTag(rawValue: String(parts[0])), let reason = CohortEndReason(rawValue: String(parts[1])) else { return nil }
        self.init(cohort: cohort, reason: reason)
    }

    /// Every cohort with every reason: the codes the field accepts.
    public static var codeList: CodeList {
        CodeList(name: "CohortEnding", entries: CohortTag.allCases.flatMap { cohort in
            CohortEndReason.allCases.map { reason in
                .init(code: CohortEnding(cohort: cohort, reason: reason).code, label: "\(cohort.japaneseLabel): \(reason.japaneseLabel)")
            }
        })
    }
}
