import Hummingbird
import Logging

/// Turns every failure into a problem document, or for a page request an error page
/// (``ErrorPages``); an unexpected one becomes a 500 whose detail reveals nothing, and is
/// logged in full.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: ErrorPages?
    var links = PublicLinks()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var problem: Problem
            if let known = Problem.from(error) {
                problem = known
                if problem.status == .notFound, context.endpointPath == nil {
                    problem = Problem(.notFound, "no resource at \(request.uri.path)")
                }
            } else {
                context.logger.error("unexpected failure", metadata: ["error": "\(String(reflecting: error))"])
                problem = Problem(.internalServerError, "the server failed to answer; the failure is logged")
            }
            if let pages, pages.showsPage(for: request, status: problem.status) {
                do {
                    return try await pages.response(for: problem, request: request)
                } catch {
                    context.logger.error("error page failed", metadata: ["error": "\(String(reflecting: error))"])
                }
            }
            return try problem.response(from: request, links: links)
        }
    }
}
