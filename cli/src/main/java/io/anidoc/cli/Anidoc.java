package io.anidoc.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

import io.anidoc.cli.station.IngestException;
import io.anidoc.cli.station.ShotFailedException;
import io.anidoc.runtime.files.NativeScratch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code anidoc} command. Exit codes: 0 success, 1 failure (the reason on stderr), 2 usage error.
 */
@Command(name = "anidoc", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Colorizes hand-drawn animation from a few colored keyframes.",
        subcommands = {SynthCommand.class, ColorizeCommand.class, EvalCommand.class, BenchCommand.class,
                UpCommand.class, BrokerCommand.class, ChaosCommand.class, SubmitCommand.class, WatchCommand.class, ServiceCommand.class, InferenceServerCommand.class,
                CommandLine.HelpCommand.class})
public final class Anidoc implements Callable<Integer> {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    public static void main(String[] args) {
        NativeScratch.adopt();
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Anidoc());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println("anidoc " + cmd.getCommandName() + ": " + describe(e));
            cmd.getErr().flush();
            return FAILURE;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static String describe(Throwable e) {
        if (e instanceof IllegalArgumentException || e instanceof UncheckedIOException
                || e instanceof IllegalStateException || e instanceof IngestException || e instanceof ShotFailedException) {
            Throwable cause = e.getCause();
            return e.getMessage() + (cause != null && cause.getMessage() != null && !e.getMessage().contains(cause.getMessage())
                    ? " (" + cause.getMessage() + ")" : "");
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
