package dev.rewind.sender;

import java.util.UUID;

/**
 * Opens one demo account by sending {@code account.opened}:
 * {@code mvn -q -pl sender exec:java -Dexec.mainClass=dev.rewind.sender.OpenAccount -Dexec.args="carol 0"}.
 */
public final class OpenAccount {

    private OpenAccount() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !args[1].matches("\\d{1,15}")) {
            System.err.println("usage: OpenAccount <account id> <opening balance in cents>");
            System.exit(2);
        }
        try (RewindSender sender = new RewindSender(System.getProperty("rewind.url", RewindSender.DEFAULT_URL),
                System.getProperty("rewind.user", "rewind-app"), System.getProperty("rewind.password", "rewind-app-pw"))) {
            UUID id = UUID.randomUUID();
            sender.send("account.opened", "{\"id\":\"" + args[0].replace("\"", "") + "\",\"balance\":" + args[1] + "}", id);
            System.out.printf("sent %s account.opened %s with %s cents%n", id, args[0], args[1]);
        }
    }
}
