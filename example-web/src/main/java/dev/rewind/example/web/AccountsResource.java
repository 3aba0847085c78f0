package dev.rewind.example.web;

import dev.rewind.api.Roles;
import dev.rewind.example.Account;
import dev.rewind.example.Accounts;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The example domain's accounts, so a new user can see transfers take effect and be undone. */
@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
public class AccountsResource {

    /** What the API shows of an account. */
    public record AccountView(String id, long balance, boolean frozen) {
        static AccountView of(Account account) {
            return new AccountView(account.id(), account.balance(), account.frozen());
        }
    }

    @Inject
    Accounts accounts;

    @GET
    public List<AccountView> all() {
        return accounts.all().stream().map(AccountView::of).toList();
    }

    @GET
    @Path("/{id}")
    public AccountView one(@PathParam("id") String id) {
        return accounts.find(id).map(AccountView::of)
                .orElseThrow(() -> Problems.notFound("no account '" + id + "'"));
    }

    /** What a notification looks like in the API. */
    public record NotificationView(java.util.UUID id, String text, java.time.Instant createdAt) {
    }

    /** The account holder's notifications, oldest first: {@code notification.requested} messages that ran. */
    @GET
    @Path("/{id}/notifications")
    public List<NotificationView> notifications(@PathParam("id") String id) {
        if (accounts.find(id).isEmpty()) {
            throw Problems.notFound("no account '" + id + "'");
        }
        return accounts.notifications(id).stream()
                .map(n -> new NotificationView(n.id(), n.text(), n.createdAt())).toList();
    }

    /** Freezes ({@code true}) or unfreezes ({@code false}) an account: transfers touching a frozen one fail. */
    @PUT
    @Path("/{id}/frozen")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public AccountView freeze(@PathParam("id") String id, String body) {
        // The JSON literal itself, read strictly: JSON-B would take 1 or "yes" for a boolean.
        String literal = body == null ? "" : body.strip();
        if (!literal.equals("true") && !literal.equals("false")) {
            throw Problems.badRequest("send true or false as the JSON body");
        }
        boolean frozen = literal.equals("true");
        if (accounts.find(id).isEmpty()) {
            throw Problems.notFound("no account '" + id + "'");
        }
        accounts.setFrozen(id, frozen);
        return one(id);
    }
}
