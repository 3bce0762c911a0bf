import FieldVisitClient
import FieldVisitCore
import FieldVisitProtocol
import Foundation

/// The stores the console reads its reports from: for each set of branches a reader may
/// see, a laptop's store (``LocalStore``) that the server keeps as a replica of the log,
/// pulled by cursor like a laptop's, so that a report in the browser is the report
/// `fieldvisit report` prints, computed by the same code. Each is brought up to date
/// when a report is asked for; the first time after the server starts it is built from
/// the log, which takes as long as a new laptop's first sync.
actor ConsoleReadingReplicas {
    /// Where the stores are kept: one directory per set of branches.
    let directory: URL
    let storage: any SyncStorage
    private var stores: [String: LocalStore] = [:]

    init(directory: URL, storage: any SyncStorage) {
        self.directory = directory
        self.storage = storage
    }

    /// The store of `scope`'s records, brought up to date with the log.
    func store(for scope: BranchScope) async throws -> LocalStore {
        let name = Self.name(of: scope)
        let store: LocalStore
        if let open = stores[name] {
            store = open
        } else {
            let home = StoreHome(option: directory.appendingPathComponent(name).path)
            store = home.hasStore ? try LocalStore.open(home: home) : try LocalStore.create(home: home, user: "console")
            stores[name] = store
        }
        while true {
            let cursor = try store.syncState().pullCursor ?? 0
            let page = try await storage.pull(after: cursor, limit: SyncLimits.maxPullPage, scope: scope)
            _ = try store.applyPulled(try PullPage.read(page.json))
            if !page.more { break }
        }
        return store
    }

    /// A directory name for a set of branches: readable, and the same for the same set.
    private static func name(of scope: BranchScope) -> String {
        switch scope {
        case .all: "all"
        case .branches(let codes): "branches-" + codes.sorted().joined(separator: "+")
        }
    }
}
