package io.anidoc.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Makes Avro trust the generated event classes of this project.
 *
 * <p>Avro 1.12.2 refuses to instantiate classes outside a trusted list while decoding
 * (SecurityException "Forbidden ... not trusted"). Rather than asking every service to start
 * its JVM with {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES}, the serdes add this package to
 * Avro's global validator once, keeping whatever was trusted before.
 */
final class TrustedSchemaPackage {

  static final String PACKAGE = "io.anidoc.schemas";

  private static final ClassSecurityPredicate EVENT_CLASSES =
      type -> type.getName().startsWith(PACKAGE + ".");

  static {
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), EVENT_CLASSES));
  }

  private TrustedSchemaPackage() {}

  /** Runs the static registration exactly once per class loader; cheap to call again. */
  static void ensureTrusted() {
    // the work happens in the static initializer
  }
}
