package dev.rewind.handling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HandlerCatalogTest {

    @Test
    void oneHandlerPerTypeIsFine() {
        HandlerCatalog catalog = new HandlerCatalog();
        catalog.add("transfer.requested", "a.Transfer");
        catalog.add("account.opened", "a.Account");
        assertTrue(catalog.problems().isEmpty());
        assertEquals(Set.of("account.opened", "transfer.requested"), catalog.types());
    }

    @Test
    void twoHandlersForOneTypeNameBothClasses() {
        HandlerCatalog catalog = new HandlerCatalog();
        catalog.add("transfer.requested", "b.Second");
        catalog.add("transfer.requested", "a.First");
        List<String> problems = catalog.problems();
        assertEquals(1, problems.size());
        assertEquals("JMSType 'transfer.requested' has 2 handlers: a.First, b.Second. "
                + "Keep exactly one @MessageType(\"transfer.requested\") handler.", problems.get(0));
    }

    @Test
    void aHandlerWithoutTypeIsAProblem() {
        HandlerCatalog catalog = new HandlerCatalog();
        catalog.add(null, "a.Anonymous");
        catalog.add(" ", "a.Blank");
        assertEquals(2, catalog.problems().size());
        assertTrue(catalog.problems().get(0).contains("a.Anonymous"));
        assertTrue(catalog.types().isEmpty());
    }
}
