package org.thinktrace.text;

/** Who said a message in a conversation, with the role name chat templates use. */
public enum Role {
    SYSTEM("system"),
    USER("user"),
    ASSISTANT("assistant");

    private final String templateName;

    Role(String templateName) {
        this.templateName = templateName;
    }

    /** The {@code role} value a chat template sees. */
    public String templateName() {
        return templateName;
    }
}
