package dev.rewind.handling;

import dev.rewind.spi.MessageHandler;
import dev.rewind.spi.MessageType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Finds every {@link MessageHandler} bean while the deployment starts and fails it with a clear
 * message when a type has two handlers or a handler names no type, instead of choosing one at
 * random when the first message arrives.
 */
public class HandlerExtension implements Extension {

    private final HandlerCatalog catalog = new HandlerCatalog();

    <T> void collect(@Observes ProcessBean<T> event) {
        Bean<T> bean = event.getBean();
        if (bean.getTypes().stream().noneMatch(HandlerExtension::isHandlerType)) {
            return;
        }
        String type = bean.getQualifiers().stream()
                .filter(MessageType.class::isInstance)
                .map(q -> ((MessageType) q).value())
                .findFirst().orElse(null);
        catalog.add(type, bean.getBeanClass().getName());
    }

    void validate(@Observes AfterBeanDiscovery event) {
        for (String problem : catalog.problems()) {
            event.addDefinitionError(new DefinitionException("Rewind: " + problem));
        }
    }

    /** The catalog the deployment was checked against. */
    public HandlerCatalog catalog() {
        return catalog;
    }

    private static boolean isHandlerType(Type type) {
        Type raw = type instanceof ParameterizedType parameterized ? parameterized.getRawType() : type;
        return raw == MessageHandler.class;
    }
}
