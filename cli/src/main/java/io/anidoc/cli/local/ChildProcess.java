package io.anidoc.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One process of a run with separate processes (the chaos run, the memory bench, the pipeline bench's
 * drain): {@code anidoc broker} or {@code anidoc service NAME} in a JVM of
 * its own, started from this JVM's Java and class path, its output appended to a log file.
 * {@link #kill()} is {@code kill -9}: no shutdown hook runs, nothing is committed or closed.
 */
public final class ChildProcess {
    /** Lines of its log an error about a process quotes. */
    static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path workDir;
    private Process process;
    private int generation;

    public ChildProcess(String name, List<String> arguments, Map<String, String> environment, List<String> jvmOptions, Path workDir) {
        this.name = name;
        this.arguments = List.copyOf(arguments);
        this.environment = Map.copyOf(environment);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.workDir = workDir;
    }

    /** A TCP port free on the loopback interface now, for a child's HTTP server or a broker. */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    public String name() {
        return name;
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        generation++;
        Path scratch = workDir.resolve("native").resolve(name + "-" + generation);
        Path log = logFile();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Djava.io.tmpdir=" + scratch);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.anidoc.cli.Anidoc");
        command.addAll(arguments);
        try {
            Files.createDirectories(scratch);
            Files.createDirectories(log.getParent());
            Files.writeString(log, "==== start " + generation + " of " + name + " ====\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // an empty value unsets the variable: a blank POD_NAME would name no host in the JSON logs
            environment.forEach((key, value) -> {
                if (value.isEmpty()) {
                    builder.environment().remove(key);
                } else {
                    builder.environment().put(key, value);
                }
            });
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** {@code kill -9} and wait until the process is gone. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(30);
    }

    /** SIGTERM (a graceful stop) and wait; {@code kill -9} after the grace period. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(60)) {
            kill();
        }
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Why the process is not running: its exit code, or that it was never started; empty while it runs. */
    public synchronized Optional<String> exitReason() {
        if (process == null) {
            return Optional.of(name + " was never started");
        }
        return process.isAlive() ? Optional.empty() : Optional.of(name + " exited with code " + process.exitValue());
    }

    /**
     * When the process is not running: why, before {@code what}, with the end of its log (a failure
     * to start or to answer names its cause there); empty while it runs.
     */
    public Optional<String> exitedBefore(String what) {
        return exitReason().map(reason -> reason + " before " + what + "; " + logEnd());
    }

    /** "its log ends:" and the last {@link #LOG_TAIL_LINES} lines of the log. */
    public String logEnd() {
        return "its log ends:\n" + logTail(LOG_TAIL_LINES);
    }

    /** The last lines of the process's log. */
    public String logTail(int lines) {
        Path log = logFile();
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }

    private Path logFile() {
        return workDir.resolve("logs").resolve(name + ".log");
    }

    private boolean awaitExit(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
