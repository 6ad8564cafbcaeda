package com.tokyoia.it.fuzz;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;

/** The operations the JAX-RS resources declare ("GET /api/agents/{id}"), found by reflection. */
public final class JaxRsOperations {
    private static final Map<Class<? extends Annotation>, String> METHODS = Map.of(GET.class, "GET", POST.class, "POST",
            PUT.class, "PUT", DELETE.class, "DELETE", PATCH.class, "PATCH", HEAD.class, "HEAD");

    private JaxRsOperations() {
    }

    public static TreeSet<String> in(String packageName) throws IOException, URISyntaxException, ClassNotFoundException {
        return new TreeSet<>(methods(packageName).keySet());
    }

    /** Each operation ("GET /api/agents/{id}") with the Java method that serves it. */
    public static TreeMap<String, Method> methods(String packageName) throws IOException, URISyntaxException, ClassNotFoundException {
        TreeSet<String> classes = new TreeSet<>();
        String folder = packageName.replace('.', '/');
        URL url = JaxRsOperations.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalStateException(packageName + " is not on the test class path");
        }
        if (url.getProtocol().equals("jar")) {
            try (JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile()) {
                jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(folder + "/") && n.endsWith(".class"))
                        .forEach(n -> classes.add(n.replace('/', '.').replace(".class", "")));
            }
        } else {
            try (var files = Files.walk(Paths.get(url.toURI()))) {
                var root = Paths.get(url.toURI());
                files.filter(f -> f.toString().endsWith(".class")).forEach(f -> classes.add(packageName + "."
                        + root.relativize(f).toString().replace('/', '.').replace(".class", "")));
            }
        }
        String application = "";
        TreeMap<String, Method> operations = new TreeMap<>();
        for (String name : classes) {
            Class<?> type = Class.forName(name, false, JaxRsOperations.class.getClassLoader());
            if (type.isAnnotationPresent(ApplicationPath.class)) {
                application = type.getAnnotation(ApplicationPath.class).value();
            }
        }
        for (String name : classes) {
            Class<?> type = Class.forName(name, false, JaxRsOperations.class.getClassLoader());
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method method : type.getMethods()) {
                for (Map.Entry<Class<? extends Annotation>, String> verb : METHODS.entrySet()) {
                    if (method.isAnnotationPresent(verb.getKey())) {
                        Path methodPath = method.getAnnotation(Path.class);
                        operations.put(verb.getValue() + " " + normalize(application + "/" + classPath.value() + "/"
                                + (methodPath == null ? "" : methodPath.value())), method);
                    }
                }
            }
        }
        return operations;
    }

    /** One slash between segments, none at the end, path parameters without their regular expressions. */
    public static String normalize(String path) {
        String p = path.replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
