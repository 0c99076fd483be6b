package io.anidoc.cli;

import io.anidoc.colorizer.ColorizerMain;
import io.anidoc.console.ConsoleConfig;
import io.anidoc.ingest.IngestConfig;
import io.anidoc.matcher.MatcherMain;
import io.anidoc.runtime.config.RuntimeConfig;
import io.anidoc.runtime.config.Setting;
import io.anidoc.runtime.stage.StageService;
import io.anidoc.sink.SinkConfig;
import io.anidoc.tracker.TrackerMain;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings tables of the docs against the settings the services read: every setting is in a
 * table with its default, and every variable a table names is read by some service (or by the
 * launcher script, which the code's lists do not hold). The tables are those of docs/*.md whose
 * first column is a variable in back quotes: docs/configuration.md and the pages it points to.
 */
class SettingsDocumentedTest {

    private static final Path DOCS = Path.of("..", "docs");
    /** A table row naming one variable: | `NAME` | default | meaning |. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([A-Z][A-Z0-9_]*)`\\s*\\|([^|]*)\\|");
    /** Its default is each service's own name. */
    private static final String SERVICE_NAME = "ANIDOC_SERVICE_NAME";
    /** Read by bin/anidoc (the launcher), not by a service. */
    private static final Set<String> LAUNCHER = Set.of("JAVA_HOME", "ANIDOC_JAVA_OPTS", "ANIDOC_CPUS", "ANIDOC_NATIVE_DIR",
            "MALLOC_ARENA_MAX", "GLIBC_TUNABLES");

    @Test
    void everySettingIsDocumentedWithItsDefault() throws IOException {
        Map<String, String> documented = documentedDefaults();
        List<String> problems = new ArrayList<>();
        for (Setting setting : codeSettings().values()) {
            String doc = documented.get(setting.name());
            if (doc == null) {
                problems.add(setting.name() + " is in no settings table of docs/");
            } else if (setting.hasDefault() && !setting.name().equals(SERVICE_NAME)
                    && !doc.contains("`" + setting.defaultValue() + "`")) {
                problems.add(setting.name() + ": the docs give the default " + doc.strip() + ", the code `"
                        + setting.defaultValue() + "`");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyDocumentedVariableIsReadByTheCode() throws IOException {
        Set<String> known = codeSettings().keySet();
        List<String> unknown = documentedDefaults().keySet().stream()
                .filter(name -> !known.contains(name) && !LAUNCHER.contains(name))
                .toList();
        assertThat(unknown).as("variables in docs/ tables that no service reads").isEmpty();
    }

    @Test
    void theCheckSeesTheTablesOfConfigurationAndStages() throws IOException {
        Map<String, String> documented = documentedDefaults();
        assertThat(documented).containsKeys("ANIDOC_SHUTDOWN_TIMEOUT", "ANIDOC_STAGE_REVOKE_TIMEOUT",
                "ANIDOC_MATCHER_ENGINE", "ANIDOC_LOG_LEVEL");
        assertThat(documented.get("ANIDOC_SHUTDOWN_TIMEOUT")).contains("`30s`");
    }

    private static Map<String, Setting> codeSettings() {
        Map<String, Setting> all = new LinkedHashMap<>();
        List<Setting> lists = new ArrayList<>(RuntimeConfig.settings("any"));
        lists.addAll(StageService.settings(MatcherMain.MODULE));
        lists.addAll(StageService.settings(TrackerMain.MODULE));
        lists.addAll(StageService.settings(ColorizerMain.MODULE));
        lists.addAll(IngestConfig.SETTINGS);
        lists.addAll(SinkConfig.SETTINGS);
        lists.addAll(ConsoleConfig.SETTINGS);
        lists.forEach(setting -> all.putIfAbsent(setting.name(), setting));
        return all;
    }

    /** Variable to the default column of its first table row, over every docs/*.md file. */
    private static Map<String, String> documentedDefaults() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        Set<Path> files = new LinkedHashSet<>();
        try (var list = Files.list(DOCS)) {
            list.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                Matcher row = ROW.matcher(line);
                if (row.find()) {
                    rows.putIfAbsent(row.group(1), row.group(2));
                }
            }
        }
        return rows;
    }
}
