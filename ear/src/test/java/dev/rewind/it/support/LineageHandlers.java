package dev.rewind.it.support;

import dev.rewind.spi.CompensatingHandler;
import dev.rewind.spi.MessageContext;
import dev.rewind.spi.MessageHandler;
import dev.rewind.spi.MessageType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.StringReader;

/**
 * Test-only handlers for trees of any shape. A {@code lineage.node} body is {@code {"children":[...]}}: each child
 * is {@code {"type":"lineage.node","children":[...]}}, or {@code {"type":"lineage.plain"}} (a handler without
 * compensation); {@code "fail":true} makes the node's handler throw after sending its children.
 */
public final class LineageHandlers {

    public static final String NODE = "lineage.node";
    public static final String PLAIN = "lineage.plain";

    private LineageHandlers() {
    }

    static void sendChildren(String body, MessageContext context) {
        JsonObject tree;
        try (var reader = Json.createReader(new StringReader(body))) {
            tree = reader.readObject();
        }
        for (JsonValue child : tree.getJsonArray("children") == null ? JsonValue.EMPTY_JSON_ARRAY : tree.getJsonArray("children")) {
            JsonObject node = child.asJsonObject();
            String type = node.getString("type");
            context.send(type, type.equals(NODE) ? node.toString() : "{}", node.getInt("delayMs", 0));
        }
        if (tree.getBoolean("fail", false)) {
            throw new IllegalStateException("told to fail after sending its children");
        }
    }

    /** Compensable; its compensation does nothing (the test reads the order from the ledger). */
    @ApplicationScoped
    @MessageType(NODE)
    public static class Node implements CompensatingHandler<String> {
        @Override
        public Class<String> payloadType() {
            return String.class;
        }

        @Override
        public void handle(String body, MessageContext context) {
            sendChildren(body, context);
        }

        @Override
        public void compensate(String body, MessageContext context) {
            // nothing to undo
        }
    }

    /** Not compensable: a cascade that reaches it after it ran must refuse. */
    @ApplicationScoped
    @MessageType(PLAIN)
    public static class Plain implements MessageHandler<String> {
        @Override
        public Class<String> payloadType() {
            return String.class;
        }

        @Override
        public void handle(String body, MessageContext context) {
            // nothing
        }
    }
}
