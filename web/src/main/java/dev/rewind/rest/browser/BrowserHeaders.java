package dev.rewind.rest.browser;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import jakarta.servlet.ServletContext;

/**
 * The headers that keep a browser safe with this web module, on every answer (pages, API, errors the
 * server's login writes), set as the answer commits so nothing later can drop them:
 * <ul>
 * <li>{@code X-Content-Type-Options: nosniff}: a message body served as JSON is never run as a script;</li>
 * <li>a Content-Security-Policy: the console's own scripts, styles and API only (no inline script or
 *     style, no other origin), and {@code frame-ancestors 'none'} so no other site can frame it;</li>
 * <li>{@code Referrer-Policy: no-referrer}: entry ids in the console's URLs stay here.</li>
 * </ul>
 * The console logs in with a {@code Basic} header it sends itself, marked {@code X-Requested-With:
 * XMLHttpRequest}; a refused login answers it without the {@code WWW-Authenticate} challenge, which would
 * make the browser open its own login dialog over the console's form (and remember what was typed there,
 * so a log-out could not forget it).
 */
public class BrowserHeaders implements ServletExtension {

    static final String CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    private static final HttpString CONTENT_TYPE_OPTIONS = new HttpString("X-Content-Type-Options");
    private static final HttpString CONTENT_SECURITY_POLICY = new HttpString("Content-Security-Policy");
    private static final HttpString REFERRER_POLICY = new HttpString("Referrer-Policy");
    private static final HttpString FRAME_OPTIONS = new HttpString("X-Frame-Options");
    private static final HttpString REQUESTED_WITH = new HttpString("X-Requested-With");

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        deployment.addInitialHandlerChainWrapper(Guarded::new);
    }

    /** Whether a request comes from a page's script that handles a refused login itself. */
    static boolean fromScript(String requestedWith) {
        return "XMLHttpRequest".equalsIgnoreCase(requestedWith);
    }

    /** The policy for a path inside the web module: the console's pages get theirs, everything else none. */
    static String policy(String relativePath) {
        return relativePath != null && relativePath.startsWith("/console") ? CONSOLE_POLICY : API_POLICY;
    }

    private record Guarded(HttpHandler next) implements HttpHandler {
        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            boolean script = fromScript(exchange.getRequestHeaders().getFirst(REQUESTED_WITH));
            String policy = policy(exchange.getRelativePath());
            exchange.addResponseCommitListener(answered -> {
                var headers = answered.getResponseHeaders();
                headers.put(CONTENT_TYPE_OPTIONS, "nosniff");
                headers.put(CONTENT_SECURITY_POLICY, policy);
                headers.put(REFERRER_POLICY, "no-referrer");
                headers.put(FRAME_OPTIONS, "DENY");
                if (script && answered.getStatusCode() == 401) {
                    headers.remove(Headers.WWW_AUTHENTICATE);
                }
            });
            next.handleRequest(exchange);
        }
    }
}
