package com.tokyoia.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the EJB modules leave the probes of what they own (the lake's store, the cold engine):
 * health checks must live in the EAR's library to be registered, and the library cannot see
 * the modules' beans, so the modules register here when they start.
 */
@ApplicationScoped
public class DependencyProbes {
    private final Map<String, DependencyProbe> probes = new ConcurrentHashMap<>();

    public void register(String name, DependencyProbe probe) {
        probes.put(name, probe);
    }

    public Optional<DependencyProbe> get(String name) {
        return Optional.ofNullable(probes.get(name));
    }
}
