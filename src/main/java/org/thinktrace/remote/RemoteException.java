package org.thinktrace.remote;

/** A remote server could not be used; the message is for the user and never holds the API key. */
public final class RemoteException extends Exception {

    public RemoteException(String message) {
        super(message);
    }

    public RemoteException(String message, Throwable cause) {
        super(message, cause);
    }
}
