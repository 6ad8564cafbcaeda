package com.tokyoia.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One process's line of {@code /proc/<pid>/stat} (proc(5)): its command name and CPU times. The
 * name is in parentheses and may itself hold spaces and parentheses, so the fields are counted
 * from the last closing one.
 *
 * @param command the command name, without its parentheses
 * @param ownTicks user and system time (fields 14 and 15), in clock ticks
 * @param reapedChildrenTicks user and system time of children it has waited for (16 and 17): for the
 *     postmaster, the backends that have ended
 */
record ProcStat(String command, long ownTicks, long reapedChildrenTicks) {

    /** The process's line, or empty when it has ended (or never was). */
    static Optional<ProcStat> of(long pid) throws IOException {
        return read(Path.of("/proc", Long.toString(pid)));
    }

    static Optional<ProcStat> read(Path procDir) throws IOException {
        try {
            return Optional.of(parse(Files.readString(procDir.resolve("stat"))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // A process that ends while its file is read: ESRCH, not a broken machine.
            if (Files.exists(procDir)) {
                throw e;
            }
            return Optional.empty();
        }
    }

    static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        // fields[0] is field 3 of proc(5), the state: utime (14) is fields[11].
        String[] fields = line.substring(close + 2).trim().split(" ");
        long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        long children = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        return new ProcStat(line.substring(open + 1, close), own, children);
    }

    double ownSeconds() {
        return ownTicks / ClockTicks.PER_SECOND;
    }

    double withReapedChildrenSeconds() {
        return (ownTicks + reapedChildrenTicks) / ClockTicks.PER_SECOND;
    }

    long ownNanos() {
        return ClockTicks.toNanos(ownTicks);
    }
}
