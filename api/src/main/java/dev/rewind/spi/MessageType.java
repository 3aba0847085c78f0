package dev.rewind.spi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Registers a {@link MessageHandler} for the messages whose {@code JMSType} is {@link #value()}.
 * One handler per type: a second one for the same type fails the deployment.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface MessageType {

    /** The {@code JMSType} this handler handles, e.g. {@code transfer.requested}. */
    String value();

    /** Selects the handler of one type programmatically. */
    final class Literal extends AnnotationLiteral<MessageType> implements MessageType {
        private static final long serialVersionUID = 1L;
        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        public static Literal of(String value) {
            return new Literal(value);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
