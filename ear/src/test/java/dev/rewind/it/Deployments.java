package dev.rewind.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/** The real EAR the build made, with the test classes added as a library and nothing else changed. */
final class Deployments {

    private Deployments() {
    }

    static EnterpriseArchive ear() {
        File built = new File(System.getProperty("rewind.test.ear", "target/rewind.ear"));
        return ShrinkWrap.create(ZipImporter.class, "rewind.ear").importFrom(built).as(EnterpriseArchive.class);
    }

    static EnterpriseArchive earWithTests(Class<?>... testClasses) {
        JavaArchive tests = ShrinkWrap.create(JavaArchive.class, "rewind-tests.jar")
                .addClasses(testClasses)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        return ear().addAsLibrary(tests);
    }
}
