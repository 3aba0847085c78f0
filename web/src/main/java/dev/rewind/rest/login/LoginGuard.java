package dev.rewind.rest.login;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.Headers;
import jakarta.servlet.ServletContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Runs in front of the server's login for the admin API (a handler of the web module, before
 * WildFly's security handlers), because what it refuses must not reach the login:
 * <ul>
 * <li>a malformed {@code Basic} header: 400 problem+json (the login would fail with a 500);</li>
 * <li>a client address that failed to log in too often: 429 problem+json with
 *     {@code Retry-After}, see {@link LoginFailures}. Settings (MicroProfile Config):
 *     {@code rewind.login.max-failures} (10), {@code rewind.login.block-seconds} (300).</li>
 * </ul>
 * A failure is a 401 answered to a request that carried credentials.
 */
public class LoginGuard implements ServletExtension {

    private static final Logger LOG = Logger.getLogger(LoginGuard.class);
    private static final int MAX_ADDRESSES = 100_000;

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        Config config = ConfigProvider.getConfig(getClass().getClassLoader());
        int maxFailures = config.getOptionalValue("rewind.login.max-failures", Integer.class).orElse(10);
        int blockSeconds = config.getOptionalValue("rewind.login.block-seconds", Integer.class).orElse(300);
        LoginFailures failures = new LoginFailures(maxFailures, Duration.ofSeconds(blockSeconds), MAX_ADDRESSES);
        LOG.infof("Admin API logins: a client address is refused for %d s after %d failures", blockSeconds, maxFailures);
        deployment.addInitialHandlerChainWrapper(next -> new Guard(next, failures));
    }

    private static final class Guard implements HttpHandler {
        private final HttpHandler next;
        private final LoginFailures failures;

        Guard(HttpHandler next, LoginFailures failures) {
            this.next = next;
            this.failures = failures;
        }

        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
            if (authorization == null) {
                next.handleRequest(exchange);
                return;
            }
            String malformed = BasicCredentials.problem(authorization);
            if (malformed != null) {
                answer(exchange, 400, "malformed-credentials", "Malformed credentials",
                        malformed + "; send 'Basic ' and the Base64 of user:password (UTF-8)");
                return;
            }
            String address = address(exchange);
            long blocked = failures.blockedSeconds(address, System.nanoTime());
            if (blocked > 0) {
                exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(blocked));
                answer(exchange, 429, "too-many-failed-logins", "Too many failed logins",
                        "too many failed logins from this address; try again in " + blocked + " s");
                return;
            }
            // Counted when the 401 is committed, before a byte of it is sent: a client cannot have read its
            // answer (and sent the next guess) before the failure counts.
            exchange.addResponseCommitListener(answered -> {
                if (answered.getStatusCode() == 401) {
                    failures.failed(address, System.nanoTime());
                }
            });
            next.handleRequest(exchange);
        }

        private static String address(HttpServerExchange exchange) {
            InetSocketAddress source = exchange.getSourceAddress();
            return source == null || source.getAddress() == null ? "unknown" : source.getAddress().getHostAddress();
        }

        /** A problem document; every text here is ours (no request data), so it needs no escaping. */
        private static void answer(HttpServerExchange exchange, int status, String kind, String title, String detail) {
            exchange.setStatusCode(status);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/problem+json;charset=UTF-8");
            exchange.getResponseSender().send("{\"type\":\"urn:rewind:problem:" + kind + "\",\"title\":\"" + title
                    + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"violations\":[]}");
        }
    }
}
