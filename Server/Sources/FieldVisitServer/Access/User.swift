import FieldVisitProtocol

/// A person who may sign in: field staff, a manager or an administrator.
public struct User: Sendable, Hashable, Codable {
    /// The user name, unique on the server.
    public var name: String
    /// What the user may do.
    public var role: Role
    /// The branches whose records the user sees and changes.
    public var branches: [String]
    /// A disabled user can neither sign in nor sync; nothing of theirs is deleted.
    public var disabled: Bool

    public init(name: String, role: Role, branches: [String], disabled: Bool = false) {
        self.name = name
        self.role = role
        self.branches = branches
        self.disabled = disabled
    }

    /// The records the user sees.
    public var scope: BranchScope { role == .admin ? .all : .branches(Set(branches)) }
}

/// Which branches' records a request may read or change.
public enum BranchScope: Sendable, Hashable {
    /// Every branch: administrators.
    case all
    /// Only these.
    case branches(Set<String>)

    /// Whether `branch` is inside the scope.
    public func contains(_ branch: String) -> Bool {
        switch self {
        case .all: true
        case .branches(let codes): codes.contains(branch)
        }
    }
}
