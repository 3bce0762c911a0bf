import FieldVisitCore
import Foundation
import Logging
import PostgresNIO

/// The review queue in PostgreSQL: the `review_item` table, a row per waiting record,
/// written by pushes (``PostgresLogTransaction``) and read here.
extension PostgresStorage: ReviewQueueStorage {
    public func reviewQueue(_ query: ReviewQueueQuery) async throws -> ReviewQueuePage {
        let none = Dictionary(uniqueKeysWithValues: ReviewReason.allCases.map { ($0, 0) })
        let branches = query.branches
        if branches?.isEmpty == true { return ReviewQueuePage(entries: [], total: 0, counts: none) }
        let every = branches == nil
        let codes = (branches ?? []).sorted()
        let (type, staff) = (query.type?.rawValue, query.staff)
        let (from, to) = (query.from?.description, query.to?.description)
        let reason = query.reason.map(ReviewQueueRow.column(of:))
        let (limit, offset) = (query.clampedLimit, query.clampedOffset)
        // One statement, one row: the counts and the page of one snapshot, the page as
        // arrays (see `PostgresStorage+ChangeLog`). Filters not asked for are parameters
        // left NULL, which the planner drops for each statement it plans.
        let statement: PostgresQuery = """
            WITH matching AS (
                SELECT * FROM review_item
                WHERE (\(every) OR branch = ANY(\(codes)::text[]))
                  AND (\(type)::text IS NULL OR type = \(type)::text)
                  AND (\(from)::text IS NULL OR date >= \(from)::text)
                  AND (\(to)::text IS NULL OR date <= \(to)::text)
                  AND (\(staff)::text IS NULL OR staff @> ARRAY[\(staff)::text])
            ), page AS (
                SELECT *, row_number() OVER (ORDER BY date NULLS FIRST, created_seq, type, id) AS n FROM (
                    SELECT * FROM matching
                    WHERE \(reason)::text IS NULL OR (\(reason)::text = 'submitted' AND submitted) OR (\(reason)::text = 'changed' AND changed)
                          OR (\(reason)::text = 'conflict' AND conflict) OR (\(reason)::text = 'deletion_conflict' AND deletion_conflict)
                    ORDER BY date NULLS FIRST, created_seq, type, id LIMIT \(limit) OFFSET \(offset)
                ) AS p
            )
            SELECT (SELECT count(*) FROM matching), (SELECT count(*) FILTER (WHERE submitted) FROM matching),
                   (SELECT count(*) FILTER (WHERE changed) FROM matching), (SELECT count(*) FILTER (WHERE conflict) FROM matching),
                   (SELECT count(*) FILTER (WHERE deletion_conflict) FROM matching),
                   coalesce(array_agg(type ORDER BY n), '{}'), coalesce(array_agg(id ORDER BY n), '{}'), coalesce(array_agg(branch ORDER BY n), '{}'),
                   coalesce(array_agg(coalesce(company_id, '') ORDER BY n), '{}'), coalesce(array_agg(coalesce(date, '') ORDER BY n), '{}'),
                   coalesce(array_agg(array_to_json(staff)::text ORDER BY n), '{}'), coalesce(array_agg(review_state ORDER BY n), '{}'),
                   coalesce(array_agg(submitted ORDER BY n), '{}'), coalesce(array_agg(changed ORDER BY n), '{}'),
                   coalesce(array_agg(conflict ORDER BY n), '{}'), coalesce(array_agg(deletion_conflict ORDER BY n), '{}'),
                   coalesce(array_agg(array_to_json(changed_fields)::text ORDER BY n), '{}'),
                   coalesce(array_agg(array_to_json(conflict_fields)::text ORDER BY n), '{}'),
                   coalesce(array_agg(created_seq ORDER BY n), '{}'), coalesce(array_agg(updated_seq ORDER BY n), '{}')
            FROM page
            """
        let logger = logger
        return try await withConnection { connection in
            let rows = try await connection.send(statement, logger: logger).decode(
                (Int64, Int64, Int64, Int64, Int64, [String], [String], [String], [String], [String], [String], [String],
                 [Bool], [Bool], [Bool], [Bool], [String], [String], [Int64], [Int64]).self)
            var entries: [ReviewQueueEntry] = []
            var (total, counts) = (0, none)
            for try await (all, submitted, changed, conflict, deleted, types, ids, branches, companies, dates, staff, states,
                           isSubmitted, isChanged, isConflict, isDeleted, changedFields, conflictFields, created, updated) in rows {
                counts = [.submitted: Int(submitted), .changed: Int(changed), .conflict: Int(conflict), .deleted: Int(deleted)]
                total = query.reason.map { counts[$0] ?? 0 } ?? Int(all)
                for index in types.indices {
                    let flags = [isSubmitted[index], isChanged[index], isConflict[index], isDeleted[index]]
                    entries.append(ReviewQueueEntry(
                        key: EntityKey(RecordType(rawValue: types[index]), RecordID(rawValue: ids[index])), branch: branches[index],
                        companyID: companies[index].isEmpty ? nil : RecordID(rawValue: companies[index]),
                        date: dates[index].isEmpty ? nil : dates[index],
                        staff: try ReviewQueueRow.strings(staff[index], column: "staff"), reviewState: states[index],
                        changedSinceApproval: try ReviewQueueRow.strings(changedFields[index], column: "changed_fields"),
                        conflicts: try ReviewQueueRow.strings(conflictFields[index], column: "conflict_fields"),
                        deletionConflict: isDeleted[index],
                        reasons: zip(ReviewReason.allCases, flags).filter { $0.1 }.map { $0.0 },
                        createdSeq: created[index], updatedSeq: updated[index]
                    ))
                }
            }
            return ReviewQueuePage(entries: entries, total: total, counts: counts)
        }
    }

    public func records(_ keys: [EntityKey]) async throws -> [EntityKey: EntityState] {
        guard keys.count <= ReviewQueueQuery.maxKeys else {
            throw StorageError.invalid(StorageMessage.tooManyKeys.localized(["max": "\(ReviewQueueQuery.maxKeys)", "count": "\(keys.count)"]))
        }
        let logger = logger
        return try await withConnection { connection in
            let rows = try await connection.send("""
                SELECT coalesce(array_agg(r.type), '{}'), coalesce(array_agg(r.id), '{}'), coalesce(array_agg(r.state), '{}')
                FROM unnest(\(keys.map(\.type.rawValue))::text[], \(keys.map(\.id.rawValue))::text[]) AS k(type, id)
                JOIN record r ON r.type = k.type AND r.id = k.id
                """, logger: logger)
            var found: [EntityKey: EntityState] = [:]
            for try await (types, ids, states) in rows.decode(([String], [String], [ByteBuffer]).self) {
                for index in types.indices {
                    found[EntityKey(RecordType(rawValue: types[index]), RecordID(rawValue: ids[index]))] =
                        try PostgresRecordState.read(Data(buffer: states[index]))
                }
            }
            return found
        }
    }
}

/// Writes and removes rows of `review_item`: a push's, or the migration's that fills
/// the table from the records stored before it.
enum PostgresReviewQueue {
    /// Writes `rows` and removes the rows of `removed` (records that do not wait), one
    /// statement each.
    static func write(_ rows: [ReviewQueueRow], removing removed: [EntityKey], on connection: PostgresConnection, logger: Logger) async throws {
        if !removed.isEmpty {
            try await connection.send("""
                DELETE FROM review_item r USING unnest(\(removed.map(\.type.rawValue))::text[], \(removed.map(\.id.rawValue))::text[]) AS k(type, id)
                WHERE r.type = k.type AND r.id = k.id
                """, logger: logger)
        }
        guard !rows.isEmpty else { return }
        let statuses = rows.map(\.status)
        // Lists of names go as JSON text, a row each: arrays of arrays must all be of one length.
        try await connection.send("""
            INSERT INTO review_item (type, id, branch, company_id, date, staff, review_state, submitted, changed, conflict, deletion_conflict,
                                     changed_fields, conflict_fields, created_seq, updated_seq)
            SELECT type, id, branch, nullif(company_id, ''), nullif(date, ''), ARRAY(SELECT json_array_elements_text(staff::json)), review_state,
                   submitted, changed, conflict, deletion_conflict, ARRAY(SELECT json_array_elements_text(changed_fields::json)),
                   ARRAY(SELECT json_array_elements_text(conflict_fields::json)), created_seq, updated_seq
            FROM unnest(\(rows.map(\.key.type.rawValue))::text[], \(rows.map(\.key.id.rawValue))::text[], \(rows.map(\.branch))::text[],
                        \(statuses.map { $0.companyID?.rawValue ?? "" })::text[], \(statuses.map { $0.date ?? "" })::text[],
                        \(rows.map(\.staffJSON))::text[], \(statuses.map(\.shownReviewState))::text[],
                        \(statuses.map(\.isSubmitted))::boolean[], \(statuses.map(\.isChangedSinceApproval))::boolean[],
                        \(statuses.map { !$0.conflicts.isEmpty })::boolean[], \(statuses.map(\.deletionConflict))::boolean[],
                        \(rows.map(\.changedJSON))::text[], \(rows.map(\.conflictsJSON))::text[],
                        \(rows.map(\.createdSeq))::bigint[], \(rows.map(\.updatedSeq))::bigint[])
                AS r(type, id, branch, company_id, date, staff, review_state, submitted, changed, conflict, deletion_conflict,
                     changed_fields, conflict_fields, created_seq, updated_seq)
            ON CONFLICT (type, id) DO UPDATE SET branch = excluded.branch, company_id = excluded.company_id, date = excluded.date,
                staff = excluded.staff, review_state = excluded.review_state, submitted = excluded.submitted, changed = excluded.changed,
                conflict = excluded.conflict, deletion_conflict = excluded.deletion_conflict, changed_fields = excluded.changed_fields,
                conflict_fields = excluded.conflict_fields, updated_seq = excluded.updated_seq
            """, logger: logger)
    }

    /// Fills the queue from every record stored, a page of records at a time: the
    /// migration that adds the table.
    static func fill(on connection: PostgresConnection, schema: Schema, logger: Logger) async throws {
        var after = (type: "", id: "")
        while true {
            let page = try await connection.send("""
                SELECT coalesce(array_agg(type ORDER BY type, id), '{}'), coalesce(array_agg(id ORDER BY type, id), '{}'),
                       coalesce(array_agg(branch ORDER BY type, id), '{}'), coalesce(array_agg(state ORDER BY type, id), '{}'),
                       coalesce(array_agg(created_seq ORDER BY type, id), '{}'), coalesce(array_agg(updated_seq ORDER BY type, id), '{}')
                FROM (SELECT type, id, branch, state, created_seq, updated_seq FROM record
                      WHERE (type, id) > (\(after.type), \(after.id)) ORDER BY type, id LIMIT 500) AS page
                """, logger: logger)
            var rows: [ReviewQueueRow] = []
            var read = 0
            for try await (types, ids, branches, states, created, updated) in page.decode(([String], [String], [String], [ByteBuffer], [Int64], [Int64]).self) {
                read = types.count
                for index in types.indices {
                    after = (types[index], ids[index])
                    let key = EntityKey(RecordType(rawValue: types[index]), RecordID(rawValue: ids[index]))
                    // A type this server does not know cannot be reviewed here.
                    guard let record = schema.records[key.type] else { continue }
                    let status = ReviewStatus(key, state: try PostgresRecordState.read(Data(buffer: states[index])), record: record)
                    if status.isWaiting {
                        rows.append(ReviewQueueRow(key: key, branch: branches[index], status: status, createdSeq: created[index], updatedSeq: updated[index]))
                    }
                }
            }
            try await write(rows, removing: [], on: connection, logger: logger)
            if read < 500 { return }
        }
    }
}
