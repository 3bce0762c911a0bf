/// One result rule of a form: the class a completed form falls into when `when` holds,
/// with the next step to recommend. A form's outcomes are tried in order and the first
/// that matches wins; the last has no condition and catches everything else.
///
/// ```json
/// {"code": "candidateNotInformed", "label": "後継者候補への意思伝達が未了",
///  "nextStep": "…", "referralAgency": "successionSupportCentre",
///  "when": {"all": [{"question": "hasSuccessorCandidate", "equals": true},
///                   {"question": "successorInformed", "equals": false}]}}
/// ```
public struct FormOutcome: Sendable, Hashable, Codable, Identifiable {
    /// The stable code of the result class (`successionPrepared`).
    public var code: String
    /// The result class as staff and owners read it, in Japanese.
    public var label: String
    /// The recommended next step, in Japanese.
    public var nextStep: String
    /// The code of the agency the firm should be referred to (`successionSupportCentre`
    /// for 事業承継・引継ぎ支援センター), or `nil` when no referral is recommended.
    public var referralAgency: String?
    /// For a succession diagnosis, whether the result is a succession need confirmed
    /// with the owner (the reports' 事業承継ニーズあり). Written in the form file as
    /// `"successionNeed"`; when absent, a result that recommends a referral is a need.
    public var successionNeed: Bool
    /// When the rule matches; `nil` matches always (the final catch-all).
    public var when: FormCondition?

    /// The code, as the identity within a form.
    public var id: String { code }

    /// A result rule; leave `when` out for the final catch-all.
    public init(code: String, label: String, nextStep: String, referralAgency: String? = nil, successionNeed: Bool? = nil, when: FormCondition? = nil) {
        self.code = code
        self.label = label
        self.nextStep = nextStep
        self.referralAgency = referralAgency
        self.successionNeed = successionNeed ?? (referralAgency != nil)
        self.when = when
    }

    private enum CodingKeys: String, CodingKey { case code, label, nextStep, referralAgency, successionNeed, when }

    /// Reads a result rule, refusing members it does not define.
    public init(from decoder: any Decoder) throws {
        try FormCodingKey.refuseUnknownMembers(
            in: decoder, allowed: ["code", "label", "nextStep", "referralAgency", "successionNeed", "when"], what: "An outcome"
        )
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        label = try container.decode(String.self, forKey: .label)
        nextStep = try container.decode(String.self, forKey: .nextStep)
        referralAgency = try container.decodeIfPresent(String.self, forKey: .referralAgency)
        successionNeed = try container.decodeIfPresent(Bool.self, forKey: .successionNeed) ?? (referralAgency != nil)
        when = try container.decodeIfPresent(FormCondition.self, forKey: .when)
    }

    /// Writes the rule as ``init(from:)`` reads it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(label, forKey: .label)
        try container.encode(nextStep, forKey: .nextStep)
        // Written even when null, so a reader of the JSON sees that no referral is meant.
        try container.encode(referralAgency, forKey: .referralAgency)
        try container.encode(successionNeed, forKey: .successionNeed)
        try container.encodeIfPresent(when, forKey: .when)
    }
}
