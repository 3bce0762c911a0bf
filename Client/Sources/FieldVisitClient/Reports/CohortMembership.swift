import FieldVisitCore
import Foundation
import GRDB

/// When each company belonged to each follow-up cohort, read from the store's log.
///
/// A membership starts with the change that added the cohort to the company's
/// ``Company/cohortTags``: on the day that change names in ``Company/cohortStarts``
/// (`fieldvisit company edit --cohort X --cohort-since DATE`), else on the day the change
/// was recorded, which is how tags recorded before memberships were dated count ("member
/// since the first record of the tag"). Adding the cohort again with a start day
/// re-dates the membership. It ends on the day of the change that removed the cohort,
/// for the reason that change recorded in ``Company/cohortEndings``. A company may leave
/// and join again: each joining is a span of its own. Reports count the members of a
/// cohort *during* a fiscal year, so that a company leaving a cohort today still counts
/// in the years it belonged.
///
/// A company received in a server snapshot has no log here: its current cohorts count
/// from their latest start day, or from before any year, and cohorts it left before the
/// snapshot are not known.
public struct CohortMembership: Sendable {
    /// One period of membership.
    public struct Span: Sendable, Hashable {
        /// The first day, or `nil` when not known here (a snapshot): before any fiscal year.
        public var since: CalendarDate?
        /// The last day, or `nil` while the company is still a member.
        public var until: CalendarDate?
        /// Why it ended, when recorded.
        public var endReasons: Set<CohortEndReason> = []

        /// Whether the span overlaps the days from `first` to `last`.
        public func overlaps(_ first: CalendarDate, _ last: CalendarDate) -> Bool {
            (since.map { $0 <= last } ?? true) && (until.map { $0 >= first } ?? true)
        }
    }

    /// The spans of each company not deleted, by cohort, oldest first.
    public var spans: [RecordID: [CohortTag: [Span]]]

    /// Reads the memberships from `store`'s log, dating removals in `timeZone`.
    public init(store: LocalStore, timeZone: TimeZone = .current) throws {
        spans = try store.read { db in
            var spans: [RecordID: [CohortTag: [Span]]] = [:]
            // Every change to a company's cohorts, in log order, of the companies changed
            // since they were made; for the others, the state now is their whole story.
            let rows = try Row.fetchCursor(db, sql: ReportSQL.companyChanges(writing: [Company.Field.cohortTags.rawValue]))
            while let row = try rows.next() {
                let id = RecordID(rawValue: row[0])
                let key = EntityKey(.company, id)
                let change = try ChangeSetReader.read(Data((row[2] as String).utf8))
                var added: Set<CohortTag> = [], removed: Set<CohortTag> = []
                var starts: [CohortTag: CalendarDate] = [:], reasons: [CohortTag: Set<CohortEndReason>] = [:]
                for operation in change.operations where operation.entity == key {
                    guard case .add(_, let field, .text(let text)) = operation else {
                        if case .remove(_, Company.Field.cohortTags.rawValue, .text(let code)) = operation, let tag = CohortTag(rawValue: code) {
                            removed.insert(tag)
                        }
                        continue
                    }
                    switch field {
                    case Company.Field.cohortTags.rawValue: CohortTag(rawValue: text).map { _ = added.insert($0) }
                    case Company.Field.cohortStarts.rawValue: CohortStart(text: text).map { starts[$0.cohort] = $0.date }
                    case Company.Field.cohortEndings.rawValue: CohortEnding(code: text).map { _ = reasons[$0.cohort, default: []].insert($0.reason) }
                    default: break
                    }
                }
                var byTag = spans[id] ?? [:]
                let changed = CalendarDate(milliseconds: row[1], in: timeZone)
                for tag in added {
                    if var list = byTag[tag], let last = list.indices.last, list[last].until == nil {
                        // Added again while a member: a start day given now re-dates the membership.
                        if let start = starts[tag] { list[last].since = start }
                        byTag[tag] = list
                    } else {
                        // The day given with it, else the day it was recorded.
                        byTag[tag, default: []].append(Span(since: starts[tag] ?? changed))
                    }
                }
                for tag in removed {
                    guard var list = byTag[tag], let last = list.indices.last, list[last].until == nil else { continue }
                    list[last].until = changed
                    list[last].endReasons = reasons[tag] ?? []
                    byTag[tag] = list
                }
                spans[id] = byTag
            }
            // The companies' cohorts now decide where the log is silent or was overtaken
            // by a concurrent change: a cohort held has an open span, one not held none.
            // Only the companies holding a cohort, or with spans from the log, are read.
            for row in try Row.fetchAll(db, sql: """
                SELECT rv.id, json_extract(rv.set_values, '$.cohortTags'), json_extract(rv.set_values, '$.cohortStarts'),
                       CASE WHEN sr.id IS NULL THEN cs.time END
                FROM record_view rv
                LEFT JOIN change_set cs ON cs.seq = rv.created_seq
                LEFT JOIN snapshot_record sr ON sr.type = rv.type AND sr.id = rv.id
                WHERE rv.type = 'company' AND rv.deleted = 0 AND instr(rv.set_values, '"cohortTags"') > 0
                UNION ALL
                SELECT id, NULL, NULL, NULL FROM record_view WHERE type = 'company' AND deleted = 0 AND id IN (SELECT value FROM json_each(?))
                AND instr(set_values, '"cohortTags"') = 0
                """, arguments: [CohortMembership.json(spans.keys.map { $0 })]) {
                let id = RecordID(rawValue: row[0])
                let held = Set(Self.codes(row[1]).compactMap(CohortTag.init(rawValue:)))
                let starts = Self.codes(row[2]).compactMap(CohortStart.init(text:))
                // A company written once was given its cohorts by the change that made it;
                // one received in a snapshot has no such change here.
                let made = (row[3] as Int64?).flatMap { CalendarDate(milliseconds: $0, in: timeZone) }
                var byTag = spans[id] ?? [:]
                for tag in CohortTag.allCases {
                    var list = byTag[tag] ?? []
                    let open = list.last.map { $0.until == nil } ?? false
                    if held.contains(tag), !open {
                        list.append(Span(since: starts.filter { $0.cohort == tag }.map(\.date).max() ?? (list.isEmpty ? made : nil)))
                    } else if !held.contains(tag), open {
                        list.removeLast()
                    }
                    byTag[tag] = list.isEmpty ? nil : list
                }
                spans[id] = byTag.isEmpty ? nil : byTag
            }
            return spans
        }
    }

    /// The companies that belonged to `cohort` on at least one day from `first` to `last`.
    public func members(of cohort: CohortTag, from first: CalendarDate, to last: CalendarDate) -> [RecordID] {
        spans.compactMap { id, byTag in byTag[cohort]?.contains { $0.overlaps(first, last) } == true ? id : nil }
    }

    /// The companies that belonged to `cohort` during `year`.
    public func members(of cohort: CohortTag, during year: FiscalYear) -> [RecordID] {
        members(of: cohort, from: year.first, to: year.last)
    }

    /// Ids as a JSON array, for `IN (SELECT value FROM json_each(?))`.
    static func json(_ ids: [RecordID]) -> String {
        ReportSQL.json(ids.map(\.rawValue))
    }

    private static func codes(_ json: String?) -> [String] {
        guard let json, let data = json.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }
}
