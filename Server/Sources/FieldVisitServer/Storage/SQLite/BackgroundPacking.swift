import FieldVisitCore
import FieldVisitSQLite
import Foundation

/// Packs records' registers (``PackedRegisters``) on another thread, in order and a
/// chunk at a time, while the caller writes to the database those already packed.
///
/// A push ends by writing every record it changed; packing them is real work beside
/// the database's, and the database connection can only be used from one thread. On a
/// machine with a core to spare (the client waits for the answer meanwhile), the two
/// overlap.
final class BackgroundPacking: @unchecked Sendable {
    // Unchecked: `output` is written by the packing thread only, each chunk before
    // `ready` is signalled for it, and read by the caller only after waiting for that signal.
    private let states: [EntityState]
    private let output: UnsafeMutableBufferPointer<Result<Data, any Error>>
    private let ready = DispatchSemaphore(value: 0)
    private let chunks: Int
    /// Chunks the caller has waited for.
    private var received = 0

    /// Records per chunk: enough to make a signal cheap beside the work it stands for.
    private static let chunk = 32

    /// Starts packing `states` at once; `numbers` must number every replica they name.
    init(_ states: [EntityState], numbers: ReplicaNumbers) {
        self.states = states
        output = .allocate(capacity: states.count)
        output.initialize(repeating: .success(Data()))
        chunks = (states.count + Self.chunk - 1) / Self.chunk
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            for chunk in 0..<chunks {
                for index in chunk * Self.chunk..<min((chunk + 1) * Self.chunk, states.count) {
                    output[index] = Result { try numbers.pack(states[index]) }
                }
                ready.signal()
            }
        }
    }

    /// The bytes of state `index`, once packed. Ask in increasing order.
    func packed(_ index: Int) throws -> Data {
        while received * Self.chunk <= index {
            ready.wait()
            received += 1
        }
        return try output[index].get()
    }

    deinit {
        // The packing thread holds `self` until it is done: nothing is written after this.
        output.deinitialize()
        output.deallocate()
    }
}
