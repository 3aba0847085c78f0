package dev.rewind.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A handler's promise that everything its {@code handle} does is in the resources of the transaction it
 * runs in (its database through JPA or a JTA datasource, JMS sends through the server's connection
 * factory), and nothing outside it: no HTTP call, no mail, no file, no work in a transaction of its own.
 * Only then can Rewind rehearse a message: run the handler in a transaction it always rolls back and report
 * whether it would have succeeded, with nothing changed. A handler without it is never rehearsed.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Rehearsable {
}
