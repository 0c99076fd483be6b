package io.anidoc.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the anidoc command with captured output. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Anidoc.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }
}
