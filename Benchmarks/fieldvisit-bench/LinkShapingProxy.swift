import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A TCP proxy on loopback that behaves like a slow link: each direction carries
/// `bitsPerSecond` at most, every byte arrives `roundTrip / 2` after it could leave,
/// and the connections can be cut when a given number of bytes has come down (a
/// dropped link). The kernel's traffic shaper is not available here, so the link is
/// shaped in user space, between the real client and the real server, and counts the
/// bytes that cross it.
final class LinkShapingProxy: Sendable {
    /// The link's shape.
    struct Shape: Sendable, CustomStringConvertible {
        var bitsPerSecond: Double
        var roundTrip: Duration

        var description: String {
            let rate = bitsPerSecond >= 1e6 ? "\(Int(bitsPerSecond / 1e6)) Mbit/s" : "\(Int(bitsPerSecond / 1e3)) kbit/s"
            return "\(rate), \(roundTrip.components.seconds * 1000 + roundTrip.components.attoseconds / 1_000_000_000_000_000) ms"
        }
    }

    private struct State {
        var up = 0, down = 0, connections = 0
        /// When the link is free again in each direction (up, down): one link for every
        /// connection, as a phone's tethering is.
        var free = (up: NIODeadline.now(), down: NIODeadline.now())
        /// Downstream byte counts at which every connection is cut, in order.
        var cuts: [Int] = []
        /// The open connections, each as its two channels.
        var channels: [ObjectIdentifier: [any Channel]] = [:]
    }

    let shape: Shape
    let url: String
    private let server: any Channel
    private let state = NIOLockedValueBox(State())

    /// Starts relaying loopback connections to `upstream` (host and port).
    init(shape: Shape, upstreamHost: String, upstreamPort: Int) async throws {
        self.shape = shape
        let group = MultiThreadedEventLoopGroup.singleton
        let box = NIOLockedValueBox<LinkShapingProxy?>(nil)
        server = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { inbound in
                guard let proxy = box.withLockedValue({ $0 }) else { return inbound.close() }
                return proxy.connect(inbound, host: upstreamHost, port: upstreamPort)
            }
            .childChannelOption(.autoRead, value: true)
            .bind(host: "127.0.0.1", port: 0).get()
        url = "https://127.0.0.1:\(server.localAddress?.port ?? 0)"
        box.withLockedValue { $0 = self }
    }

    /// Half the round trip: how long a byte takes once it leaves.
    var oneWay: TimeAmount {
        .nanoseconds(shape.roundTrip.components.seconds * 500_000_000 + shape.roundTrip.components.attoseconds / 2_000_000_000)
    }

    /// Bytes carried up (client to server) and down, and connections opened, so far.
    var counts: (up: Int, down: Int, connections: Int) {
        state.withLockedValue { ($0.up, $0.down, $0.connections) }
    }

    /// When `bytes` sent now in one direction will have left: after what is already on
    /// the link that way, at the link's rate.
    fileprivate func departure(of bytes: Int, downstream: Bool) -> NIODeadline {
        let sending = TimeAmount.nanoseconds(Int64(Double(bytes) * 8 / shape.bitsPerSecond * 1e9))
        return state.withLockedValue { state in
            if downstream {
                state.free.down = max(state.free.down, .now()) + sending
                return state.free.down
            }
            state.free.up = max(state.free.up, .now()) + sending
            return state.free.up
        }
    }

    /// Cuts every connection when `bytes` more bytes have come down, once per value.
    func cut(afterDownstreamBytes offsets: [Int]) {
        state.withLockedValue { state in state.cuts = offsets.map { state.down + $0 }.sorted() }
    }

    func stop() async {
        try? await server.close()
    }

    private func connect(_ inbound: any Channel, host: String, port: Int) -> EventLoopFuture<Void> {
        let upstream = ClientBootstrap(group: inbound.eventLoop).connect(host: host, port: port)
        return upstream.flatMap { outbound in
            let id = ObjectIdentifier(inbound)
            self.state.withLockedValue { state in
                state.connections += 1
                state.channels[id] = [inbound, outbound]
            }
            inbound.closeFuture.whenComplete { _ in _ = self.state.withLockedValue { $0.channels.removeValue(forKey: id) } }
            return inbound.pipeline.addHandler(Relay(proxy: self, to: outbound, downstream: false)).flatMap {
                outbound.pipeline.addHandler(Relay(proxy: self, to: inbound, downstream: true))
            }
        }
    }

    /// Counts `bytes` crossing the link; cuts every connection when a cut is due.
    fileprivate func carried(_ bytes: Int, downstream: Bool) {
        let doomed: [any Channel] = state.withLockedValue { state in
            if downstream { state.down += bytes } else { state.up += bytes }
            guard let next = state.cuts.first, state.down >= next else { return [] }
            state.cuts.removeFirst()
            // What was still on the link is lost with the connections: it is free at once.
            state.free = (.now(), .now())
            return state.channels.values.flatMap { $0 }
        }
        for channel in doomed { channel.close(promise: nil) }
    }

    /// One direction of one connection: delivers what it reads to `peer` when the link
    /// would have: after the bytes before it (of every connection) have gone at the
    /// link's rate, plus half a round trip.
    private final class Relay: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let proxy: LinkShapingProxy
        let peer: any Channel
        let downstream: Bool
        /// When the last bytes read here leave the link.
        var free = NIODeadline.now()

        init(proxy: LinkShapingProxy, to peer: any Channel, downstream: Bool) {
            self.proxy = proxy
            self.peer = peer
            self.downstream = downstream
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            let bytes = buffer.readableBytes
            free = proxy.departure(of: bytes, downstream: downstream)
            let arrival = free + proxy.oneWay
            let peer = self.peer, proxy = self.proxy, downstream = self.downstream
            peer.eventLoop.scheduleTask(deadline: arrival) {
                // Bytes in flight when the link dropped never arrive.
                guard peer.isActive else { return }
                peer.writeAndFlush(buffer, promise: nil)
                proxy.carried(bytes, downstream: downstream)
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            // What is still on the link arrives, then the other side closes too.
            let peer = self.peer
            peer.eventLoop.scheduleTask(deadline: max(free, .now()) + proxy.oneWay + .milliseconds(1)) { peer.close(promise: nil) }
        }
    }
}
