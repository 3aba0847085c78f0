package dev.rewind.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The real EAR the build made, with the example domain and the test classes added, nothing else changed. */
public final class Deployments {

    private Deployments() {
    }

    /**
     * The product EAR the build made (Rewind without any handler), with the example domain added the way a
     * user adds theirs: its handlers' library in lib/ and its web module listed in application.xml.
     */
    public static EnterpriseArchive ear() {
        EnterpriseArchive ear = withExampleHandlers();
        WebArchive web = ShrinkWrap.create(ZipImporter.class, EXAMPLE_WAR)
                .importFrom(new File(System.getProperty("rewind.test.example.war"))).as(WebArchive.class);
        return ear.addAsModule(web).setApplicationXML(new StringAsset(withExampleModule(ear)));
    }

    /**
     * The product EAR with the example's handlers only, for tests that run in the server: Arquillian adds
     * its test servlet to the one web module of the EAR (Rewind's), so the example's is left out.
     */
    public static EnterpriseArchive withExampleHandlers() {
        File built = new File(System.getProperty("rewind.test.ear", "target/rewind.ear"));
        JavaArchive handlers = ShrinkWrap.create(ZipImporter.class, "rewind-example.jar")
                .importFrom(new File(System.getProperty("rewind.test.example.jar"))).as(JavaArchive.class);
        return ShrinkWrap.create(ZipImporter.class, "rewind.ear").importFrom(built).as(EnterpriseArchive.class)
                .addAsLibrary(handlers);
    }

    private static final String EXAMPLE_WAR = "rewind-example-web.war";

    private static String withExampleModule(EnterpriseArchive ear) {
        try (var in = ear.get("META-INF/application.xml").getAsset().openStream()) {
            String xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return xml.replace("</application>", "  <module>\n    <web>\n      <web-uri>" + EXAMPLE_WAR
                    + "</web-uri>\n      <context-root>/rewind-example</context-root>\n    </web>\n  </module>\n</application>");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static EnterpriseArchive earWithTests(Class<?>... testClasses) {
        JavaArchive tests = ShrinkWrap.create(JavaArchive.class, "rewind-tests.jar")
                .addClasses(testClasses)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        return withTestBeans(withExampleHandlers().addAsLibrary(tests));
    }

    /**
     * Adds the test-only session beans to the EJB module (beans in a library jar are not
     * deployed as EJBs): {@link AsOperator}, {@link AsApprover} and {@link TestSupport}.
     */
    public static EnterpriseArchive withTestBeans(EnterpriseArchive ear) {
        return withEjbClasses(ear, AsOperator.class, AsApprover.class, TestSupport.class, TestSupportRemote.class);
    }

    /** The example EAR with the test beans and {@link LineageHandlers}'s handlers in the EJB module. */
    public static EnterpriseArchive withLineageHandlers() {
        return withEjbClasses(withTestBeans(ear()), LineageHandlers.class, LineageHandlers.Node.class,
                LineageHandlers.Plain.class);
    }

    /**
     * For the benchmarks: the test classes as a library, and beans that must be in the EJB module
     * (a message-driven bean, observers of its events) added to it with the test beans.
     */
    public static EnterpriseArchive earWithBenchmarks(Class<?>[] benchClasses, Class<?>... ejbClasses) {
        JavaArchive bench = ShrinkWrap.create(JavaArchive.class, "rewind-bench.jar")
                .addClasses(benchClasses)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        return withEjbClasses(withTestBeans(withExampleHandlers().addAsLibrary(bench)), ejbClasses);
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
