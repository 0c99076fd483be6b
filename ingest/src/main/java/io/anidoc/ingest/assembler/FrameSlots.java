package io.anidoc.ingest.assembler;

import io.anidoc.schemas.FrameIngested;

/** Read-only view of the images the assembler holds, by {@link AssemblerModel#frameKey} key. */
@FunctionalInterface
interface FrameSlots {

    /** The image in the slot, or null. */
    FrameIngested get(String key);

    /** This view with one more image, not stored yet. */
    default FrameSlots with(String key, FrameIngested frame) {
        return k -> k.equals(key) ? frame : get(k);
    }
}
