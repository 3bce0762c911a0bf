import Logging
import NIOConcurrencyHelpers
import PostgresNIO

extension PostgresConnection {
    /// Runs `query`, as `query(_:logger:)` does, but fails instead of waiting forever
    /// when the connection closes before the query reaches it.
    ///
    /// postgres-nio 1.33 writes a query to its channel without a promise: written to a
    /// connection the database server has just closed (cut by an administrator, a
    /// failover, a network), the query is dropped and its caller waits for ever. A
    /// pooled connection can be handed out in that instant. So the query is sent from a
    /// task of its own, and a watch that finds the connection closed while the query is
    /// still unanswered gives up on it: a query the connection did receive is failed by
    /// postgres-nio at once when it closes, so one still waiting a moment later was lost.
    @discardableResult
    func send(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        if isClosed { throw PostgresConnectionLost() }
        let connection = self
        return try await withCheckedThrowingContinuation { continuation in
            let waiting = NIOLockedValueBox<CheckedContinuation<PostgresRowSequence, any Error>?>(continuation)
            let answer: @Sendable (Result<PostgresRowSequence, any Error>) -> Void = { result in
                waiting.withLockedValue { waiting in
                    waiting?.resume(with: result)
                    waiting = nil
                }
            }
            let watch = Task {
                var closedSince: ContinuousClock.Instant?
                while true {
                    try await Task.sleep(for: Self.watchInterval)
                    if let since = closedSince {
                        if ContinuousClock.now - since >= Self.watchInterval { return answer(.failure(PostgresConnectionLost())) }
                    } else if connection.isClosed {
                        closedSince = .now
                    }
                }
            }
            Task {
                do {
                    let rows = try await connection.query(query, logger: logger)
                    watch.cancel()
                    answer(.success(rows))
                } catch {
                    watch.cancel()
                    answer(.failure(error))
                }
            }
        }
    }

    /// How often a query's watch looks at its connection, and how long it then waits
    /// for postgres-nio to fail the query itself.
    private static let watchInterval = Duration.milliseconds(500)
}

/// The database connection closed before a statement reached it: the statement did not
/// run, and the caller may try again on another connection.
struct PostgresConnectionLost: Error, CustomStringConvertible {
    var description: String { "the connection to the database closed before the statement was sent" }
}
