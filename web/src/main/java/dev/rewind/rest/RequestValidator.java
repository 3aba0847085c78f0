package dev.rewind.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.Set;

/**
 * Checks a request body with Bean Validation. Done here rather than with {@code @Valid} on the
 * resource parameter because RESTEasy answers those violations itself, in text/plain, even when
 * an application mapper exists; here they become problem+json like every other error.
 */
@ApplicationScoped
public class RequestValidator {

    @Inject
    Validator validator;

    public <T> T check(T body) {
        if (body == null) {
            throw Problem.badRequest("the request needs a JSON body");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw ProblemMapper.problem(new ConstraintViolationException(violations)).exception();
        }
        return body;
    }
}
