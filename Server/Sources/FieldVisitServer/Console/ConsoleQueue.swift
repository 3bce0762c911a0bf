import Hummingbird
enum ConsoleQueue {
    static func page(request: Request, console: ConsoleService, signedIn: ConsoleService.SignedIn) async throws -> Response {
        ConsoleRoutes.html("queue")
    }
}
