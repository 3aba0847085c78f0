package dev.rewind.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Reads the request bodies of {@link Requests} with {@link StrictJson} instead of JSON-B, which
 * coerces ({@code "dryRun": "yes"} became false). Responses still go through JSON-B.
 *
 * <p>Why RESTEasy picks this reader and not its JSON-B provider, without a {@code @Priority}:
 * RESTEasy 6.2 sorts the candidate readers for a type first by the reader's generic type, the more
 * specific first ({@code Record} before JSON-B's {@code Object}); only among equally specific
 * readers do application providers come before built-in ones, and then {@code @Priority} decides.
 * Either rule alone puts this one first.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class StrictJsonReader implements MessageBodyReader<Record> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() && type.getEnclosingClass() == Requests.class;
    }

    /**
     * Reads the whole body: {@link RequestSizeLimit} has wrapped the stream, so this is at most
     * 64 KiB, and its TooLargeException passes through to become a 413.
     */
    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream body)
            throws IOException, WebApplicationException {
        byte[] bytes = body.readAllBytes();
        try {
            return StrictJson.bind(bytes, type);
        } catch (StrictJson.BindingException refused) {
            String detail = refused.getMessage();
            throw new Problem("urn:rewind:problem:malformed-body", "Malformed request body", 400, detail,
                    List.of(detail)).exception();
        }
    }
}
