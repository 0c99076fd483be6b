package io.anidoc.runtime.testing;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Populated instances of generated Avro classes, built from their schemas so that every field,
 * every union branch and every new schema is covered without hand-written samples.
 */
public final class AvroSamples {

    private final Random random;

    public AvroSamples(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Every generated record class in the package of {@code anchor} (found by listing the
     * directory or jar the class was loaded from), sorted by name.
     */
    @SuppressWarnings("unchecked")
    public static List<Class<? extends SpecificRecord>> recordClassesBeside(Class<?> anchor) throws IOException {
        String packagePath = anchor.getPackageName().replace('.', '/');
        Path location;
        try {
            location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the classes of " + anchor.getName(), e);
        }
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.list(location.resolve(packagePath))) {
                files.map(p -> p.getFileName().toString()).forEach(names::add);
            }
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(location);
                 Stream<Path> files = Files.list(jar.getPath(packagePath))) {
                files.map(p -> p.getFileName().toString()).forEach(names::add);
            }
        }
        List<Class<? extends SpecificRecord>> classes = new ArrayList<>();
        for (String file : names.stream().sorted().toList()) {
            if (!file.endsWith(".class") || file.contains("$")) {
                continue;
            }
            String className = anchor.getPackageName() + "." + file.substring(0, file.length() - ".class".length());
            try {
                Class<?> type = Class.forName(className, false, anchor.getClassLoader());
                if (SpecificRecord.class.isAssignableFrom(type) && !type.isInterface()) {
                    classes.add((Class<? extends SpecificRecord>) type);
                }
            } catch (ClassNotFoundException e) {
                throw new IOException("listed but not loadable: " + className, e);
            }
        }
        return classes;
    }

    /** How many different instances {@link #sample(Class, int)} makes: one per branch of the widest union, plus one with every optional field empty. */
    public static int variants(Class<? extends SpecificRecord> type) {
        return widestUnion(SpecificData.get().getSchema(type), new ArrayList<>()) + 1;
    }

    /**
     * A populated instance. Variant {@code v} takes branch {@code v} (modulo the branch count) of
     * every union; the last variant leaves every optional field {@code null}.
     */
    public <T extends SpecificRecord> T sample(Class<T> type, int variant) {
        Schema schema = SpecificData.get().getSchema(type);
        boolean nulls = variant == variants(type) - 1;
        return type.cast(value(schema, variant, nulls));
    }

    private Object value(Schema schema, int variant, boolean nulls) {
        return switch (schema.getType()) {
            case RECORD -> {
                SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), value(field.schema(), variant, nulls));
                }
                yield record;
            }
            case ENUM -> SpecificData.get().createEnum(
                    schema.getEnumSymbols().get((variant + random.nextInt(100)) % schema.getEnumSymbols().size()), schema);
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < 2 + random.nextInt(2); i++) {
                    items.add(value(schema.getElementType(), variant, nulls));
                }
                yield items;
            }
            case MAP -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < 2; i++) {
                    map.put("key-" + i + "-" + random.nextInt(1000), value(schema.getValueType(), variant, nulls));
                }
                yield map;
            }
            case UNION -> {
                List<Schema> branches = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
                boolean nullable = branches.size() < schema.getTypes().size();
                if (nullable && nulls) {
                    yield null;
                }
                yield value(branches.get(variant % branches.size()), variant, nulls);
            }
            case STRING -> "s" + random.nextInt(1_000_000) + "-\u30a2\u30cb";
            case BYTES -> {
                byte[] bytes = new byte[1 + random.nextInt(16)];
                random.nextBytes(bytes);
                yield ByteBuffer.wrap(bytes);
            }
            case FIXED -> {
                byte[] bytes = new byte[schema.getFixedSize()];
                random.nextBytes(bytes);
                yield SpecificData.get().createFixed(null, bytes, schema);
            }
            case INT -> random.nextInt(10_000);
            case LONG -> 1_700_000_000_000L + random.nextInt(1_000_000);
            case FLOAT -> random.nextFloat();
            case DOUBLE -> random.nextDouble();
            case BOOLEAN -> random.nextBoolean();
            case NULL -> null;
        };
    }

    private static int widestUnion(Schema schema, List<String> seen) {
        return switch (schema.getType()) {
            case RECORD -> {
                if (seen.contains(schema.getFullName())) {
                    yield 1;
                }
                seen.add(schema.getFullName());
                int widest = 1;
                for (Schema.Field field : schema.getFields()) {
                    widest = Math.max(widest, widestUnion(field.schema(), seen));
                }
                yield widest;
            }
            case ARRAY -> widestUnion(schema.getElementType(), seen);
            case MAP -> widestUnion(schema.getValueType(), seen);
            case UNION -> {
                int widest = (int) schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).count();
                for (Schema branch : schema.getTypes()) {
                    widest = Math.max(widest, widestUnion(branch, seen));
                }
                yield widest;
            }
            default -> 1;
        };
    }
}
