package dev.rewind.example.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The example's REST API, beside Rewind's: {@code /rewind-example/api/accounts}. */
@ApplicationPath("/api")
public class ExampleApi extends Application {
}
