package dev.rewind.example;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The demo accounts: open, look at, freeze, and move money between them. Called by the handlers inside the
 * consumer's transaction, and by the example's REST resource in a transaction of its own.
 */
@ApplicationScoped
@Transactional
public class Accounts {

    @PersistenceContext(unitName = "example")
    EntityManager em;

    public Account open(String id, long balance) {
        if (em.find(Account.class, id) != null) {
            throw new TransferRefusedException("account '" + id + "' already exists");
        }
        Account account = new Account(id, balance);
        em.persist(account);
        return account;
    }

    /** Opens an account with nothing in it unless it exists (two first users at once: one rolls back, and retries). */
    public Account openIfAbsent(String id) {
        Account account = em.find(Account.class, id);
        return account != null ? account : open(id, 0);
    }

    /** Records a notification; {@code id} is the message's, so a second copy of the message cannot add a second. */
    public void notify(UUID id, String account, String text) {
        if (em.find(Account.class, account) == null) {
            throw new TransferRefusedException("there is no account '" + account + "' to notify");
        }
        em.persist(new Notification(id, account, text, Instant.now()));
    }

    /** Removes a notification; none to remove is fine (compensating twice changes nothing more). */
    public void withdrawNotification(UUID id) {
        Notification notification = em.find(Notification.class, id);
        if (notification != null) {
            em.remove(notification);
        }
    }

    public List<Notification> notifications(String account) {
        return em.createQuery("select n from Notification n where n.account = :account order by n.createdAt, n.id",
                Notification.class).setParameter("account", account).getResultList();
    }

    public Optional<Account> find(String id) {
        return Optional.ofNullable(em.find(Account.class, id));
    }

    public List<Account> all() {
        return em.createQuery("select a from Account a order by a.id", Account.class).getResultList();
    }

    public void setFrozen(String id, boolean frozen) {
        locked(id).setFrozen(frozen);
    }

    /**
     * Moves money between two accounts. Both rows are locked in id order, so concurrent
     * transfers between the same accounts wait for each other instead of deadlocking.
     */
    public void transfer(String from, String to, long amount) {
        boolean fromFirst = from.compareTo(to) < 0;
        Account first = locked(fromFirst ? from : to);
        Account second = locked(fromFirst ? to : from);
        Account source = fromFirst ? first : second;
        Account target = fromFirst ? second : first;
        source.debit(amount);
        target.credit(amount);
    }

    private Account locked(String id) {
        Account account = em.find(Account.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            throw new TransferRefusedException("there is no account '" + id + "'");
        }
        return account;
    }
}
