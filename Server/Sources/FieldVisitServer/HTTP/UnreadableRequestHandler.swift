import FieldVisitCore
import FieldVisitProtocol
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request the HTTP parser cannot read (headers over the 80 KB it reads, a
/// malformed request line) with a problem body, as every other refusal, instead of the
/// HTTP layer's empty 400; then closes the connection, as the HTTP layer would.
///
/// It sits after the HTTP decoder, where the parser's error arrives. While a response
/// is being written it leaves the error to the HTTP layer, so two answers never mix.
final class UnreadableRequestHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Whether a response has begun and not ended.
    private var responding = false

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head: responding = true
        case .end: responding = false
        case .body: break
        }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError, !responding else {
            context.fireErrorCaught(error)
            return
        }
        let detail = switch parserError {
        case .headerOverflow: "the request's headers are larger than the 80 KB the server reads; send the device token and the other headers as they are documented"
        default: "the request is not HTTP/1.1 the server can read (\(parserError))"
        }
        let body = (try? CanonicalJSON.encode(Problem(.malformedRequest, status: 400, title: "Unreadable request", detail: detail))) ?? Data()
        var head = HTTPResponse(status: .badRequest)
        head.headerFields[.contentType] = Problem.mediaType
        head.headerFields[.contentLength] = String(body.count)
        head.headerFields[.connection] = "close"
        responding = true
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: body))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
