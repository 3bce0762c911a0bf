// The wire-reader fuzz target: every reader the server runs on a request body and the
// client runs on a server's answer, fed the same bytes, then the server's content
// checks on every change set that reads, what the server's log and a laptop do with
// it, and the round trips that must hold.
//
// A reader may refuse anything; it must never trap, leak or hang. What it accepts must
// come back unchanged through the canonical writer. A broken promise stops the program
// with `fatalError`, which libFuzzer reports as a crash and keeps the input of.
//
// Built and run by `Fuzz/run`; see `Fuzz/README.md`.

import FieldVisitCore
import FieldVisitProtocol
import Foundation

/// Builds the schema and the form catalogue once, before the first input, with leak
/// checking off: what global initialisers allocate lives as long as the program, and
/// LeakSanitizer cannot always see Swift's references to it. (`Fuzz/lsan.supp` covers
/// the globals first reached by an input.)
@_cdecl("LLVMFuzzerInitialize")
public func initializeFuzzer(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    lsanDisable()
    _ = Schema.fieldVisit
    _ = FormCatalog.builtIn
    _ = try? JSONDecoder().decode(EnrolmentRequest.self, from: Data("{}".utf8))
    lsanEnable()
    return 0
}

@_silgen_name("__lsan_disable") func lsanDisable()
@_silgen_name("__lsan_enable") func lsanEnable()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWireReaders(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    WireReaders.changeSet(bytes)
    WireReaders.envelope(bytes)
    WireReaders.push(bytes)
    WireReaders.values(bytes)
    WireReaders.pullPage(bytes)
    WireReaders.snapshot(bytes)
    WireReaders.pushResponse(bytes)
    WireReaders.enrolment(bytes)
    return 0
}

/// Set `FUZZ_VERBOSE=1` to see what each reader made of an input (with `--reproduce`).
let verbose = ProcessInfo.processInfo.environment["FUZZ_VERBOSE"] == "1"

func say(_ text: @autoclosure () -> String) {
    if verbose { print(text()) }
}

/// Stops with `what` when `condition` fails: the fuzzer keeps the input.
func require(_ condition: Bool, _ what: @autoclosure () -> String) {
    if !condition { fatalError("broken promise: \(what())") }
}

func text(_ data: Data) -> String { String(decoding: data.prefix(2_000), as: UTF8.self) }

enum WireReaders {
    // MARK: Server side: request bodies

    /// One change set, as the stores read their logs and `ChangeSetReader.read` is used.
    static func changeSet(_ bytes: Data) {
        do {
            let change = try ChangeSetReader.read(bytes)
            say("ChangeSetReader.read: \(change.dot), \(change.operations.count) operations")
            if checkContent(change) { store(change) }
            roundTrip(change)
            var replica = Replica(id: laptop, schema: .fieldVisit)
            apply([change], to: &replica)
        } catch {
            say("ChangeSetReader.read: \(error)")
        }
    }

    /// `{"changeSets":[…],…}` read with and without keeping canonical bodies: both must
    /// agree, and a body kept as canonical must be exactly the change set's canonical
    /// JSON, since the server stores those bytes as they are.
    static func envelope(_ bytes: Data) {
        let plain = Result { () throws(JSONReadFailure) in try PushRequest.read(bytes) }
        let keeping = Result { () throws(JSONReadFailure) in try PushRequest.readKeepingCanonicalBodies(bytes) }
        switch (plain, keeping) {
        case (.success(let plain), .success(let keeping)):
            say("PushRequest.read: \(plain.changeSets.count) change sets")
            require(plain == keeping.request, "a push body reads other change sets when keeping canonical bodies")
            require(keeping.canonicalBodies.count == plain.changeSets.count, "\(keeping.canonicalBodies.count) bodies kept for \(plain.changeSets.count) change sets")
            for (change, body) in zip(plain.changeSets, keeping.canonicalBodies) {
                if let body {
                    let canonical = CanonicalJSONWriter.encode(change)
                    require(body == canonical, "a body kept as canonical is not the canonical JSON of its change set:\n kept: \(text(body))\n made: \(text(canonical))")
                }
            }
            for change in plain.changeSets {
                if checkContent(change) { store(change) }
                roundTrip(change)
            }
            roundTrip(plain)
            // A laptop applies a pulled page in order.
            var replica = Replica(id: laptop, schema: .fieldVisit)
            apply(plain.changeSets, to: &replica)
        case (.failure(let error), .failure):
            say("PushRequest.read: \(error)")
        case (.success, .failure(let error)), (.failure(let error), .success):
            require(false, "a push body is accepted or refused depending on keeping canonical bodies: \(error)")
        }
    }

    /// `POST /v1/changes` exactly as the server reads it, then the content checks of
    /// every change set (the server refuses the whole push at the first refusal).
    static func push(_ bytes: Data) {
        do {
            let (push, bodies) = try PushRequest.readKeepingCanonicalBodies(bytes)
            say("PushRequest.readKeepingCanonicalBodies: \(push.changeSets.count) change sets, \(bodies.compactMap { $0 }.count) canonical")
            require(bodies.count == push.changeSets.count, "a push read with \(bodies.count) bodies for \(push.changeSets.count) change sets")
            if push.changeSets.count > SyncLimits.maxChangeSetsPerPush {
                _ = "a push holds at most \(SyncLimits.maxChangeSetsPerPush) change sets, not \(push.changeSets.count)"
            }
            for change in push.changeSets { _ = checkContent(change) }
            let again = try PushRequest.read(push.encoded())
            require(again == push, "a push read, encoded and read again differs")
        } catch {
            say("PushRequest.readKeepingCanonicalBodies: \(error)")
        }
    }

    /// A record's visible values, as the local store's view rows hold them.
    static func values(_ bytes: Data) {
        do {
            let values = try FieldValue.readValues(bytes)
            say("FieldValue.readValues: \(values.count) values")
            let canonical = CanonicalJSONWriter.encode(values)
            let again: [String: FieldValue]
            do { again = try FieldValue.readValues(canonical) } catch {
                return require(false, "values written canonically do not read back: \(error)\n \(text(canonical))")
            }
            require(again == values, "values written canonically read back different:\n \(text(canonical))")
            require(CanonicalJSONWriter.encode(again) == canonical, "values written twice are not the same bytes:\n \(text(canonical))")
        } catch {
            say("FieldValue.readValues: \(error)")
        }
    }

    // MARK: Client side: the server's answers

    /// `GET /v1/changes`, as the client reads a page.
    static func pullPage(_ bytes: Data) {
        do {
            let page = try PullPage.read(bytes)
            say("PullPage.read: \(page.changeSets.count) change sets, cursor \(page.cursor), more \(page.more)")
            // The laptop's store looks each one up by its counter, and a well-formed one's
            // dependencies too, as SQLite integers (`LocalStore.apply`).
            for change in page.changeSets {
                checkBounds(change)
                require(Int64(exactly: change.dot.counter) != nil,
                        "a page reads a change set whose counter \(change.dot.counter) a laptop cannot look up: LocalStore.contains converts it with Int64(counter), which traps")
                guard (try? change.checkShape()) != nil else { continue }
                for entry in change.dependencies.entries {
                    require(Int64(exactly: entry.counter) != nil,
                            "a page reads a change set that depends on counter \(entry.counter), which a laptop cannot look up: LocalStore.contains converts it with Int64(counter), which traps")
                }
            }
            let written = page.encoded()
            require(PullPage.encoded(canonicalBodies: page.changeSets.map(CanonicalJSONWriter.encode), cursor: page.cursor, more: page.more) == written,
                    "a page written from stored bodies differs from the page written whole:\n \(text(written))")
            let again: PullPage
            do { again = try PullPage.read(written) } catch {
                return require(false, "a page written canonically does not read back: \(error)\n \(text(written))")
            }
            require(again == page, "a page written canonically reads back different:\n \(text(written))")
        } catch {
            say("PullPage.read: \(error)")
        }
    }

    /// `GET /v1/snapshot`, as the client reads it: the canonical fast path, else
    /// `JSONDecoder`. Where the fast path reads, it must read what the decoder reads.
    static func snapshot(_ bytes: Data) {
        if let fast = Snapshot.readCanonical(bytes) {
            say("Snapshot.readCanonical: \(fast.records.count) records, cursor \(fast.cursor)")
            do {
                let decoded = try CanonicalJSON.decode(Snapshot.self, from: bytes)
                require(decoded == fast, "Snapshot.readCanonical reads other records than JSONDecoder")
            } catch {
                require(false, "Snapshot.readCanonical reads what JSONDecoder refuses: \(error)")
            }
        }
        do {
            let snapshot = try Snapshot.read(bytes)
            say("Snapshot.read: \(snapshot.records.count) records, cursor \(snapshot.cursor)")
            let encoded = snapshot.encoded()
            let again: Snapshot
            do { again = try Snapshot.read(encoded) } catch {
                return require(false, "a snapshot encoded does not read back: \(error)\n \(text(encoded))")
            }
            require(again == snapshot, "a snapshot encoded reads back different:\n \(text(encoded))")
            require(Snapshot.readCanonical(encoded) != nil, "an encoded snapshot is not in the canonical form:\n \(text(encoded))")
            for record in snapshot.records {
                require(CanonicalJSONWriter.encode(record.state) == (try? CanonicalJSON.encode(record.state)),
                        "CanonicalJSONWriter and CanonicalJSON write a record's registers differently: \(record.key)")
            }
        } catch {
            say("Snapshot.read: \(error)")
        }
    }

    /// The answer to a push.
    static func pushResponse(_ bytes: Data) {
        do {
            let response = try PushResponse.read(bytes)
            say("PushResponse.read: \(response.results.count) results")
            roundTrip(response)
        } catch {
            say("PushResponse.read: \(error)")
        }
    }

    /// `POST /v1/devices` (the server decodes it with `JSONDecoder`) and its answer.
    static func enrolment(_ bytes: Data) {
        if let request = try? JSONDecoder().decode(EnrolmentRequest.self, from: bytes) {
            say("EnrolmentRequest: \(request.user), replica \(request.replica)")
            require((try? CanonicalJSON.decode(EnrolmentRequest.self, from: CanonicalJSON.encode(request))) == request,
                    "an enrolment request encoded does not decode back")
        }
        if let response = try? CanonicalJSON.decode(EnrolmentResponse.self, from: bytes) {
            say("EnrolmentResponse: \(response.user), role \(response.role)")
        }
    }

    // MARK: The server's content checks

    /// What `ChangeAdmission.checkContent` runs on a pushed change set, apart from the
    /// caller's identity (replica, author), with the refusal worded and encoded as the
    /// server sends it; the review policy both for field staff and for reviewers.
    /// Returns whether the change set passes for a reviewer.
    @discardableResult
    static func checkContent(_ change: ChangeSet) -> Bool {
        checkBounds(change)
        let dot = change.dot
        var refusal: PushResult?
        if change.timestamp.time > receivedAt &+ HybridLogicalClock.plausibleLead {
            let hours = (change.timestamp.time - receivedAt) / 3_600_000
            refusal = .refused(dot, .clockAhead, "change \(dot) is stamped \(change.timestamp), \(hours) hours ahead of the server's clock")
        }
        do {
            try change.checkShape()
            try Schema.fieldVisit.validate(change)
            say("  content accepted: \(change.dot), records \(change.records)")
        } catch {
            say("  content refused: \(error.description)")
            if refusal == nil { refusal = .refused(dot, .invalidChangeSet, error.description) }
        }
        let policy = ReviewPolicy(schema: .fieldVisit)
        if let refused = policy.refusal(of: change, isReviewer: false, state: { _ in nil }) {
            roundTrip(PushResponse(results: [.refused(dot, .forbidden, refused.description)]))
        }
        if refusal == nil, let refused = policy.refusal(of: change, isReviewer: true, state: { _ in nil }) {
            refusal = .refused(dot, .forbidden, refused.description)
        }
        _ = change.foreignDependencies
        if let refusal { roundTrip(PushResponse(results: [refusal])) }
        return refusal == nil
    }

    /// The server's clock in the content checks: fixed, so that a run replays.
    static let receivedAt: Int64 = 1_750_000_000_000

    /// What every change set that reads keeps (`ChangeSetLimits`: "checked where change
    /// sets are read and again by `checkShape()`"): no number or list past its bound.
    static func checkBounds(_ change: ChangeSet) {
        let limits = "a change set that reads breaks ChangeSetLimits"
        require(change.dot.counter <= ChangeSetLimits.maxCounter, "\(limits): counter \(change.dot.counter)")
        require((0...ChangeSetLimits.latestTime).contains(change.timestamp.time), "\(limits): time \(change.timestamp.time)")
        var clocks = [change.dependencies]
        for operation in change.operations {
            switch operation {
            case .delete(_, let version), .approve(_, let version): clocks.append(version)
            default: break
            }
        }
        for clock in clocks {
            require(clock.entries.count <= ChangeSetLimits.maxClockEntries, "\(limits): a clock of \(clock.entries.count) entries")
            for entry in clock.entries {
                require(entry.counter <= ChangeSetLimits.maxCounter, "\(limits): a clock counter \(entry.counter)")
            }
        }
    }

    // MARK: What the stores do with an admitted change set

    /// The laptop's replica in `apply(_:to:)`.
    static let laptop = ReplicaID("0c000000-0000-4000-8000-00000000000c")!

    /// What the server's log does with a change set whose content passed, as far as it
    /// is Core's: the log keeps the counter as a SQLite integer (`Int64(exactly:)` in
    /// `LogAppender`), applies the operations to each record's registers, packs them and
    /// serves them in snapshots. The packed and the canonical registers read back equal.
    static func store(_ change: ChangeSet) {
        require(Int64(exactly: change.dot.counter) != nil,
                "the content checks pass a change set whose counter \(change.dot.counter) the log cannot store: the log appender would have to convert it to Int64")
        for entry in change.dependencies.entries {
            require(Int64(exactly: entry.counter) != nil,
                    "the content checks pass a change set that depends on counter \(entry.counter), which the log cannot look up: the log appender would have to convert it to Int64")
        }
        var states: [EntityKey: EntityState] = [:]
        change.forEachRecord { key, operations in states[key, default: EntityState()].apply(operations, of: change) }
        for (key, state) in states {
            _ = state.approximateBytes
            _ = state.version()
            if let record = try? Schema.fieldVisit.requireRecord(key.type) {
                _ = state.conflicts(of: key, schema: record)
                _ = state.changedSinceApproval(schema: record)
            }
            var numbers: [ReplicaID: Int64] = [:]
            var replicas: [ReplicaID] = []
            do {
                let packed = try PackedRegisters.pack(state) { replica in
                    if let number = numbers[replica] { return number }
                    replicas.append(replica)
                    numbers[replica] = Int64(replicas.count)
                    return Int64(replicas.count)
                }
                let unpacked = try PackedRegisters.unpack(packed) { number in
                    guard number >= 1, number <= replicas.count else { throw PackedRegistersError(detail: "no replica \(number)") }
                    return replicas[Int(number) - 1]
                }
                require(unpacked == state, "registers packed and unpacked differ: \(key)")
            } catch {
                require(false, "the registers of an admitted change set cannot be packed and unpacked: \(error)")
            }
            let snapshot = Snapshot(records: [Snapshot.Record(type: key.type, id: key.id, state: state)], cursor: 1)
            let encoded = snapshot.encoded()
            let read = Snapshot.readCanonical(encoded)
            require(read == snapshot,
                    "the registers of an admitted change set do not read back from a snapshot:\n \(text(encoded))")
        }
    }

    /// What a laptop does with pulled change sets: applies them in order (refusals are
    /// fine), then lists its conflicts.
    static func apply(_ changes: [ChangeSet], to replica: inout Replica) {
        for change in changes {
            do {
                let outcome = try replica.apply(change)
                say("  applied \(change.dot): \(outcome)")
            } catch {
                say("  not applied \(change.dot): \(error.description)")
            }
        }
        _ = replica.conflicts()
        for key in replica.entities.keys {
            _ = replica.version(of: key)
            _ = replica.changedSinceApproval(key)
        }
    }

    // MARK: Round trips

    /// A change set written canonically reads back equal, and writing it again gives the
    /// same bytes; `CanonicalJSON` (Codable) writes the same bytes as the fast writer.
    static func roundTrip(_ change: ChangeSet) {
        let canonical = CanonicalJSONWriter.encode(change)
        let again: ChangeSet
        do { again = try ChangeSetReader.read(canonical) } catch {
            return require(false, "a change set written canonically does not read back: \(error)\n \(text(canonical))")
        }
        require(again == change, "a change set written canonically reads back different:\n \(text(canonical))")
        require(CanonicalJSONWriter.encode(again) == canonical, "a change set written twice is not the same bytes:\n \(text(canonical))")
        let codable = try? CanonicalJSON.encode(change)
        require(codable == canonical, "CanonicalJSON and CanonicalJSONWriter write a change set differently:\n writer:  \(text(canonical))\n Codable: \(codable.map(text) ?? "an error")")
    }

    /// A push body written canonically reads back equal, every change set kept as canonical.
    static func roundTrip(_ push: PushRequest) {
        let written = push.encoded()
        do {
            let (again, bodies) = try PushRequest.readKeepingCanonicalBodies(written)
            require(again == push, "a push body written canonically reads back different:\n \(text(written))")
            require(bodies.allSatisfy { $0 != nil }, "change sets written canonically are not judged canonical:\n \(text(written))")
        } catch {
            require(false, "a push body written canonically does not read back: \(error)\n \(text(written))")
        }
    }

    /// Push results encoded (as the server sends them) read back equal.
    static func roundTrip(_ response: PushResponse) {
        let encoded: Data
        do { encoded = try response.encoded() } catch {
            return require(false, "push results cannot be encoded: \(error)")
        }
        do {
            let again = try PushResponse.read(encoded)
            require(again == response, "push results encoded read back different:\n \(text(encoded))")
        } catch {
            require(false, "push results encoded do not read back: \(error)\n \(text(encoded))")
        }
    }
}
