package com.tokyoia.etl.infrastructure.parquet;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/** A local Parquet output that computes the file's SHA-256 while the bytes are written. */
final class HashingOutputFile implements OutputFile {
    private final Path path;
    private final MessageDigest sha256;
    private OutputStream opened;

    HashingOutputFile(Path path) {
        this.path = path;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes the file if it was opened: parquet's abort() leaves the stream of an aborted writer open. */
    void closeAfterFailure(Exception failure) {
        if (opened != null) {
            try {
                opened.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * Closes the file if it is still open, for a file being abandoned: an aborted writer's close()
     * returns without closing it, and the open descriptor would keep the deleted file's space taken
     * (a full work directory stayed full after the failed export, faults/run.sh disk-full). A failure
     * to close is of no use to anyone then: the descriptor is released all the same.
     */
    void abandon() {
        if (opened != null) {
            try {
                opened.close();
            } catch (IOException e) {
                // Flushing what was left failed (the disk is still full): the stream is closed regardless.
            }
        }
    }

    String sha256Hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return createOrOverwrite(blockSizeHint);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 1 << 20);
        opened = out;
        return new PositionOutputStream() {
            private long position;

            @Override
            public long getPos() {
                return position;
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                sha256.update((byte) b);
                position++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                sha256.update(b, off, len);
                position += len;
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return path.toString();
    }
}
