package dev.rewind.rest;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The error page of the web module: what the container answers itself (401 above all) as problem+json. */
@WebServlet("/problem")
public class ProblemServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Jsonb JSON = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Asked for directly (not as an error page): there is nothing at this address.
        int status = code instanceof Integer value ? value : 404;
        Problem problem = switch (status) {
            case 401 -> Problem.of(Status.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "log in with HTTP Basic as a user with role rewind-viewer or rewind-operator");
            case 403 -> Problem.of(Status.FORBIDDEN, "forbidden", "Forbidden", "your role does not allow this");
            case 404 -> Problem.of(Status.NOT_FOUND, "not-found", "Not found", "there is no such resource");
            case 405 -> Problem.of(Status.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
                    "this resource does not accept that method");
            case 400 -> Problem.of(Status.BAD_REQUEST, "invalid-request", "Invalid request",
                    "the request cannot be processed as sent");
            default -> Problem.of(Status.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                    "the request failed on the server");
        };
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.toJson(problem));
    }
}
