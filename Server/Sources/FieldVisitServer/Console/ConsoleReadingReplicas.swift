import Crypto
import FieldVisitClient
import FieldVisitCore
import FieldVisitProtocol
import Foundation

/// The stores the console reads its reports from: for each set of branches a reader may
/// see, a laptop's store (``LocalStore``) that the server keeps as a replica of the log,
/// pulled by cursor like a laptop's, so that a report in the browser is the report
/// `fieldvisit report` prints, computed by the same code. Each is brought up to date
/// when a report is asked for.
///
/// `fieldvisit-server serve` keeps them under the data directory (`console/`), so they
/// survive a restart and only what arrived since is pulled; the first time, a store is
/// built from the log, which takes as long as a new laptop's first sync. A store is
/// rebuilt when the log no longer holds the last change set it took (the database was
/// restored from an older backup), so it never shows what the log has lost.
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
        let home = StoreHome(option: directory.appendingPathComponent(name).path)
        let lastTaken = home.directory.appendingPathComponent(Self.lastTakenFile)
        let store: LocalStore
        if let open = stores[name] {
            store = open
        } else {
            if home.hasStore, try await !logHolds(lastTakenIn: lastTaken) {
                try FileManager.default.removeItem(at: home.directory)
            }
            store = home.hasStore ? try LocalStore.open(home: home) : try LocalStore.create(home: home, user: "console")
            stores[name] = store
        }
        while true {
            let cursor = try store.syncState().pullCursor ?? 0
            let page = try await storage.pull(after: cursor, limit: SyncLimits.maxPullPage, scope: scope)
            let pulled = try PullPage.read(page.json)
            // The last change set taken is written before the store takes the page: a
            // store never holds a change set the file does not vouch for.
            if let last = pulled.changeSets.last {
                try JSONEncoder().encode(last.dot).write(to: lastTaken, options: .atomic)
            }
            _ = try store.applyPulled(pulled)
            if !page.more { break }
        }
        return store
    }

    /// Whether the log still holds the change set a store took last; a store that took
    /// none is current with any log.
    private func logHolds(lastTakenIn file: URL) async throws -> Bool {
        guard FileManager.default.fileExists(atPath: file.path) else { return true }
        guard let dot = try? JSONDecoder().decode(Dot.self, from: Data(contentsOf: file)) else { return false }
        return try await storage.origins(of: [dot])[dot] != nil
    }

    /// The file beside each store naming the last change set it took.
    static let lastTakenFile = "last-taken.json"

    /// A directory name for a set of branches: readable, and the same for the same set;
    /// a digest of the codes when they would not fit in a file name.
    static func name(of scope: BranchScope) -> String {
        switch scope {
        case .all: return "all"
        case .branches(let codes):
            let joined = codes.sorted().joined(separator: "+")
            guard joined.utf8.count > 120 else { return "branches-" + joined }
            return "branches-" + SHA256.hash(data: Data(joined.utf8)).map { String(format: "%02x", $0) }.joined()
        }
    }
}
