package dev.rewind.example;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of a {@code notification.requested} message: {@code {"account":"bob","text":"rent"}}. */
public class NotificationRequest {

    @NotBlank
    @Size(max = 64)
    private String account;

    @NotBlank
    @Size(max = 200)
    private String text;

    public NotificationRequest() {
    }

    public NotificationRequest(String account, String text) {
        this.account = account;
        this.text = text;
    }

    public String getAccount() {
        return account;
    }

    public void setAccount(String account) {
        this.account = account;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }
}
