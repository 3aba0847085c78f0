package dev.rewind.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 by hand, for what a well-behaved client cannot send: malformed headers, bodies that are
 * not UTF-8, and requests from another loopback address (127.0.0.x) than the other tests use.
 */
public final class RawHttp {

    /** A response: its status, its head (status line and headers) and its body. */
    public record Response(int status, String head, String body) {
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {
    }

    /**
     * Sends {@code head} (request line and headers, without the blank line) and {@code body} from
     * {@code from} to the test server's HTTP port, and reads the answer until the server closes.
     */
    public static Response send(String from, String head, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", 8080 + Http.OFFSET), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String responseHead = end < 0 ? text : text.substring(0, end);
            String responseBody = end < 0 ? "" : text.substring(end + 4);
            String[] statusLine = responseHead.split(" ", 3);
            return new Response(statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1, responseHead,
                    responseBody);
        } catch (IOException e) {
            throw new IllegalStateException("raw HTTP from " + from + ": " + e, e);
        }
    }

    /** A request with a JSON body given as bytes and a correct Content-Length. */
    public static Response json(String from, String method, String path, String authorization, byte[] body) {
        String head = method + " /rewind/api" + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                + (authorization == null ? "" : "\r\nAuthorization: " + authorization)
                + "\r\nContent-Length: " + body.length;
        return send(from, head, body);
    }
}
