package dev.rewind.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** All admin resources live under {@code /rewind/api}. */
@ApplicationPath("/api")
public class RewindApi extends Application {
}
