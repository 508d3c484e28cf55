package io.ptp4j.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntBiFunction;

/**
 * A command run in-process, as its {@code main} would run it, with its exit code and what it
 * printed on standard output and standard error (UTF-8):
 * {@code Captured.of((out, err) -> PmcMain.run("pmc", args, out, err))}.
 */
public record Captured(int rc, String out, String err) {
    /** A command's body that may throw. */
    public interface Command {
        int run(PrintStream out, PrintStream err) throws Exception;
    }

    /** Runs {@code command} with fresh streams. */
    public static Captured of(ToIntBiFunction<PrintStream, PrintStream> command) {
        try {
            return call(command::applyAsInt);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("unreachable: the command declares no checked exception", e);
        }
    }

    /** Runs {@code command}, which may throw, with fresh streams. */
    public static Captured call(Command command) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int rc = command.run(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Captured(rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }
}
