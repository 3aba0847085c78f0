package dev.rewind.handling;

import dev.rewind.spi.MessageHandler;
import dev.rewind.spi.MessageType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Looks up the handler of a message type. Handlers are resolved once and kept: they are stateless. */
@ApplicationScoped
public class HandlerRegistry {

    @Inject
    @Any
    Instance<MessageHandler<?>> handlers;

    @Inject
    HandlerExtension extension;

    private final Map<String, MessageHandler<?>> resolved = new ConcurrentHashMap<>();

    public Optional<MessageHandler<?>> find(String type) {
        // Only types known at deployment are resolved and cached, so producers sending
        // arbitrary types cannot grow this map.
        if (type == null || !extension.catalog().types().contains(type)) {
            return Optional.empty();
        }
        return Optional.of(resolved.computeIfAbsent(type, t -> handlers.select(MessageType.Literal.of(t)).get()));
    }

    public Set<String> types() {
        return extension.catalog().types();
    }
}
