package dev.rewind.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/** The real EAR the build made, with the test classes added as a library and nothing else changed. */
public final class Deployments {

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
        return withTestBeans(ear().addAsLibrary(tests));
    }

    /**
     * Adds the test-only session beans to the EJB module (beans in a library jar are not
     * deployed as EJBs): {@link AsOperator} and {@link TestSupport}.
     */
    static EnterpriseArchive withTestBeans(EnterpriseArchive ear) {
        return withEjbClasses(ear, AsOperator.class, TestSupport.class, TestSupportRemote.class);
    }

    /**
     * For the benchmarks: the test classes as a library, and beans that must be in the EJB module
     * (a message-driven bean, observers of its events) added to it with the test beans.
     */
    public static EnterpriseArchive earWithBenchmarks(Class<?>[] benchClasses, Class<?>... ejbClasses) {
        JavaArchive bench = ShrinkWrap.create(JavaArchive.class, "rewind-bench.jar")
                .addClasses(benchClasses)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        return withEjbClasses(withTestBeans(ear().addAsLibrary(bench)), ejbClasses);
    }

    private static EnterpriseArchive withEjbClasses(EnterpriseArchive ear, Class<?>... classes) {
        JavaArchive ejb = ShrinkWrap.create(ZipImporter.class, "rewind-ejb.jar")
                .importFrom(ear.get("rewind-ejb.jar").getAsset().openStream())
                .as(JavaArchive.class)
                .addClasses(classes);
        ear.delete("rewind-ejb.jar");
        return ear.addAsModule(ejb);
    }
}
