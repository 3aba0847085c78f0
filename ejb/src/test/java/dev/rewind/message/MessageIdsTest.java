package dev.rewind.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.api.RewindHeaders;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void theSameJmsMessageIdAlwaysGivesTheSameId() {
        assertEquals(MessageIds.fromJmsMessageId("ID:abc"), MessageIds.fromJmsMessageId("ID:abc"));
        assertNotEquals(MessageIds.fromJmsMessageId("ID:abc"), MessageIds.fromJmsMessageId("ID:abd"));
    }

    @Test
    void onlyCanonicalUuidsAreAccepted() {
        UUID id = UUID.randomUUID();
        assertEquals(id, MessageIds.parse(id.toString()));
        assertNull(MessageIds.parse("1-1-1-1-1"), "UUID.fromString accepts this, Rewind does not");
        assertNull(MessageIds.parse("not-a-uuid"));
        assertNull(MessageIds.parse(null));
        assertNull(MessageIds.parse("g" + id.toString().substring(1)));
    }

    @Test
    void rewindPropertiesAndBrokerPropertiesAreNotApplicationProperties() {
        assertTrue(RewindHeaders.isApplicationProperty("tenant"));
        assertFalse(RewindHeaders.isApplicationProperty("rewindId"));
        assertFalse(RewindHeaders.isApplicationProperty("JMSXDeliveryCount"));
        assertFalse(RewindHeaders.isApplicationProperty("_AMQ_ORIG_ADDRESS"));
    }
}
