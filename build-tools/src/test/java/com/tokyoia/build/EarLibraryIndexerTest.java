package com.tokyoia.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.IndexReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarLibraryIndexerTest {
    @Retention(RetentionPolicy.RUNTIME)
    @interface Marker {
    }

    @Marker
    static final class Annotated {
    }

    @TempDir
    Path dir;

    @Test
    void eachJarGetsAnIndexOfItsOwnClassesAndKeepsEveryEntry() throws IOException {
        Map<String, byte[]> library = new LinkedHashMap<>();
        library.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
        library.put(classEntry(Annotated.class), classBytes(Annotated.class));
        library.put(classEntry(Marker.class), classBytes(Marker.class));
        library.put("broken/NotAClass.class", "not bytecode".getBytes(StandardCharsets.UTF_8));
        library.put("config.properties", "a=1\n".getBytes(StandardCharsets.UTF_8));
        Path ear = dir.resolve("app.ear");
        Map<String, byte[]> earEntries = new LinkedHashMap<>();
        earEntries.put("META-INF/application.xml", "<application/>".getBytes(StandardCharsets.UTF_8));
        earEntries.put("lib/library.jar", zip(library, ZipEntry.STORED));
        writeZip(ear, earEntries, ZipEntry.STORED);

        EarLibraryIndexer.Summary summary = EarLibraryIndexer.indexInPlace(ear, null);

        assertThat(summary.jarsIndexed()).isEqualTo(1);
        assertThat(summary.classesIndexed()).isEqualTo(2);
        Map<String, byte[]> rewritten = entries(read(ear).get("lib/library.jar"));
        assertThat(rewritten.keySet()).containsExactly("META-INF/MANIFEST.MF", classEntry(Annotated.class),
                classEntry(Marker.class), "broken/NotAClass.class", "config.properties", EarLibraryIndexer.INDEX_ENTRY);
        library.forEach((name, bytes) -> assertThat(rewritten.get(name)).as(name).isEqualTo(bytes));
        Index index = new IndexReader(new ByteArrayInputStream(rewritten.get(EarLibraryIndexer.INDEX_ENTRY))).read();
        assertThat(index.getAnnotations(DotName.createSimple(Marker.class.getName())))
                .extracting(annotation -> annotation.target().asClass().name().toString())
                .containsExactly(Annotated.class.getName());
        assertThat(read(ear).get("META-INF/application.xml")).isEqualTo(earEntries.get("META-INF/application.xml"));
    }

    @Test
    void aSecondRunChangesNothing() throws IOException {
        Map<String, byte[]> library = Map.of(classEntry(Annotated.class), classBytes(Annotated.class));
        Path ear = dir.resolve("app.ear");
        writeZip(ear, Map.of("lib/library.jar", zip(library, ZipEntry.DEFLATED)), ZipEntry.DEFLATED);
        EarLibraryIndexer.indexInPlace(ear, null);
        byte[] once = Files.readAllBytes(ear);

        EarLibraryIndexer.Summary again = EarLibraryIndexer.indexInPlace(ear, null);

        assertThat(again.jarsIndexed()).isZero();
        assertThat(again.jarsAlreadyIndexed()).isEqualTo(1);
        assertThat(entries(Files.readAllBytes(ear)).get("lib/library.jar")).isEqualTo(entries(once).get("lib/library.jar"));
    }

    @Test
    void aJarIndexedByAnEarlierBuildComesFromTheCacheWithTheSameBytes() throws IOException {
        Map<String, byte[]> library = Map.of(classEntry(Annotated.class), classBytes(Annotated.class));
        Path cache = dir.resolve("cache");
        Path first = dir.resolve("first.ear");
        Path second = dir.resolve("second.ear");
        writeZip(first, Map.of("lib/library.jar", zip(library, ZipEntry.DEFLATED)), ZipEntry.DEFLATED);
        Files.copy(first, second);
        EarLibraryIndexer.Summary indexed = EarLibraryIndexer.indexInPlace(first, cache);

        EarLibraryIndexer.Summary cached = EarLibraryIndexer.indexInPlace(second, cache);

        assertThat(indexed.jarsIndexed()).isEqualTo(1);
        assertThat(cached.jarsIndexed()).isZero();
        assertThat(cached.jarsFromCache()).isEqualTo(1);
        assertThat(read(second).get("lib/library.jar")).isEqualTo(read(first).get("lib/library.jar"));
        assertThat(entries(read(second).get("lib/library.jar"))).containsKey(EarLibraryIndexer.INDEX_ENTRY);
        // Kept apart by the Jandex that wrote it: another version of Jandex would not find it.
        assertThat(cache.resolve("jandex-" + EarLibraryIndexer.JANDEX_VERSION)).isDirectoryContaining("glob:**.jar");
    }

    private static String classEntry(Class<?> type) {
        return type.getName().replace('.', '/') + ".class";
    }

    private static byte[] classBytes(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream("/" + classEntry(type))) {
            return in.readAllBytes();
        }
    }

    private static byte[] zip(Map<String, byte[]> entries, int method) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writeZip(bytes, entries, method);
        return bytes.toByteArray();
    }

    private static void writeZip(Path file, Map<String, byte[]> entries, int method) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeZip(out, entries, method);
        }
    }

    private static void writeZip(OutputStream target, Map<String, byte[]> entries, int method) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(target)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                if (method == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(entry.getValue());
                    zipEntry.setMethod(ZipEntry.STORED);
                    zipEntry.setSize(entry.getValue().length);
                    zipEntry.setCrc(crc.getValue());
                }
                out.putNextEntry(zipEntry);
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
    }

    private static Map<String, byte[]> read(Path ear) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(ear.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
