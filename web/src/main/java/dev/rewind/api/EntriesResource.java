package dev.rewind.api;

import dev.rewind.ledger.Status;
import dev.rewind.query.EntryFilter;
import dev.rewind.query.EntryQueries;
import dev.rewind.query.EntrySummary;
import dev.rewind.query.EntryView;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** The ledger, read-only: newest entries, one entry in full, counts by status. */
@Path("/entries")
@Produces(MediaType.APPLICATION_JSON)
public class EntriesResource {

    @Inject
    EntryQueries queries;

    @GET
    public List<EntrySummary> latest(@QueryParam("status") String status,
                                     @QueryParam("limit") @DefaultValue("50") int limit) {
        Status wanted = Params.status(status);
        return queries.page(EntryFilter.status(wanted), null, Params.limit(limit, EntryQueries.MAX_LIMIT)).items();
    }

    @GET
    @Path("/counts")
    public Map<Status, Long> counts() {
        return queries.countByStatus();
    }

    @GET
    @Path("/{id}")
    public EntryView one(@PathParam("id") String id) {
        return queries.find(Params.id(id))
                .orElseThrow(() -> Problem.notFound("no message " + id + " in the ledger"));
    }
}
