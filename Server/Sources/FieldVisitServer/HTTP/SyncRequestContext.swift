import FieldVisitProtocol
import Hummingbird
import NIOCore

/// The context of each request: Hummingbird's, plus the peer's address for the audit
/// trail and the login throttle, and the protocol's body limit.
public struct SyncRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The address of the peer.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Bodies larger than this are refused with 413 before they are read whole.
    public var maxUploadSize: Int { SyncLimits.maxBodyBytes }

    /// The peer's IP address, as the audit trail records it.
    public var address: String? { remoteAddress?.ipAddress }
}
