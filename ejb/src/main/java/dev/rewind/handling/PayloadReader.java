package dev.rewind.handling;

import dev.rewind.failure.Errors;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.annotation.ElementType;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** Reads a JSON body into a handler's payload type and validates it, with errors a sender can act on. */
@ApplicationScoped
public class PayloadReader {

    private static final Logger LOG = Logger.getLogger(PayloadReader.class);

    private final Jsonb jsonb = JsonbBuilder.create();

    @Inject
    ValidatorFactory validation;

    /**
     * Taken once from the factory: the injectable {@code Validator} is a proxy that looks itself up on every
     * call (a profile of the consumer put that at a tenth of a payload's validation). It reaches every
     * property: a payload is a value read from JSON, never a JPA entity with lazy state, so the server's
     * default resolver (which asks JPA, by reflection, whether each property is loaded) only cost time: most
     * of a payload's validation in a profile of the consumer (JFR, 2026-11-29).
     */
    private Validator validator;

    /** Payload types with no constraint at all are not validated. */
    private final Map<Class<?>, Boolean> constrained = new ConcurrentHashMap<>();

    private static final TraversableResolver EVERY_PROPERTY = new TraversableResolver() {
        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> rootType, Path path, ElementType type) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> rootType, Path path, ElementType type) {
            return true;
        }
    };

    @PostConstruct
    void takeValidator() {
        validator = validation.usingContext().traversableResolver(EVERY_PROPERTY).getValidator();
    }

    public <T> T read(String body, Class<T> type) throws UnreadablePayloadException {
        if (type == String.class) {
            return type.cast(body);
        }
        T payload;
        try {
            payload = jsonb.fromJson(body, type);
        } catch (JsonbException | IllegalArgumentException e) {
            // The parser's own text names its internals and echoes the input: the server log has it, the sender gets ours.
            LOG.debugf("Body not readable as %s: %s", type.getName(), Errors.describe(e));
            throw new UnreadablePayloadException("the body is not JSON of the shape " + type.getSimpleName()
                    + " takes (malformed JSON, a value of the wrong type, or an unknown field)");
        }
        if (payload == null) {
            throw new UnreadablePayloadException("the body is JSON null, not a " + type.getSimpleName());
        }
        if (!constrained.computeIfAbsent(type, t -> validator.getConstraintsForClass(t).isBeanConstrained())) {
            return payload;
        }
        Set<ConstraintViolation<T>> violations = validator.validate(payload);
        if (!violations.isEmpty()) {
            throw new UnreadablePayloadException("the " + type.getSimpleName() + " is invalid: "
                    + violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .collect(Collectors.joining("; ")));
        }
        return payload;
    }

    public String toJson(Object value) {
        return jsonb.toJson(value);
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception ignored) {
            // nothing to release that outlives the deployment
        }
    }

    /** The body cannot become the handler's payload; retrying would not change that. */
    public static class UnreadablePayloadException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnreadablePayloadException(String message) {
            super(message);
        }
    }
}
