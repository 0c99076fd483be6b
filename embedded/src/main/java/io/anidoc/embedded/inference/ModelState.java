package io.anidoc.embedded.inference;

/**
 * One model of the repository as the server sees it.
 *
 * @param name    the model's name (its directory)
 * @param version the version served, empty when the model has no usable version directory
 * @param state   {@code READY} or {@code UNAVAILABLE}, as Triton reports them
 * @param reason  why the model is unavailable; empty when ready
 */
public record ModelState(String name, String version, String state, String reason) {

    public static final String READY = "READY";
    public static final String UNAVAILABLE = "UNAVAILABLE";

    public boolean ready() {
        return READY.equals(state);
    }
}
