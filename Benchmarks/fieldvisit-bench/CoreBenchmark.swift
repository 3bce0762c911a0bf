import FieldVisitCore
import Foundation

/// `fieldvisit-bench core`: the sync engine in memory.
///
/// - field operations applied per second: 1,000,000 operations from 50 replicas on
///   10,000 records, applied to a fresh replica, beside a baseline that stores the same
///   values in a plain dictionary;
/// - local edits committed per second;
/// - sync metadata bytes per change set with 10 and with 1,000 replicas writing, beside
///   the size a full version vector would have.
struct CoreBenchmark {
    static let record = RecordType(rawValue: "benchRecord")
    static let tags = CodeList(name: "Tag", entries: (0..<8).map { .init(code: "t\($0)", label: "タグ\($0)") })
    static let schema = Schema([
        RecordSchema(record, label: "計測用", fields: [
            FieldSpec("title", label: "件名", kind: .text(maxLength: 200)),
            FieldSpec("notes", label: "メモ", kind: .text(maxLength: 4000)),
            FieldSpec("amount", label: "金額", kind: .yen),
            FieldSpec("tags", label: "タグ", kind: .codeSet(tags)),
        ])
    ])

    let operationCount = 1_000_000
    let replicaCount = 50
    let entityCount = 10_000

    func run() throws {
        print("== core: the sync engine in memory ==")
        let replicas = (0..<replicaCount).map { _ in ReplicaID.random() }
        let keys = (0..<entityCount).map { EntityKey(Self.record, RecordID(rawValue: String(format: "rec-%06d", $0))) }
        var random = SplitMix64(seed: 42)
        let changes = Self.history(operations: operationCount, replicas: replicas, keys: keys, random: &random)
        let operations = changes.reduce(0) { $0 + $1.operations.count }

        // Baseline: the same values stored in a dictionary, with no merge at all. Both are
        // run five times on this shared machine; the best and the median are printed.
        let baseline = repeated(5) {
            var table: [String: FieldValue] = [:]
            table.reserveCapacity(entityCount * 4)
            for change in changes {
                for operation in change.operations {
                    switch operation {
                    case .set(let key, let field, let value): table[key.id.rawValue + "." + field] = value
                    case .add(let key, let field, let element): table[key.id.rawValue + "." + field + "." + element.description] = .bool(true)
                    default: break
                    }
                }
            }
            return table.count
        }
        var applied = Replica(id: .random(), schema: Self.schema)
        let apply = try repeated(5) {
            applied = Replica(id: .random(), schema: Self.schema)
            for change in changes { try applied.apply(change) }
            return applied.entities.count
        }
        let label = "operations applied (\(operations) ops, \(changes.count) change sets, \(replicaCount) replicas, \(entityCount) records)"
        print(row(label + ", best of 5", rate(operations, apply.best), "ops/s"))
        print(row("  median of 5", rate(operations, apply.median), "ops/s"))
        print(row("  baseline: the same values into a plain dictionary, best of 5", rate(operations, baseline.best), "ops/s"))
        print(row("  conflicts after applying (sequential writers)", String(applied.conflicts().count), ""))

        var local = Replica(id: .random(), schema: Self.schema)
        let editsPerChange = 4
        let localChanges = operationCount / editsPerChange / 4
        let commit = try measure {
            for index in 0..<localChanges {
                let key = keys[index % keys.count]
                _ = try local.commit([
                    .set(key, field: "title", value: .text("訪問 \(index)")),
                    .set(key, field: "notes", value: "社長と面談。設備投資の資金繰りについて相談を受けた。"),
                    .set(key, field: "amount", value: .integer(Int64(index) * 1_000)),
                    .add(key, field: "tags", element: .text("t\(index % 8)")),
                ], author: "tanaka", now: 1_732_000_000_000 + Int64(index))
            }
            return local.counter
        }
        print(row("local edits committed (\(localChanges * editsPerChange) ops)", rate(localChanges * editsPerChange, commit.seconds), "ops/s"))

        // The wire form: every change set is encoded when stored or sent, decoded when received.
        let sample = Array(changes.prefix(50_000))
        var encoded: [Data] = []
        let encode = measure {
            encoded = sample.map(CanonicalJSONWriter.encode)
            return encoded.count
        }
        let bytes = encoded.reduce(0) { $0 + $1.count }
        print(row("change sets encoded to canonical JSON (\(bytes / sample.count) bytes each)", rate(sample.count, encode.seconds), "change sets/s"))
        let read = try measure { try encoded.map { try ChangeSetReader.read($0) }.count }
        print(row("change sets read from JSON", rate(sample.count, read.seconds), "change sets/s"))
        let decode = try measure { try encoded.map { try CanonicalJSON.decode(ChangeSet.self, from: $0) }.count }
        print(row("  baseline: the same with JSONDecoder", rate(sample.count, decode.seconds), "change sets/s"))

        for writers in [10, 1_000] {
            let sample = try Self.metadata(writers: writers)
            print(row("metadata per change set, \(writers) replicas writing", String(format: "%.1f", sample.compact), "bytes"))
            print(row("  a full version vector instead", String(format: "%.0f", sample.fullVector), "bytes"))
        }
    }

    /// A history in which the replicas take turns, each having seen every earlier change:
    /// change sets of four operations (three fields and a tag) on a random record.
    static func history(operations: Int, replicas: [ReplicaID], keys: [EntityKey], random: inout SplitMix64) -> [ChangeSet] {
        var counters = [UInt64](repeating: 0, count: replicas.count)
        var lastWrite: [Int: [Dot]] = [:]   // (record × 4 + field) → dots it holds
        var changes: [ChangeSet] = []
        changes.reserveCapacity(operations / 4)
        let texts: [FieldValue] = ["社長と面談", "返済相談", "事業承継の意向確認", "設備投資の相談"]
        var time: Int64 = 1_732_000_000_000
        for index in 0..<(operations / 4) {
            let writer = index % replicas.count
            counters[writer] += 1
            let dot = Dot(replica: replicas[writer], counter: counters[writer])
            let record = Int(random.next() % UInt64(keys.count))
            let key = keys[record]
            var dependencies = VectorClock()
            if counters[writer] > 1 { dependencies.include(Dot(replica: dot.replica, counter: dot.counter - 1)) }
            for slot in 0..<4 {
                for seen in lastWrite[record * 4 + slot] ?? [] { dependencies.include(seen) }
                lastWrite[record * 4 + slot] = [dot]
            }
            time += 7
            changes.append(ChangeSet(
                dot: dot, author: "staff\(writer)", timestamp: HybridTimestamp(time: time), dependencies: dependencies,
                operations: [
                    .set(key, field: "title", value: texts[index % texts.count]),
                    .set(key, field: "notes", value: texts[(index + 1) % texts.count]),
                    .set(key, field: "amount", value: .integer(Int64(index))),
                    .add(key, field: "tags", element: .text("t\(index % 8)")),
                ]
            ))
        }
        return changes
    }

    /// The average encoded size of a change set without its operations (dot, author,
    /// timestamp, dependencies), with `writers` replicas taking turns on 1,000 records.
    static func metadata(writers: Int) throws -> (compact: Double, fullVector: Double) {
        let replicas = (0..<writers).map { _ in ReplicaID.random() }
        let keys = (0..<1_000).map { EntityKey(record, RecordID(rawValue: String(format: "rec-%06d", $0))) }
        var random = SplitMix64(seed: 7)
        let changes = history(operations: 4 * max(20_000, writers * 20), replicas: replicas, keys: keys, random: &random)
        let sample = changes.suffix(2_000)
        var bytes = 0
        for var change in sample {
            change.operations = []
            bytes += try CanonicalJSON.encode(change).count
        }
        let full = VectorClock(covering: replicas.map { Dot(replica: $0, counter: 1_000) })
        return (Double(bytes) / Double(sample.count), Double(try CanonicalJSON.encode(full).count))
    }
}
