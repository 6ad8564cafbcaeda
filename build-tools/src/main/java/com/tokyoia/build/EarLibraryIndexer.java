package com.tokyoia.build;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.jboss.jandex.Index;
import org.jboss.jandex.IndexWriter;
import org.jboss.jandex.Indexer;

/**
 * Adds a Jandex annotation index ({@code META-INF/jandex.idx}) to every jar an EAR bundles that
 * has none, and rewrites the EAR in place.
 *
 * <p>Why: WildFly builds that index itself for every jar of a deployment, on every deployment,
 * by reading each class; for this EAR's 70 MB of libraries (Hadoop, Parquet, the AWS SDK, the
 * Trino driver) that was four fifths of the CPU a deployment took (JFR, about 6 s of 19 s), paid
 * again by each test class that deploys the EAR and by each node that starts. WildFly reads an
 * index a jar already carries instead ({@code ResourceRootIndexer}), so the index is computed
 * once here, by the same Jandex as the server's, over the same classes, and the deployment sees
 * the same annotations. Jars that carry an index already are left as they are, so running this
 * twice changes nothing. Classes Jandex cannot read are left out, as WildFly leaves them out.
 */
public final class EarLibraryIndexer {
    static final String INDEX_ENTRY = "META-INF/jandex.idx";
    static final String JANDEX_VERSION = jandexVersion();

    private EarLibraryIndexer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: EarLibraryIndexer <path of the .ear> [<cache directory>]");
        }
        Path ear = Path.of(args[0]);
        Path cache = args.length == 2 ? Path.of(args[1]) : null;
        long started = System.nanoTime();
        Summary summary = indexInPlace(ear, cache);
        System.out.printf("[jandex] %s: %d jar(s) indexed now (%d classes), %d from the cache, %d had an index, in %d ms%n",
                ear.getFileName(), summary.jarsIndexed(), summary.classesIndexed(), summary.jarsFromCache(),
                summary.jarsAlreadyIndexed(), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Rewrites {@code ear} with an index in each of its jars, indexing jars in parallel; the file
     * is replaced, keeping its permissions, only once the new one is whole. With a cache
     * directory, a jar indexed by an earlier build (the same bytes) is taken from there: indexing
     * the EAR's 33,000 classes takes about 15 s, and the build packages the EAR again and again.
     */
    static Summary indexInPlace(Path ear, Path cache) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (ZipFile in = new ZipFile(ear.toFile())) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                try (InputStream content = in.getInputStream(entry)) {
                    entries.add(new Entry(entry, content.readAllBytes()));
                }
            }
        }
        ExecutorService workers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        Summary summary = new Summary();
        Path rewritten = Files.createTempFile(ear.toAbsolutePath().getParent(), ear.getFileName().toString(), ".tmp");
        try {
            List<Future<Indexed>> jars = new ArrayList<>();
            for (Entry entry : entries) {
                jars.add(entry.isJar() ? workers.submit(() -> withIndex(entry.bytes(), cache)) : null);
            }
            try (OutputStream file = Files.newOutputStream(rewritten); ZipOutputStream out = new ZipOutputStream(file)) {
                for (int i = 0; i < entries.size(); i++) {
                    Entry entry = entries.get(i);
                    byte[] bytes = entry.bytes();
                    if (jars.get(i) != null) {
                        Indexed jar = jars.get(i).get();
                        summary.add(jar);
                        bytes = jar.bytes();
                    }
                    write(out, entry.entry(), bytes, entry.isJar());
                }
            }
            if (Files.getFileStore(ear).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(rewritten, Files.getPosixFilePermissions(ear));
            }
            Files.move(rewritten, ear, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return summary;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while indexing " + ear, e);
        } catch (ExecutionException e) {
            throw new IOException("could not index a jar of " + ear, e.getCause());
        } finally {
            workers.shutdownNow();
            Files.deleteIfExists(rewritten);
        }
    }

    /** The jar with an index, from the cache when it holds this jar, else indexed now and put in the cache. */
    static Indexed withIndex(byte[] jar, Path cache) throws IOException {
        if (cache == null) {
            return withIndex(jar);
        }
        // The index's bytes depend on the Jandex that wrote them: a newer one must not be served an older one's.
        Path cached = cache.resolve("jandex-" + JANDEX_VERSION).resolve(sha256(jar) + ".jar");
        if (Files.isRegularFile(cached)) {
            return new Indexed(Files.readAllBytes(cached), Source.FROM_CACHE, 0);
        }
        Indexed indexed = withIndex(jar);
        if (indexed.how() == Source.INDEXED_NOW) {
            Files.createDirectories(cached.getParent());
            Path partial = Files.createTempFile(cached.getParent(), "indexing", ".tmp");
            Files.write(partial, indexed.bytes());
            Files.move(partial, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return indexed;
    }

    /** The version of the Jandex on this classpath, from the Maven metadata its jar carries. */
    static String jandexVersion() {
        try (InputStream in = Indexer.class.getResourceAsStream("/META-INF/maven/io.smallrye/jandex/pom.properties")) {
            Properties pom = new Properties();
            if (in != null) {
                pom.load(in);
            }
            String version = pom.getProperty("version");
            if (version == null || !version.matches("[0-9A-Za-z.\\-]+")) {
                throw new IllegalStateException("Jandex's jar names no usable version: " + version);
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read Jandex's version", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The jar with an index of its classes appended, or the jar unchanged when it has one. */
    static Indexed withIndex(byte[] jar) throws IOException {
        Indexer indexer = new Indexer();
        int classes = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (INDEX_ENTRY.equals(entry.getName())) {
                    return new Indexed(jar, Source.HAD_ONE, 0);
                }
                if (!entry.isDirectory() && entry.getName().endsWith(".class")) {
                    classes += indexOne(indexer, in, entry.getName());
                }
            }
        }
        Index index = indexer.complete();
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream(jar.length + 64 * 1024);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(rewritten)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                write(out, entry, in.readAllBytes(), false);
            }
            ByteArrayOutputStream serialized = new ByteArrayOutputStream();
            new IndexWriter(serialized).write(index);
            write(out, new ZipEntry(INDEX_ENTRY), serialized.toByteArray(), false);
        }
        return new Indexed(rewritten.toByteArray(), Source.INDEXED_NOW, classes);
    }

    private static int indexOne(Indexer indexer, InputStream classFile, String name) {
        try {
            indexer.index(classFile);
            return 1;
        } catch (IOException | RuntimeException e) {
            // WildFly skips a class it cannot index (WFLYSRV0173 at debug level); so does this index.
            System.out.printf("[jandex] skipped %s: %s%n", name, e);
            return 0;
        }
    }

    /**
     * Copies an entry keeping its name, time and method, or stored when asked: a jar in the EAR is
     * compressed already, and deflating it again took most of this step's time for 9 % of its size.
     * A stored entry needs its size and CRC up front.
     */
    private static void write(ZipOutputStream out, ZipEntry source, byte[] bytes, boolean stored) throws IOException {
        ZipEntry copy = new ZipEntry(source.getName());
        if (source.getTime() != -1) {
            copy.setTime(source.getTime());
        }
        if (stored || source.getMethod() == ZipEntry.STORED) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            copy.setMethod(ZipEntry.STORED);
            copy.setSize(bytes.length);
            copy.setCompressedSize(bytes.length);
            copy.setCrc(crc.getValue());
        }
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
    }

    private record Entry(ZipEntry entry, byte[] bytes) {
        boolean isJar() {
            return !entry.isDirectory() && entry.getName().endsWith(".jar");
        }
    }

    /** One jar after indexing: its bytes, where its index came from, and how many classes were indexed now. */
    record Indexed(byte[] bytes, Source how, int classes) {
    }

    /** Where a jar's index came from. */
    enum Source { INDEXED_NOW, FROM_CACHE, HAD_ONE }

    /** What one run did, for the build log. */
    static final class Summary {
        private int jarsIndexed;
        private int jarsFromCache;
        private int jarsAlreadyIndexed;
        private long classesIndexed;

        void add(Indexed jar) {
            switch (jar.how()) {
                case INDEXED_NOW -> {
                    jarsIndexed++;
                    classesIndexed += jar.classes();
                }
                case FROM_CACHE -> jarsFromCache++;
                default -> jarsAlreadyIndexed++;
            }
        }

        int jarsFromCache() {
            return jarsFromCache;
        }

        int jarsIndexed() {
            return jarsIndexed;
        }

        int jarsAlreadyIndexed() {
            return jarsAlreadyIndexed;
        }

        long classesIndexed() {
            return classesIndexed;
        }
    }
}
