package io.anidoc.core.image;

/** Loads OpenCV's native library once per JVM; every class that touches a Mat calls {@link #load()} first. */
public final class OpenCv {
    private static volatile boolean loaded;

    private OpenCv() {
    }

    public static void load() {
        if (loaded) {
            return;
        }
        synchronized (OpenCv.class) {
            if (!loaded) {
                nu.pattern.OpenCV.loadLocally();
                loaded = true;
            }
        }
    }
}
