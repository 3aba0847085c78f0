package dev.rewind.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.it.support.Deployments;
import dev.rewind.it.support.SecondTransferHandler;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two handlers for one JMSType: the deployment fails, and says which classes collide. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HandlerConflictIT {

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "conflict", managed = false, testable = false)
    static EnterpriseArchive deployment() {
        JavaArchive extra = ShrinkWrap.create(JavaArchive.class, "extra-handlers.jar")
                .addClass(SecondTransferHandler.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        return Deployments.ear().addAsLibrary(extra);
    }

    @Test
    void aSecondHandlerForOneTypeFailsTheDeploymentWithAClearMessage() {
        Exception failed = assertThrows(Exception.class, () -> deployer.deploy("conflict"));
        String message = describe(failed);
        assertTrue(message.contains("JMSType 'transfer.requested' has 2 handlers")
                        && message.contains("dev.rewind.it.support.SecondTransferHandler")
                        && message.contains("dev.rewind.example.TransferRequestedHandler"), message);
    }

    private static String describe(Throwable thrown) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
