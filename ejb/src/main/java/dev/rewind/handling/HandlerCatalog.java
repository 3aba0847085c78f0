package dev.rewind.handling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which handler classes serve which message type, checked once at deployment: a type served by
 * two handlers, or a handler without a type, is a deployment error naming the classes involved.
 */
final class HandlerCatalog {

    private final Map<String, List<String>> handlersByType = new TreeMap<>();
    private final Set<String> untyped = new TreeSet<>();

    /** Notes a handler bean class and the type of its {@code @MessageType}, {@code null} if it has none. */
    public void add(String type, String handlerClass) {
        if (type == null || type.isBlank()) {
            untyped.add(handlerClass);
        } else {
            handlersByType.computeIfAbsent(type, t -> new ArrayList<>()).add(handlerClass);
        }
    }

    /** The problems that make this set of handlers ambiguous or unusable; empty when it is fine. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        handlersByType.forEach((type, classes) -> {
            if (classes.size() > 1) {
                List<String> sorted = new ArrayList<>(classes);
                Collections.sort(sorted);
                problems.add("JMSType '" + type + "' has " + classes.size() + " handlers: " + String.join(", ", sorted)
                        + ". Keep exactly one @MessageType(\"" + type + "\") handler.");
            }
        });
        for (String handler : untyped) {
            problems.add("handler " + handler + " has no @MessageType(\"...\") naming the JMSType it handles.");
        }
        return problems;
    }

    /** The message types that have a handler, sorted; a view, read on every message, so not copied. */
    public Set<String> types() {
        return Collections.unmodifiableSet(handlersByType.keySet());
    }
}
