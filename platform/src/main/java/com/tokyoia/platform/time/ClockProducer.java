package com.tokyoia.platform.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Gives every bean of the server the same UTC clock ({@link SystemTime}). */
@ApplicationScoped
public class ClockProducer {
    @Produces
    @Singleton
    Clock clock() {
        return SystemTime.clock();
    }
}
