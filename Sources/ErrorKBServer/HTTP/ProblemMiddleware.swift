import Hummingbird
import Logging

/// Turns every failure into a problem document; an unexpected one becomes a 500 whose detail
/// reveals nothing, and is logged in full.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let problem = Problem.from(error) {
                if problem.status == .notFound, context.endpointPath == nil {
                    return try Problem(.notFound, "no resource at \(request.uri.path)").response(from: request, context: context)
                }
                return try problem.response(from: request, context: context)
            }
            context.logger.error("unexpected failure", metadata: ["error": "\(String(reflecting: error))"])
            return try Problem(.internalServerError, "the server failed to answer; the failure is logged")
                .response(from: request, context: context)
        }
    }
}
