package com.tokyoia.platform.health;

import java.io.IOException;
import java.sql.SQLException;

/** A free, quick look at one dependency: a short description of what answered, or an exception saying why it did not. */
@FunctionalInterface
public interface DependencyProbe {
    String probe() throws IOException, SQLException;
}
