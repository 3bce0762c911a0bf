/// What a user may do on the server.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// Field staff: see and change their branches' records.
    case field
    /// A manager: also reviews, approves, returns and resolves for their branches.
    case manager
    /// An administrator: every branch, and users, branches and devices.
    case admin

    /// Whether the role makes a reviewer's decisions (``FieldVisitCore/ReviewPolicy``).
    public var isReviewer: Bool { self != .field }

    /// The Japanese label shown to people.
    public var label: String {
        switch self {
        case .field: "担当者"
        case .manager: "管理者（承認者）"
        case .admin: "システム管理者"
        }
    }
}
