package io.anidoc.ingest.status;

/** A warning or failure a stage reported; {@code clipId} is null for shot-level reports. */
public record StatusNote(String stage, String clipId, String message, long atMs) {
}
